#include "diag/text_position.hpp"

#include <algorithm>

namespace pgpm {

namespace {
bool is_continuation_byte(char c) {
    return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}
}  // namespace

std::size_t count_code_points(std::string_view utf8) {
    return static_cast<std::size_t>(
        std::count_if(utf8.begin(), utf8.end(), [](char c) { return !is_continuation_byte(c); }));
}

std::size_t byte_offset_of_code_point(std::string_view utf8, std::size_t code_point_index) {
    std::size_t seen = 0;
    for (std::size_t i = 0; i < utf8.size(); ++i) {
        if (is_continuation_byte(utf8[i]))
            continue;
        if (seen == code_point_index)
            return i;
        ++seen;
    }
    return utf8.size();
}

LineIndex::LineIndex(std::string_view text) : text_(text) {
    // An editor shows no byte-order mark, so line 1 starts after it.
    line_starts_.push_back(text.starts_with("\xEF\xBB\xBF") ? 3 : 0);
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\n')
            line_starts_.push_back(i + 1);
    }
}

LinePosition LineIndex::position_of(std::size_t byte_offset) const {
    byte_offset = std::clamp(byte_offset, line_starts_.front(), text_.size());
    auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), byte_offset);
    const auto line_index = static_cast<std::size_t>(it - line_starts_.begin()) - 1;
    const std::size_t start = line_starts_[line_index];
    const auto column = count_code_points(text_.substr(start, byte_offset - start)) + 1;
    return {static_cast<int>(line_index) + 1, static_cast<int>(column)};
}

std::string_view LineIndex::line_text(int line) const {
    if (line < 1 || line > line_count())
        return {};
    const std::size_t start = line_starts_[static_cast<std::size_t>(line) - 1];
    std::size_t end = static_cast<std::size_t>(line) < line_starts_.size()
                          ? line_starts_[static_cast<std::size_t>(line)] - 1
                          : text_.size();
    if (end > start && text_[end - 1] == '\r')
        --end;
    return text_.substr(start, end - start);
}

}  // namespace pgpm
