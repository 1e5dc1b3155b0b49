#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// The grammar of one change or tag line (SPEC §1.1), without names or cross-line rules.
namespace pgpm::plan::detail {

// A piece of a line and the byte offset where it starts in the untrimmed line.
struct Token {
    std::string_view text;
    std::size_t offset = 0;
};

struct LineError {
    std::size_t offset = 0;  // byte offset in the untrimmed line
    std::string message;
};

struct ChangeLine {
    Token name;
    std::vector<Token> dependencies;
    std::string_view timestamp;
    std::string_view planner;
    std::string_view email;
    std::string_view note;
};

struct TagLine {
    Token name;    // without the `@`
    Token change;  // the original's explicit `@tag CHANGE ...`; empty text when absent
    std::string_view timestamp;
    std::string_view planner;
    std::string_view email;
    std::string_view note;
};

struct PragmaLine {
    std::string_view key;  // the word after `%`
    std::string_view value;
    std::size_t value_offset = 0;
};

// `line` is the untrimmed line cut after its last non-blank character and `begin` the offset of
// its first one. `out` is reset, then filled as far as the line follows the grammar; the result
// is the first place it does not.
std::optional<LineError> scan_change_line(std::string_view line, std::size_t begin,
                                          ChangeLine& out);
std::optional<LineError> scan_tag_line(std::string_view line, std::size_t begin, TagLine& out);
// `%key=value`; blanks around `=` are tolerated, as Sqitch does.
std::optional<LineError> scan_pragma_line(std::string_view line, std::size_t begin,
                                          PragmaLine& out);

}  // namespace pgpm::plan::detail
