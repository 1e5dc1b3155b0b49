#include "plan/plan.hpp"

#include <array>

namespace pgpm::plan {
namespace {

bool is_ascii_punctuation(char c) {
    return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') ||
           (c >= '{' && c <= '~');
}

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

unsigned char byte_at(std::string_view s, std::size_t i) {
    return i < s.size() ? static_cast<unsigned char>(s[i]) : 0;
}

bool is_ascii_space(unsigned char c) {
    return c == ' ' || (c >= '\t' && c <= '\r');
}

// The original checks names with JavaScript's \s, which also matches these Unicode spaces, so a
// name it rejects must not be accepted here. `lead`, the byte at `i`, is not ASCII.
bool is_unicode_space_at(unsigned char lead, std::string_view s, std::size_t i) {
    const unsigned char b1 = byte_at(s, i + 1);
    const unsigned char b2 = byte_at(s, i + 2);
    switch (lead) {
        case 0xC2:
            return b1 == 0xA0;  // U+00A0
        case 0xE1:
            return b1 == 0x9A && b2 == 0x80;  // U+1680
        case 0xE2:
            return (b1 == 0x80 && ((b2 >= 0x80 && b2 <= 0x8A) || b2 == 0xA8 || b2 == 0xA9 ||
                                   b2 == 0xAF)) ||  // U+2000..U+200A, U+2028, U+2029, U+202F
                   (b1 == 0x81 && b2 == 0x9F);      // U+205F
        case 0xE3:
            return b1 == 0x80 && b2 == 0x80;  // U+3000
        case 0xEF:
            return b1 == 0xBB && b2 == 0xBF;  // U+FEFF
        default:
            return false;
    }
}

std::string_view forbidden_character_problem(char c) {
    switch (c) {
        case ':':
            return "\":\" is not allowed";
        case '@':
            return "\"@\" is not allowed";
        case '#':
            return "\"#\" is not allowed";
        case '\\':
            return "\"\\\" is not allowed";
        default:
            return {};
    }
}

std::string_view character_problem(std::string_view name, std::size_t i) {
    const auto c = static_cast<unsigned char>(name[i]);
    if (c >= 0x80) {
        return is_unicode_space_at(c, name, i) ? "whitespace is not allowed" : std::string_view{};
    }
    if (is_ascii_space(c))
        return "whitespace is not allowed";
    return forbidden_character_problem(name[i]);
}

// The bytes character_problem and slash_problem may object to; all others are passed over with
// one lookup.
constexpr auto kSuspectBytes = [] {
    std::array<bool, 256> suspect{};
    for (unsigned char c : {' ', '\t', '\n', '\v', '\f', '\r', ':', '@', '#', '\\', '/'})
        suspect[c] = true;
    for (unsigned char lead : {0xC2, 0xE1, 0xE2, 0xE3, 0xEF})
        suspect[lead] = true;
    return suspect;
}();

// Sqitch reads `name^2`, `name~1`, ... as relative references, so names may not look like them.
std::string_view trailing_digits_problem(std::string_view name) {
    std::size_t start = name.size();
    while (start > 0 && is_digit(name[start - 1]))
        --start;
    if (start == name.size() || start == 0)
        return {};
    switch (name[start - 1]) {
        case '~':
            return "the name must not end in \"~\" followed by digits";
        case '^':
            return "the name must not end in \"^\" followed by digits";
        case '/':
            return "the name must not end in \"/\" followed by digits";
        case '=':
            return "the name must not end in \"=\" followed by digits";
        case '%':
            return "the name must not end in \"%\" followed by digits";
        default:
            return {};
    }
}

enum class NameKind { change, tag };

// What a "/" at `slash` breaks. The caller reports it only when nothing else is wrong, so the
// other rules have already kept "/" and "." off the ends of the name.
std::string_view slash_problem(std::string_view name, std::size_t slash, NameKind kind) {
    if (kind == NameKind::tag)
        return "\"/\" is not allowed in a tag name";
    // A change name is also a path below deploy/, revert/ and verify/; it must stay inside them.
    const std::string_view rest = name.substr(slash + 1);
    if (rest.starts_with('/'))
        return "a \"/\"-separated path segment must not be empty";
    if (rest.starts_with("./") || rest.starts_with("../"))
        return "\".\" and \"..\" are not allowed as path segments";
    return {};
}

// One pass over the name, since every plan line and dependency has one to check.
std::string_view name_problem(std::string_view name, NameKind kind) {
    if (name.empty())
        return "the name is empty";
    std::string_view slash;
    for (std::size_t i = 0; i < name.size(); ++i) {
        const auto c = static_cast<unsigned char>(name[i]);
        if (!kSuspectBytes[c])
            continue;
        if (c == '/') {
            if (slash.empty())
                slash = slash_problem(name, i, kind);
        } else if (auto problem = character_problem(name, i); !problem.empty()) {
            return problem;
        }
    }
    if (name.front() != '_' && is_ascii_punctuation(name.front()))
        return "the first character must not be punctuation other than \"_\"";
    if (name.back() != '_' && is_ascii_punctuation(name.back()))
        return "the last character must not be punctuation other than \"_\"";
    if (auto problem = trailing_digits_problem(name); !problem.empty())
        return problem;
    return slash;
}

}  // namespace

std::string_view change_name_problem(std::string_view name) {
    return name_problem(name, NameKind::change);
}

std::string_view tag_name_problem(std::string_view name) {
    return name_problem(name, NameKind::tag);
}

bool is_valid_change_name(std::string_view name) {
    return change_name_problem(name).empty();
}

bool is_valid_tag_name(std::string_view name) {
    return tag_name_problem(name).empty();
}

}  // namespace pgpm::plan
