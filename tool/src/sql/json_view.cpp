#include "sql/json_view.hpp"

#include <array>
#include <charconv>

namespace pgpm::sql {

namespace {

bool is_json_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

std::size_t skip_space(std::string_view s, std::size_t pos) {
    while (pos < s.size() && is_json_space(s[pos]))
        ++pos;
    return pos;
}

// `pos` is at an opening quote; returns the position just past the closing one.
std::size_t skip_string(std::string_view s, std::size_t pos) {
    for (++pos; pos < s.size(); ++pos) {
        if (s[pos] == '\\') {
            ++pos;
        } else if (s[pos] == '"') {
            return pos + 1;
        }
    }
    return s.size();
}

// Trees of multi-megabyte scripts are tens of megabytes of JSON, and skipping nested values is
// most of the work of reading them: bytes that cannot change the nesting are passed in a tight
// loop.
constexpr auto structural_bytes = [] {
    std::array<bool, 256> table{};
    for (const unsigned char c : std::string_view("\"{}[]"))
        table[c] = true;
    return table;
}();

std::size_t skip_plain(std::string_view s, std::size_t pos) {
    while (pos < s.size() && !structural_bytes[static_cast<unsigned char>(s[pos])])
        ++pos;
    return pos;
}

// `pos` is at the start of a value; returns the position just past it.
std::size_t skip_value(std::string_view s, std::size_t pos) {
    const char first = pos < s.size() ? s[pos] : '\0';
    if (first == '"')
        return skip_string(s, pos);
    if (first != '{' && first != '[') {
        while (pos < s.size() && s[pos] != ',' && s[pos] != '}' && s[pos] != ']' &&
               !is_json_space(s[pos])) {
            ++pos;
        }
        return pos;
    }
    std::size_t depth = 0;
    for (pos = skip_plain(s, pos); pos < s.size(); pos = skip_plain(s, pos)) {
        const char c = s[pos];
        if (c == '"') {
            pos = skip_string(s, pos);
        } else if (c == '{' || c == '[') {
            ++depth;
            ++pos;
        } else {
            ++pos;
            if (--depth == 0)
                return pos;
        }
    }
    return s.size();
}

// Calls `visit(key, value)` for each member of the object `s` until it returns true.
template <typename Visit>
void for_each_member(std::string_view s, Visit visit) {
    if (s.empty() || s.front() != '{')
        return;
    std::size_t pos = skip_space(s, 1);
    while (pos < s.size() && s[pos] == '"') {
        const std::size_t key_end = skip_string(s, pos);
        const std::string_view key = s.substr(pos + 1, key_end - pos - 2);
        pos = skip_space(s, key_end);
        if (pos >= s.size() || s[pos] != ':')
            return;
        const std::size_t value_begin = skip_space(s, pos + 1);
        const std::size_t value_end = skip_value(s, value_begin);
        if (visit(key, JsonView(s.substr(value_begin, value_end - value_begin))))
            return;
        pos = skip_space(s, value_end);
        if (pos >= s.size() || s[pos] != ',')
            return;
        pos = skip_space(s, pos + 1);
    }
}

}  // namespace

JsonView JsonView::member(std::string_view key) const {
    JsonView found;
    for_each_member(text_, [&](std::string_view k, JsonView value) {
        if (k != key)
            return false;
        found = value;
        return true;
    });
    return found;
}

std::vector<std::pair<std::string_view, JsonView>> JsonView::members() const {
    std::vector<std::pair<std::string_view, JsonView>> result;
    for_each_member(text_, [&](std::string_view key, JsonView value) {
        result.emplace_back(key, value);
        return false;
    });
    return result;
}

std::vector<JsonView> JsonView::items() const {
    std::vector<JsonView> result;
    if (text_.empty() || text_.front() != '[')
        return result;
    std::size_t pos = skip_space(text_, 1);
    while (pos < text_.size() && text_[pos] != ']') {
        const std::size_t end = skip_value(text_, pos);
        result.emplace_back(text_.substr(pos, end - pos));
        pos = skip_space(text_, end);
        if (pos >= text_.size() || text_[pos] != ',')
            break;
        pos = skip_space(text_, pos + 1);
    }
    return result;
}

std::string_view JsonView::string() const {
    if (text_.size() < 2 || text_.front() != '"' || text_.back() != '"')
        return {};
    return text_.substr(1, text_.size() - 2);
}

std::optional<long long> JsonView::integer() const {
    long long value = 0;
    const auto [end, error] = std::from_chars(text_.data(), text_.data() + text_.size(), value);
    if (error != std::errc() || end != text_.data() + text_.size())
        return std::nullopt;
    return value;
}

}  // namespace pgpm::sql
