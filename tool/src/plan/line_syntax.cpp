#include "plan/line_syntax.hpp"

#include <bit>
#include <cstdint>
#include <cstring>

namespace pgpm::plan::detail {
namespace {

constexpr std::string_view kTagNeedsSignature =
    "tag line needs planner and <email> after its timestamp";

bool is_blank(char c) {
    return c == ' ' || c == '\t';
}

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

std::string quoted(std::string_view text) {
    std::string result;
    result.reserve(text.size() + 2);
    result += '"';
    result += text;
    result += '"';
    return result;
}

enum class TimestampShape { valid, malformed, out_of_range, other };

int two_digits(std::string_view text, std::size_t at) {
    return (text[at] - '0') * 10 + (text[at + 1] - '0');
}

// A word starting like a date is a timestamp gone wrong (fractions, offsets), not some other
// field, so it gets a message about timestamps.
TimestampShape classify_timestamp(std::string_view word) {
    constexpr std::string_view pattern = "dddd-dd-ddTdd:dd:ddZ";
    constexpr std::size_t date_length = 11;
    const auto matches = [&](std::size_t i) {
        return pattern[i] == 'd' ? is_digit(word[i]) : word[i] == pattern[i];
    };
    for (std::size_t i = 0; i < date_length; ++i) {
        if (i >= word.size() || !matches(i))
            return TimestampShape::other;
    }
    if (word.size() != pattern.size())
        return TimestampShape::malformed;
    for (std::size_t i = date_length; i < pattern.size(); ++i) {
        if (!matches(i))
            return TimestampShape::malformed;
    }
    const int month = two_digits(word, 5);
    const int day = two_digits(word, 8);
    if (month < 1 || month > 12 || day < 1 || day > 31 || two_digits(word, 11) > 23 ||
        two_digits(word, 14) > 59 || two_digits(word, 17) > 60) {
        return TimestampShape::out_of_range;
    }
    return TimestampShape::valid;
}

LineError timestamp_error(const Token& word, TimestampShape shape) {
    if (shape == TimestampShape::out_of_range) {
        return {word.offset, "invalid timestamp " + quoted(word.text) +
                                 ": a date or time field is out of range"};
    }
    return {word.offset, "invalid timestamp " + quoted(word.text) +
                             ": expected YYYY-MM-DDThh:mm:ssZ (UTC, whole seconds)"};
}

// Where the word starting at `from` ends: at a blank, at `stop` or at the end of the line. Most
// bytes of a plan are in words, so eight of them are tested at once.
std::size_t word_end(std::string_view line, std::size_t from, char stop) {
    // The lowest byte found is the first in the line only on little-endian machines.
    static_assert(std::endian::native == std::endian::little);
    constexpr std::uint64_t ones = 0x0101010101010101U;
    // Flags the zero bytes of `x`, and maybe bytes above the first of them: borrows only go up.
    const auto zero_bytes = [](std::uint64_t x) { return (x - ones) & ~x & (ones << 7); };
    std::size_t end = from;
    for (; end + sizeof(std::uint64_t) <= line.size(); end += sizeof(std::uint64_t)) {
        std::uint64_t bytes;
        std::memcpy(&bytes, line.data() + end, sizeof bytes);
        const std::uint64_t found = zero_bytes(bytes ^ (ones * ' ')) |
                                    zero_bytes(bytes ^ (ones * '\t')) |
                                    zero_bytes(bytes ^ (ones * static_cast<unsigned char>(stop)));
        if (found != 0)
            return end + static_cast<std::size_t>(std::countr_zero(found)) / 8;
    }
    while (end < line.size() && !is_blank(line[end]) && line[end] != stop)
        ++end;
    return end;
}

class Cursor {
public:
    Cursor(std::string_view line, std::size_t pos) : line_(line), pos_(pos) {}

    bool at_end() const { return pos_ >= line_.size(); }
    char peek() const { return line_[pos_]; }
    std::size_t pos() const { return pos_; }
    void advance() { ++pos_; }

    void skip_blanks() {
        while (!at_end() && is_blank(peek()))
            ++pos_;
    }

    // A run of non-blank characters; `stop` ends it too (the `]` closing the dependencies).
    Token take_word(char stop = ' ') {
        const std::size_t start = pos_;
        pos_ = word_end(line_, start, stop);
        return {line_.substr(start, pos_ - start), start};
    }

    // The cursor is on the note's `#`; the blanks after it are not part of the note.
    std::string_view take_note() {
        advance();
        skip_blanks();
        const std::string_view note = line_.substr(pos_);
        pos_ = line_.size();
        return note;
    }

    // PLANNER runs to the email's `<` or to the blank-preceded `#` of a note.
    Token take_planner() {
        const std::size_t start = pos_;
        while (!at_end() && peek() != '<' && !(peek() == '#' && is_blank(line_[pos_ - 1]))) {
            ++pos_;
        }
        std::size_t end = pos_;
        while (end > start && is_blank(line_[end - 1]))
            --end;
        return {line_.substr(start, end - start), start};
    }

    // The cursor is on the email's `<`.
    std::optional<LineError> take_email(std::string_view& email) {
        const std::size_t open = pos_;
        const std::size_t close = line_.find('>', open);
        if (close == std::string_view::npos) {
            return LineError{open, "email must be enclosed in <>: missing \">\""};
        }
        email = line_.substr(open + 1, close - open - 1);
        pos_ = close + 1;
        return std::nullopt;
    }

private:
    std::string_view line_;
    std::size_t pos_;
};

// After the email only a note may follow.
std::optional<LineError> scan_after_email(Cursor& cursor, std::string_view& note) {
    const bool blank_before = cursor.at_end() || is_blank(cursor.peek());
    cursor.skip_blanks();
    if (cursor.at_end())
        return std::nullopt;
    if (blank_before && cursor.peek() == '#') {
        note = cursor.take_note();
        return std::nullopt;
    }
    const Token word = cursor.take_word();
    return LineError{word.offset, "unexpected " + quoted(word.text) + " after the email"};
}

// "[" [DEP {WS DEP}] "]", then a blank or the end of the line.
std::optional<LineError> scan_dependencies(Cursor& cursor, std::vector<Token>& out) {
    const std::size_t open = cursor.pos();
    cursor.advance();
    while (true) {
        cursor.skip_blanks();
        if (cursor.at_end()) {
            return LineError{open, "unterminated dependency list: missing \"]\""};
        }
        if (cursor.peek() == ']')
            break;
        out.push_back(cursor.take_word(']'));
    }
    cursor.advance();
    if (!cursor.at_end() && !is_blank(cursor.peek())) {
        return LineError{cursor.pos(), "expected whitespace after the \"]\" of the dependencies"};
    }
    return std::nullopt;
}

// [WS PLANNER] [WS "<" EMAIL ">"] [WS "#" NOTE], after a change line's timestamp.
std::optional<LineError> scan_change_signature(Cursor& cursor, ChangeLine& out) {
    cursor.skip_blanks();
    if (cursor.at_end())
        return std::nullopt;
    if (cursor.peek() == '#') {
        out.note = cursor.take_note();
        return std::nullopt;
    }
    if (cursor.peek() != '<') {
        out.planner = cursor.take_planner().text;
        cursor.skip_blanks();
        if (cursor.at_end())
            return std::nullopt;
        if (cursor.peek() == '#') {
            out.note = cursor.take_note();
            return std::nullopt;
        }
    }
    if (auto error = cursor.take_email(out.email))
        return error;
    return scan_after_email(cursor, out.note);
}

// WS PLANNER WS "<" EMAIL ">" [WS "#" NOTE], after a tag line's timestamp: unlike on change
// lines, planner and email are not optional there.
std::optional<LineError> scan_tag_signature(Cursor& cursor, TagLine& out) {
    const std::size_t after_timestamp = cursor.pos();
    cursor.skip_blanks();
    if (cursor.at_end() || cursor.peek() == '#' || cursor.peek() == '<') {
        return LineError{after_timestamp, std::string(kTagNeedsSignature)};
    }
    const Token planner = cursor.take_planner();
    out.planner = planner.text;
    cursor.skip_blanks();
    if (cursor.at_end() || cursor.peek() != '<') {
        return LineError{planner.offset + planner.text.size(), std::string(kTagNeedsSignature)};
    }
    if (auto error = cursor.take_email(out.email))
        return error;
    return scan_after_email(cursor, out.note);
}

}  // namespace

std::optional<LineError> scan_change_line(std::string_view line, std::size_t begin,
                                          ChangeLine& out) {
    out.dependencies.clear();  // keeps its capacity for the next line
    out.timestamp = out.planner = out.email = out.note = {};

    Cursor cursor(line, begin);
    out.name = cursor.take_word();
    cursor.skip_blanks();
    if (cursor.at_end())
        return std::nullopt;

    const bool has_dependencies = cursor.peek() == '[';
    if (has_dependencies) {
        if (auto error = scan_dependencies(cursor, out.dependencies))
            return error;
        cursor.skip_blanks();
        if (cursor.at_end())
            return std::nullopt;
    }
    if (cursor.peek() == '#') {
        out.note = cursor.take_note();
        return std::nullopt;
    }

    const Token word = cursor.take_word();
    const TimestampShape shape = classify_timestamp(word.text);
    if (shape == TimestampShape::other) {
        const std::string expected =
            has_dependencies
                ? "expected a timestamp YYYY-MM-DDThh:mm:ssZ after the dependencies"
                : "expected dependencies \"[...]\", a timestamp YYYY-MM-DDThh:mm:ssZ or a "
                  "\"#\" note after the change name";
        return LineError{word.offset, expected + ", found " + quoted(word.text)};
    }
    if (shape != TimestampShape::valid)
        return timestamp_error(word, shape);
    out.timestamp = word.text;
    return scan_change_signature(cursor, out);
}

std::optional<LineError> scan_tag_line(std::string_view line, std::size_t begin, TagLine& out) {
    out = TagLine{};

    Cursor cursor(line, begin + 1);
    out.name = cursor.take_word();
    cursor.skip_blanks();
    if (cursor.at_end())
        return std::nullopt;
    if (cursor.peek() == '#') {
        out.note = cursor.take_note();
        return std::nullopt;
    }

    Token word = cursor.take_word();
    TimestampShape shape = classify_timestamp(word.text);
    if (shape == TimestampShape::other) {
        out.change = word;
        cursor.skip_blanks();
        if (cursor.at_end())
            return std::nullopt;
        if (cursor.peek() == '#') {
            out.note = cursor.take_note();
            return std::nullopt;
        }
        word = cursor.take_word();
        shape = classify_timestamp(word.text);
        if (shape == TimestampShape::other) {
            return LineError{word.offset,
                             "expected a timestamp YYYY-MM-DDThh:mm:ssZ after the tagged change " +
                                 quoted(out.change.text) + ", found " + quoted(word.text)};
        }
    }
    if (shape != TimestampShape::valid)
        return timestamp_error(word, shape);
    out.timestamp = word.text;
    return scan_tag_signature(cursor, out);
}

std::optional<LineError> scan_pragma_line(std::string_view line, std::size_t begin,
                                          PragmaLine& out) {
    out = PragmaLine{};
    Cursor cursor(line, begin + 1);
    const Token key = cursor.take_word('=');
    out.key = key.text;
    cursor.skip_blanks();
    if (cursor.at_end() || cursor.peek() != '=') {
        return LineError{key.offset + key.text.size(),
                         "expected \"=\" after \"%" + std::string(key.text) + "\""};
    }
    cursor.advance();
    cursor.skip_blanks();
    out.value_offset = cursor.pos();
    out.value = line.substr(cursor.pos());
    return std::nullopt;
}

}  // namespace pgpm::plan::detail
