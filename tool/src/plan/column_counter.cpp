#include "plan/column_counter.hpp"

#include <cstdint>
#include <cstring>

#include "diag/text_position.hpp"

namespace pgpm::plan::detail {
namespace {

// Most plan lines are ASCII, where a column is a byte offset plus one; telling so a word at a time
// is several times faster than counting code points.
bool is_ascii(std::string_view text) {
    std::uint64_t bits = 0;
    std::size_t i = 0;
    for (; i + sizeof bits <= text.size(); i += sizeof bits) {
        std::uint64_t word;
        std::memcpy(&word, text.data() + i, sizeof word);
        bits |= word;
    }
    for (; i < text.size(); ++i)
        bits |= static_cast<unsigned char>(text[i]);
    return (bits & 0x8080808080808080U) == 0;
}

}  // namespace

int ColumnCounter::column_at(std::size_t offset) {
    if (offset < offset_) {
        offset_ = 0;
        column_ = 1;
    }
    const std::string_view part = line_.substr(offset_, offset - offset_);
    column_ += static_cast<int>(is_ascii(part) ? part.size() : count_code_points(part));
    offset_ = offset;
    return column_;
}

}  // namespace pgpm::plan::detail
