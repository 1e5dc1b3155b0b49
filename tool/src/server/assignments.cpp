#include "server/assignments.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

namespace pgpm::server {

namespace {

bool is_shell_safe(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 ||
           std::string_view("_@%+=:,./-").find(c) != std::string_view::npos;
}

std::string shell_quote(std::string_view value) {
    if (!value.empty() && std::all_of(value.begin(), value.end(), is_shell_safe)) {
        return std::string(value);
    }
    std::string quoted = "'";
    for (char c : value) {
        quoted += c == '\'' ? std::string_view("'\\''") : std::string_view(&c, 1);
    }
    return quoted + "'";
}

bool is_name_start(char c) {
    return std::isalpha(static_cast<unsigned char>(c)) != 0 || c == '_';
}

bool is_name_char(char c) {
    return is_name_start(c) || std::isdigit(static_cast<unsigned char>(c)) != 0;
}

bool is_blank(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

class Reader {
public:
    explicit Reader(std::string_view text) : text_(text) {}

    tl::expected<Assignments, std::string> read_all() {
        Assignments result;
        while (skip_blanks_and_comments()) {
            auto name = read_name();
            if (!name) {
                return tl::unexpected(name.error());
            }
            auto value = read_value();
            if (!value) {
                return tl::unexpected(value.error());
            }
            result.emplace_back(std::move(*name), std::move(*value));
        }
        return result;
    }

private:
    // False at the end of the text.
    bool skip_blanks_and_comments() {
        while (pos_ < text_.size()) {
            if (is_blank(text_[pos_])) {
                ++pos_;
            } else if (text_[pos_] == '#') {
                pos_ = std::min(text_.find('\n', pos_), text_.size());
            } else {
                return true;
            }
        }
        return false;
    }

    tl::expected<std::string, std::string> read_name() {
        const auto start = pos_;
        if (!is_name_start(text_[pos_])) {
            return tl::unexpected(error("a variable name"));
        }
        while (pos_ < text_.size() && is_name_char(text_[pos_])) {
            ++pos_;
        }
        if (pos_ == text_.size() || text_[pos_] != '=') {
            return tl::unexpected(error("`=` after the variable name"));
        }
        return std::string(text_.substr(start, pos_++ - start));
    }

    tl::expected<std::string, std::string> read_value() {
        std::string value;
        while (pos_ < text_.size() && !is_blank(text_[pos_])) {
            const char c = text_[pos_++];
            if (c == '\'') {
                const auto close = text_.find('\'', pos_);
                if (close == std::string_view::npos) {
                    return tl::unexpected(error("a closing single quote"));
                }
                value += text_.substr(pos_, close - pos_);
                pos_ = close + 1;
            } else if (c == '\\') {
                if (pos_ == text_.size()) {
                    return tl::unexpected(error("a character after the backslash"));
                }
                value += text_[pos_++];
            } else if (c == '"' || c == '$' || c == '`') {
                --pos_;
                return tl::unexpected(error("a plain or single-quoted value"));
            } else {
                value += c;
            }
        }
        return value;
    }

    std::string error(std::string_view expected) const {
        const auto line = 1 + std::count(text_.begin(), text_.begin() + pos_, '\n');
        return fmt::format("line {}: expected {}", line, expected);
    }

    std::string_view text_;
    std::size_t pos_ = 0;
};

}  // namespace

std::string format_assignments(const Assignments& assignments) {
    std::string text;
    for (const auto& [name, value] : assignments) {
        text += fmt::format("{}={}\n", name, shell_quote(value));
    }
    return text;
}

tl::expected<Assignments, std::string> parse_assignments(std::string_view text) {
    return Reader(text).read_all();
}

std::string_view find_assignment(const Assignments& assignments, std::string_view name) {
    const auto found = std::find_if(assignments.begin(), assignments.end(),
                                    [&](const auto& pair) { return pair.first == name; });
    return found == assignments.end() ? std::string_view() : std::string_view(found->second);
}

}  // namespace pgpm::server
