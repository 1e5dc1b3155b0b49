#include "scaffold/plan_append.hpp"

#include <algorithm>

#include "plan/writer.hpp"

namespace pgpm::scaffold {

namespace {

bool ends_with_newline(std::string_view text) {
    return !text.empty() && text.back() == '\n';
}

// The parser's count, splitting on '\n': a final newline ends the last line, it opens no new one.
int line_count(std::string_view text) {
    const auto newlines = static_cast<int>(std::count(text.begin(), text.end(), '\n'));
    return ends_with_newline(text) || text.empty() ? newlines : newlines + 1;
}

}  // namespace

std::string append_plan_line(std::string_view text, std::string_view new_line) {
    const auto ending = plan::line_ending_after(text, std::max(line_count(text), 1));
    std::string result(text);
    if (!text.empty() && !ends_with_newline(text))
        result.append(ending);
    result.append(new_line).append(ending);
    return result;
}

int appended_line_number(std::string_view text) {
    return line_count(text) + 1;
}

}  // namespace pgpm::scaffold
