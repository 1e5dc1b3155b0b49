#pragma once

#include <string>
#include <vector>

#include "workspace/workspace.hpp"

namespace pgpm::scaffold {

// What is wrong with a change line about to be added as line `line` of `module`'s plan, found by
// the very checks that load a workspace, so that `add` can never write a plan they reject: the
// plan `text` (the current file with the line appended, without a byte order mark) is parsed
// again, then its `module:change` dependencies are checked against `workspace`. Only problems on
// the new line count; the rest of the workspace is `check`'s business. Empty: the line is fine.
std::vector<std::string> new_change_problems(const workspace::Workspace& workspace,
                                             const workspace::Module& module, std::string text,
                                             int line);

}  // namespace pgpm::scaffold
