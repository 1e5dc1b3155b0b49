#include "server/server_log.hpp"

#include <array>
#include <initializer_list>

namespace pgpm::server {

namespace {

std::string_view trim(std::string_view line) {
    const auto first = line.find_first_not_of(" \t\r");
    if (first == std::string_view::npos) {
        return {};
    }
    return line.substr(first, line.find_last_not_of(" \t\r") - first + 1);
}

bool contains_any(std::string_view line, std::initializer_list<std::string_view> markers) {
    for (auto marker : markers) {
        if (line.find(marker) != std::string_view::npos) {
            return true;
        }
    }
    return false;
}

}  // namespace

std::string explaining_line(std::string_view log) {
    // Ranked from most to least telling; the last line of the best rank wins.
    constexpr std::size_t kRanks = 4;
    std::array<std::string_view, kRanks> last{};
    for (std::string_view rest = log; !rest.empty();) {
        const auto end = rest.find('\n');
        const auto line = trim(rest.substr(0, end));
        rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
        if (line.empty()) {
            continue;
        }
        if (contains_any(line, {"PANIC:", "FATAL:"})) {
            last[0] = line;
        } else if (contains_any(line, {"ERROR:", "error:"})) {
            last[1] = line;
        } else if (contains_any(line, {"LOG:"})) {
            last[2] = line;
        }
        last[3] = line;
    }
    for (auto line : last) {
        if (!line.empty()) {
            return std::string(line);
        }
    }
    return {};
}

}  // namespace pgpm::server
