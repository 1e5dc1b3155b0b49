#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace pgpm {

// Number of Unicode code points in a UTF-8 byte range (continuation bytes are not counted, so
// invalid sequences still give a stable answer).
std::size_t count_code_points(std::string_view utf8);

// Byte offset of the code point with the given 0-based index; the size of the text when the
// index is past its end.
std::size_t byte_offset_of_code_point(std::string_view utf8, std::size_t code_point_index);

struct LinePosition {
    int line = 0;    // 1-based
    int column = 0;  // 1-based, in code points
};

// Maps byte offsets of a text to 1-based line and code-point column, and gives back each
// line's text. A line ends at '\n'; a '\r' before it is not part of the line's text, nor is
// a leading UTF-8 byte-order mark.
class LineIndex {
public:
    explicit LineIndex(std::string_view text);

    LinePosition position_of(std::size_t byte_offset) const;
    std::string_view line_text(int line) const;
    int line_count() const { return static_cast<int>(line_starts_.size()); }

private:
    std::string_view text_;
    std::vector<std::size_t> line_starts_;
};

}  // namespace pgpm
