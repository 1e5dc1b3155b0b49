#pragma once

#include <cstddef>
#include <string_view>

namespace pgpm::plan::detail {

// Columns (1-based, in code points) of several places of one line, each counted from the previous
// place rather than from the start of the line.
class ColumnCounter {
public:
    explicit ColumnCounter(std::string_view line) : line_(line) {}

    int column_at(std::size_t offset);

private:
    std::string_view line_;
    std::size_t offset_ = 0;
    int column_ = 1;
};

}  // namespace pgpm::plan::detail
