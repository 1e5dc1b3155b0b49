#include "cli/plan_edit.hpp"

#include <fmt/format.h>

#include <iostream>
#include <utility>

#include "cli/diagnostic_printer.hpp"
#include "cli/exit_code.hpp"
#include "io/text_file.hpp"

namespace pgpm::cli {

namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

int fail(int exit_code, const std::string& message) {
    std::cerr << "pgpm: error: " << message << '\n';
    return exit_code;
}

}  // namespace

std::string without_byte_order_mark(std::string_view text) {
    if (text.starts_with(kByteOrderMark))
        text.remove_prefix(kByteOrderMark.size());
    return std::string(text);
}

tl::expected<PlanToEdit, int> read_plan_to_edit(const TargetRequest& target,
                                                const GlobalOptions& options) {
    auto targets = select_targets(target);
    if (!targets)
        return tl::unexpected(fail(exit_usage, targets.error().message));
    const DiagnosticPrinter printer(std::cerr, options.color_on_stderr());
    if (targets->modules.empty()) {
        printer.print(targets->diagnostics, options.quiet);
        return tl::unexpected(exit_invalid_input);
    }
    const auto* module = targets->modules.front();
    auto file = module->directory / "pgpm.plan";
    auto raw = io::read_file(file);
    if (!raw) {
        return tl::unexpected(fail(
            exit_invalid_input, fmt::format("cannot read {}: {}", module->plan.path, raw.error())));
    }
    auto parsed = plan::parse_plan(without_byte_order_mark(*raw), module->plan.path);
    if (has_errors(parsed.diagnostics)) {
        printer.print(parsed.diagnostics, options.quiet);
        return tl::unexpected(exit_invalid_input);
    }
    return PlanToEdit{.targets = std::move(*targets),
                      .module = module,
                      .file = std::move(file),
                      .raw = std::move(*raw),
                      .parsed = std::move(parsed)};
}

}  // namespace pgpm::cli
