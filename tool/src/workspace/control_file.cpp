#include "workspace/control_file.hpp"

#include <optional>
#include <unordered_map>

#include <fmt/format.h>

#include "diag/located_diagnostic.hpp"
#include "diag/text_position.hpp"

namespace pgpm::workspace {

namespace {

bool is_blank(char c) {
    return c == ' ' || c == '\t';
}
bool is_quote(char c) {
    return c == '\'' || c == '"';
}

int column_of(std::string_view line, std::size_t byte_offset) {
    return static_cast<int>(count_code_points(line.substr(0, byte_offset))) + 1;
}

std::string_view trim(std::string_view text) {
    while (!text.empty() && is_blank(text.front()))
        text.remove_prefix(1);
    while (!text.empty() && is_blank(text.back()))
        text.remove_suffix(1);
    return text;
}

// Where a value ends: at a `#` outside quotes (PostgreSQL allows trailing comments), or at the
// end of the line. Reports the offset of a quote left open.
struct ValueExtent {
    std::size_t end = 0;
    std::optional<std::size_t> unterminated_quote;
};

ValueExtent find_value_end(std::string_view line, std::size_t start) {
    char open_quote = 0;
    std::size_t quote_offset = 0;
    for (std::size_t i = start; i < line.size(); ++i) {
        const char c = line[i];
        if (open_quote != 0) {
            if (c == open_quote)
                open_quote = 0;
        } else if (is_quote(c)) {
            open_quote = c;
            quote_offset = i;
        } else if (c == '#') {
            return {i, std::nullopt};
        }
    }
    if (open_quote != 0)
        return {line.size(), quote_offset};
    return {line.size(), std::nullopt};
}

// `'0.0.1'` -> `0.0.1`; PostgreSQL doubles a quote inside a quoted value.
std::string unquote(std::string_view value) {
    if (value.size() < 2 || !is_quote(value.front()) || value.back() != value.front()) {
        return std::string(value);
    }
    const char quote = value.front();
    std::string result;
    for (std::size_t i = 1; i + 1 < value.size(); ++i) {
        result += value[i];
        if (value[i] == quote && value[i + 1] == quote)
            ++i;
    }
    return result;
}

class ControlFileParser {
public:
    ControlFileParser(std::string_view text, std::string display_path) : text_(text) {
        result_.control.path = std::move(display_path);
    }

    ControlFileResult parse() {
        const LineIndex lines(text_);
        for (int number = 1; number <= lines.line_count(); ++number) {
            parse_line(number, lines.line_text(number));
        }
        return std::move(result_);
    }

private:
    void parse_line(int number, std::string_view line) {
        std::size_t start = 0;
        while (start < line.size() && is_blank(line[start]))
            ++start;
        if (start == line.size() || line[start] == '#')
            return;

        const std::size_t equals = line.find('=', start);
        if (equals == std::string_view::npos) {
            error(number, column_of(line, start), "expected `key = value`");
            return;
        }
        const std::string_view key = trim(line.substr(start, equals - start));
        if (key.empty()) {
            error(number, column_of(line, equals), "missing key before `=`");
            return;
        }
        const ValueExtent extent = find_value_end(line, equals + 1);
        if (extent.unterminated_quote) {
            error(number, column_of(line, *extent.unterminated_quote), "unterminated quoted value");
            return;
        }
        if (key != "requires" && key != "default_version")
            return;
        if (!first_definition(key, number, column_of(line, start)))
            return;

        const std::string_view value = line.substr(equals + 1, extent.end - equals - 1);
        if (key == "requires") {
            parse_requires(number, line, equals + 1, extent.end);
        } else {
            result_.control.default_version = unquote(trim(value));
        }
    }

    // The original pgpm reads the first definition of a key; a later one is a likely mistake.
    bool first_definition(std::string_view key, int number, int column) {
        const auto [it, inserted] = key_lines_.emplace(std::string(key), number);
        if (inserted)
            return true;
        warning(number, column,
                fmt::format("duplicate `{}`; the one on line {} is used", key, it->second));
        return false;
    }

    // Entries are split on `,`; the quotes and blanks around each are dropped, so both
    // `'a, b'` and `'a', 'b'` give a and b, and `''` gives nothing.
    void parse_requires(int number, std::string_view line, std::size_t begin, std::size_t end) {
        std::size_t piece_begin = begin;
        while (piece_begin <= end) {
            std::size_t piece_end = line.find(',', piece_begin);
            if (piece_end == std::string_view::npos || piece_end > end)
                piece_end = end;
            std::size_t first = piece_begin;
            std::size_t last = piece_end;
            while (first < last && (is_blank(line[first]) || is_quote(line[first])))
                ++first;
            while (last > first && (is_blank(line[last - 1]) || is_quote(line[last - 1])))
                --last;
            if (first < last)
                add_requirement(number, line, first, last);
            piece_begin = piece_end + 1;
        }
    }

    void add_requirement(int number, std::string_view line, std::size_t first, std::size_t last) {
        const std::string_view name = line.substr(first, last - first);
        const int column = column_of(line, first);
        for (const char c : name) {
            if (is_blank(c) || is_quote(c)) {
                error(number, column, fmt::format("invalid name \"{}\" in requires", name));
                return;
            }
        }
        for (const Requirement& earlier : result_.control.requirements) {
            if (earlier.name == name) {
                warning(number, column, fmt::format("\"{}\" is required twice", name));
                return;
            }
        }
        result_.control.requirements.push_back({std::string(name), number, column});
    }

    void error(int line, int column, std::string message) {
        report(Severity::error, line, column, std::move(message));
    }
    void warning(int line, int column, std::string message) {
        report(Severity::warning, line, column, std::move(message));
    }
    void report(Severity severity, int line, int column, std::string message) {
        result_.diagnostics.push_back(
            diagnostic_at(severity, result_.control.path, text_, line, column, std::move(message)));
    }

    std::string_view text_;
    ControlFileResult result_;
    std::unordered_map<std::string, int> key_lines_;
};

}  // namespace

ControlFileResult parse_control_file(std::string_view text, std::string display_path) {
    return ControlFileParser(text, std::move(display_path)).parse();
}

}  // namespace pgpm::workspace
