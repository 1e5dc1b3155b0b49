#pragma once

#include <cstddef>
#include <string_view>

// The few lexical facts that the parse tree does not give: where a statement's first token
// starts and where its last one ends. Both run only over text the PostgreSQL parser accepted
// (standard_conforming_strings on), so they need to tell tokens from comments, not validate.
namespace pgpm::sql {

// The first offset in [pos, end) that is not whitespace or inside a `--` or (nested) `/* */`
// comment; `end` when there is none.
std::size_t skip_blanks(std::string_view text, std::size_t pos, std::size_t end);

// The offset just past the last token in [begin, end); `begin` when there is none.
std::size_t end_of_last_token(std::string_view text, std::size_t begin, std::size_t end);

}  // namespace pgpm::sql
