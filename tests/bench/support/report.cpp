#include "report.hpp"

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <stdexcept>

#include <fmt/format.h>

namespace pgpm_bench {

double median(std::vector<double> values) {
    if (values.empty())
        throw std::logic_error("median of no values");
    std::sort(values.begin(), values.end());
    const auto middle = values.size() / 2;
    return values.size() % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
}

double median(const std::vector<Finished>& samples, double Finished::*field) {
    std::vector<double> values;
    for (const auto& sample : samples)
        values.push_back(sample.*field);
    return median(std::move(values));
}

double median_ms(const Samples& samples, const std::string& name) {
    return median(samples.at(name), &Finished::seconds) * 1e3;
}

void print_samples(const Samples& samples, int runs) {
    std::size_t name_width = 34;
    for (const auto& [name, runs_of_name] : samples)
        name_width = std::max(name_width, name.size());
    std::cout << fmt::format("\n{:<{}} {:>10} {:>10} {:>10} {:>12}\n",
                             fmt::format("ms, {} runs", runs), name_width, "median", "min", "max",
                             "client CPU");
    for (const auto& [name, runs_of_name] : samples) {
        const auto [min, max] = std::minmax_element(
            runs_of_name.begin(), runs_of_name.end(),
            [](const Finished& a, const Finished& b) { return a.seconds < b.seconds; });
        std::cout << fmt::format("{:<{}} {:10.1f} {:10.1f} {:10.1f} {:12.1f}\n", name, name_width,
                                 median_ms(samples, name), min->seconds * 1e3, max->seconds * 1e3,
                                 median(runs_of_name, &Finished::cpu_seconds) * 1e3);
    }
}

void announce_round(int round, int runs) {
    std::cerr << (round == 0 ? std::string("warm-up") : fmt::format("run {}/{}", round, runs))
              << "...\n";
}

void print_figure(const std::string& label, const std::string& value, const std::string& note,
                  int label_width) {
    std::cout << fmt::format("{:<{}} {:>10}{}{}\n", label, label_width, value,
                             note.empty() ? "" : "  ", note);
}

namespace {

std::string usage(const char* program, const std::vector<CountOption>& counts,
                  const std::vector<FlagOption>& flags) {
    std::string text = fmt::format("usage: {}", program);
    for (const auto& count : counts)
        text += fmt::format(" [{} N ({})]", count.name, *count.value);
    for (const auto& flag : flags)
        text += fmt::format(" [{}]", flag.name);
    return text;
}

int parse_count(const char* text, const CountOption& option) {
    char* end = nullptr;
    const long value = text == nullptr ? 0 : std::strtol(text, &end, 10);
    if (text == nullptr || *end != '\0' || value < option.minimum || value > 1'000'000)
        throw std::invalid_argument(
            fmt::format("{} needs a whole number from {}", option.name, option.minimum));
    return static_cast<int>(value);
}

}  // namespace

void parse_command_line(int argc, char** argv, const std::vector<CountOption>& counts,
                        const std::vector<FlagOption>& flags) {
    const auto usage_line = usage(argv[0], counts, flags);  // with the defaults, before parsing
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        const auto flag = std::find_if(flags.begin(), flags.end(), [&](const FlagOption& option) {
            return arg == option.name;
        });
        const auto count =
            std::find_if(counts.begin(), counts.end(),
                         [&](const CountOption& option) { return arg == option.name; });
        if (flag != flags.end()) {
            *flag->value = true;
        } else if (count != counts.end()) {
            *count->value = parse_count(i + 1 < argc ? argv[i + 1] : nullptr, *count);
            ++i;
        } else {
            throw std::invalid_argument(usage_line);
        }
    }
}

}  // namespace pgpm_bench
