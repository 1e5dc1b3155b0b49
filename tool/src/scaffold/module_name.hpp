#pragma once

#include <string_view>

namespace pgpm::scaffold {

// Why `name` cannot name a new module (or a workspace, or a requires entry): empty when it can.
// The rule is the original's for the module of a `module:change` dependency (letters, digits,
// `_` and `-`), which also keeps the name safe in a control file's quoted comma list, a file
// name and a CMake project() call. Existing modules are read whatever their names.
std::string_view module_name_problem(std::string_view name);

}  // namespace pgpm::scaffold
