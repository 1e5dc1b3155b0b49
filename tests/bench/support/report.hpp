// Medians and the printed tables of the benchmarks.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "process.hpp"

namespace pgpm_bench {

// Measurements by name, one Finished per run.
using Samples = std::map<std::string, std::vector<Finished>>;

double median(std::vector<double> values);
double median(const std::vector<Finished>& samples, double Finished::*field);

// The median wall time of `name` in ms.
double median_ms(const Samples& samples, const std::string& name);

// A table on stdout: per measurement the median, min and max wall time and the median CPU time
// of the client process itself, which the server's work and the machine's load barely touch:
// when the wall-clock ratios are noisy, it still shows what the client costs.
void print_samples(const Samples& samples, int runs);

// Progress on stderr: `warm-up...` for round 0 (measured, then discarded), else `run R/RUNS...`.
void announce_round(int round, int runs);

// One line of the figures: label, value, and a note (a target, a comparison) when not empty.
void print_figure(const std::string& label, const std::string& value, const std::string& note,
                  int label_width = 50);

// A `--name N` option: a whole number from `minimum` to 1000000, its default the value `value`
// points at when parsing starts.
struct CountOption {
    const char* name;
    int* value;
    long minimum;
};

// A `--name` switch that sets `*value`.
struct FlagOption {
    const char* name;
    bool* value;
};

// Parses argv into the options; anything else, or a bad number, throws std::invalid_argument
// with the usage line (`usage: PROGRAM [--name N (default)] ... [--flag]`).
void parse_command_line(int argc, char** argv, const std::vector<CountOption>& counts,
                        const std::vector<FlagOption>& flags = {});

}  // namespace pgpm_bench
