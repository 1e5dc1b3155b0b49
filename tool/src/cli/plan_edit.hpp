#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include <tl/expected.hpp>

#include "cli/global_options.hpp"
#include "cli/target_selection.hpp"
#include "plan/plan.hpp"

// What `tag` and `add` share: the one plan they edit, read again from disk.
namespace pgpm::cli {

// `text` without a leading UTF-8 byte-order mark.
std::string without_byte_order_mark(std::string_view text);

struct PlanToEdit {
    Targets targets;  // the workspace, which an edit may be checked against
    const workspace::Module* module = nullptr;
    std::filesystem::path file;  // the module's pgpm.plan
    std::string raw;             // its bytes, byte-order mark and all
    plan::ParseResult parsed;    // of `raw` without the mark
};

// The module `target` selects, and its plan parsed again from the bytes about to be edited, so
// that what is checked and the line numbers an edit relies on describe exactly those bytes.
// Problems elsewhere in the workspace are `check`'s business; only this plan has to be valid. On
// failure the problems are printed and the exit code is returned.
tl::expected<PlanToEdit, int> read_plan_to_edit(const TargetRequest& target,
                                                const GlobalOptions& options);

}  // namespace pgpm::cli
