#include "plan/writer.hpp"

#include <algorithm>
#include <limits>

namespace pgpm::plan {

namespace {

constexpr std::string_view lf = "\n";
constexpr std::string_view crlf = "\r\n";

// Offset of the '\n' ending line `line`, npos when that line is the last and unterminated, or
// nullopt when there is no such line.
std::optional<std::size_t> end_of_line(std::string_view text, int line) {
    std::size_t start = 0;
    for (int current = 1; current < line; ++current) {
        const auto newline = text.find('\n', start);
        if (newline == std::string_view::npos)
            return std::nullopt;
        start = newline + 1;
    }
    return text.find('\n', start);
}

std::string_view ending_of(std::string_view text, std::size_t newline) {
    return newline > 0 && text[newline - 1] == '\r' ? crlf : lf;
}

}  // namespace

std::string_view line_ending_after(std::string_view text, int line) {
    const auto newline = end_of_line(text, line);
    if (newline && *newline != std::string_view::npos)
        return ending_of(text, *newline);
    const auto first = text.find('\n');
    return first == std::string_view::npos ? lf : ending_of(text, first);
}

std::optional<std::string> insert_line_after(std::string_view text, int line,
                                             std::string_view new_line) {
    if (line < 1)
        return std::nullopt;
    const auto newline = end_of_line(text, line);
    if (!newline)
        return std::nullopt;
    const auto ending = line_ending_after(text, line);
    std::string result;
    result.reserve(text.size() + new_line.size() + ending.size());
    if (*newline == std::string_view::npos) {
        result.append(text).append(ending).append(new_line);
        return result;
    }
    const auto split = *newline + 1;
    result.append(text.substr(0, split)).append(new_line).append(ending).append(text.substr(split));
    return result;
}

std::string format_tag_line(const TagEntry& tag) {
    std::string line = "@";
    line.append(tag.name).append(" ").append(tag.timestamp).append(" ").append(tag.planner);
    line.append(" <").append(tag.email).append(">");
    if (!tag.note.empty())
        line.append(" # ").append(tag.note);
    return line;
}

int tag_insertion_line(const Plan& plan, std::size_t change_index) {
    const int change_line = plan.changes[change_index].line;
    const int next_change_line = change_index + 1 < plan.changes.size()
                                     ? plan.changes[change_index + 1].line
                                     : std::numeric_limits<int>::max();
    int line = change_line;
    for (const auto& tag : plan.tags) {
        if (tag.line > change_line && tag.line < next_change_line)
            line = std::max(line, tag.line);
    }
    return line;
}

}  // namespace pgpm::plan
