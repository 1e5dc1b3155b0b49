#pragma once

#include <string>
#include <vector>

namespace pgpm::ledger {

// A PostgreSQL text[] literal ({"a","b"}) for a `$n::text[]` parameter, so that a list travels
// as one parameter. Every element is quoted, so any text (quotes, backslashes, commas, braces,
// "NULL") arrives verbatim.
std::string text_array_literal(const std::vector<std::string>& elements);

}  // namespace pgpm::ledger
