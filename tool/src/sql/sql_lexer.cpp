#include "sql/sql_lexer.hpp"

namespace pgpm::sql {

namespace {

// PostgreSQL's scanner treats every byte of a multibyte character as a letter.
bool is_identifier_start(char c) {
    const auto u = static_cast<unsigned char>(c);
    return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || u == '_' || u >= 0x80;
}

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

bool is_identifier_char(char c) {
    return is_identifier_start(c) || is_digit(c) || c == '$';
}

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

bool starts_with_at(std::string_view text, std::size_t pos, std::size_t end, std::string_view s) {
    return pos + s.size() <= end && text.substr(pos, s.size()) == s;
}

// `pos` is at `/*`; comments nest.
std::size_t skip_block_comment(std::string_view text, std::size_t pos, std::size_t end) {
    std::size_t depth = 0;
    while (pos < end) {
        if (starts_with_at(text, pos, end, "/*")) {
            ++depth;
            pos += 2;
        } else if (starts_with_at(text, pos, end, "*/")) {
            pos += 2;
            if (--depth == 0)
                return pos;
        } else {
            ++pos;
        }
    }
    return end;
}

// `pos` is at the opening quote. Backslash escapes apply only to E'' strings.
std::size_t skip_quoted(std::string_view text, std::size_t pos, std::size_t end, char quote,
                        bool backslash_escapes) {
    for (++pos; pos < end; ++pos) {
        if (backslash_escapes && text[pos] == '\\') {
            ++pos;
        } else if (text[pos] == quote) {
            if (pos + 1 < end && text[pos + 1] == quote) {
                ++pos;
            } else {
                return pos + 1;
            }
        }
    }
    return end;
}

// The length of the `$tag$` delimiter at `pos`, or 0 when `$` does not open a dollar quote there
// (a parameter like `$1`).
std::size_t dollar_delimiter_length(std::string_view text, std::size_t pos, std::size_t end) {
    std::size_t i = pos + 1;
    if (i < end && is_identifier_start(text[i])) {
        while (i < end && (is_identifier_start(text[i]) || is_digit(text[i])))
            ++i;
    }
    return i < end && text[i] == '$' ? i + 1 - pos : 0;
}

std::size_t skip_number(std::string_view text, std::size_t pos, std::size_t end) {
    while (pos < end && (is_digit(text[pos]) || text[pos] == '.'))
        ++pos;
    // As in PostgreSQL 15, `1e` without exponent digits is the number 1 followed by `e`.
    if (pos < end && (text[pos] == 'e' || text[pos] == 'E')) {
        std::size_t i = pos + 1;
        if (i < end && (text[i] == '+' || text[i] == '-'))
            ++i;
        if (i < end && is_digit(text[i])) {
            pos = i;
            while (pos < end && is_digit(text[pos]))
                ++pos;
        }
    }
    return pos;
}

// `pos` is at the first byte of a token; returns the position just past it.
std::size_t skip_token(std::string_view text, std::size_t pos, std::size_t end) {
    const char c = text[pos];
    if (c == '\'')
        return skip_quoted(text, pos, end, '\'', false);
    if (c == '"')
        return skip_quoted(text, pos, end, '"', false);
    if ((c == 'e' || c == 'E') && pos + 1 < end && text[pos + 1] == '\'') {
        return skip_quoted(text, pos + 1, end, '\'', true);
    }
    if (c == '$') {
        const std::size_t delimiter = dollar_delimiter_length(text, pos, end);
        if (delimiter == 0) {
            ++pos;
            while (pos < end && is_digit(text[pos]))
                ++pos;
            return pos;
        }
        const auto close = text.substr(0, end).find(text.substr(pos, delimiter), pos + delimiter);
        return close == std::string_view::npos ? end : close + delimiter;
    }
    if (is_identifier_start(c)) {
        while (pos < end && is_identifier_char(text[pos]))
            ++pos;
        return pos;
    }
    if (is_digit(c) || (c == '.' && pos + 1 < end && is_digit(text[pos + 1]))) {
        return skip_number(text, pos, end);
    }
    // Operators and punctuation, one byte at a time: a comment may start inside an operator.
    return pos + 1;
}

}  // namespace

std::size_t skip_blanks(std::string_view text, std::size_t pos, std::size_t end) {
    while (pos < end) {
        if (is_space(text[pos])) {
            ++pos;
        } else if (starts_with_at(text, pos, end, "--")) {
            while (pos < end && text[pos] != '\n' && text[pos] != '\r')
                ++pos;
        } else if (starts_with_at(text, pos, end, "/*")) {
            pos = skip_block_comment(text, pos, end);
        } else {
            return pos;
        }
    }
    return end;
}

std::size_t end_of_last_token(std::string_view text, std::size_t begin, std::size_t end) {
    std::size_t last = begin;
    for (std::size_t pos = skip_blanks(text, begin, end); pos < end;
         pos = skip_blanks(text, pos, end)) {
        pos = skip_token(text, pos, end);
        last = pos;
    }
    return last;
}

}  // namespace pgpm::sql
