#include <fmt/format.h>

#include <iostream>
#include <memory>

#include "cli/command.hpp"
#include "cli/database_target.hpp"
#include "cli/diagnostic_printer.hpp"
#include "cli/exit_code.hpp"
#include "cli/json_writer.hpp"
#include "cli/target_selection.hpp"
#include "engine/status.hpp"
#include "ledger/ledger.hpp"

namespace pgpm::cli {

namespace {

void write_json(std::ostream& out, const std::string& database,
                const std::vector<engine::ModuleStatus>& statuses) {
    const auto optional_value = [](JsonWriter& json, const std::optional<std::string>& text) {
        if (text)
            json.value(*text);
        else
            json.null();
    };
    JsonWriter json(out);
    json.begin_object();
    json.key("version").value(1);
    json.key("database").value(database);
    json.key("modules").begin_array();
    for (const auto& status : statuses) {
        json.begin_object();
        json.key("name").value(status.name);
        json.key("deployed").value(status.deployed);
        json.key("pending").value(status.pending);
        json.key("last_change");
        optional_value(json, status.last ? std::optional(status.last->change) : std::nullopt);
        json.key("last_deployed_at");
        optional_value(json, status.last ? std::optional(status.last->deployed_at) : std::nullopt);
        json.key("last_deployed_by");
        optional_value(json, status.last ? status.last->deployed_by : std::nullopt);
        json.key("current_tag");
        optional_value(json, status.current_tag);
        json.key("pending_changes").string_array(status.pending_changes);
        json.key("drifted").begin_array();
        for (const auto& drift : status.drifted)
            json.value(drift.change);
        json.end_array();
        json.key("orphaned").string_array(status.orphaned);
        json.key("out_of_order").string_array(status.out_of_order);
        json.end_object();
    }
    json.end_array();
    json.end_object();
}

std::string headline(const engine::ModuleStatus& status) {
    std::string line =
        fmt::format("{}: {} deployed, {} pending", status.name, status.deployed, status.pending);
    if (!status.last)
        return line + "; nothing deployed";
    line += fmt::format("; last {} ({}", status.last->change, status.last->deployed_at);
    if (status.last->deployed_by)
        line += ", by " + *status.last->deployed_by;
    line += ')';
    if (status.current_tag)
        line += "; tag @" + *status.current_tag;
    return line;
}

void write_human(std::ostream& out, const std::vector<engine::ModuleStatus>& statuses) {
    for (const auto& status : statuses) {
        out << headline(status) << '\n';
        for (const auto& change : status.pending_changes)
            out << "  pending: " << change << '\n';
        for (const auto& drift : status.drifted) {
            out << "  drifted: " << drift.change << " (deploy/" << drift.change << ".sql "
                << (drift.current_hash ? "differs from the deployed script" : "cannot be read")
                << ")\n";
        }
        for (const auto& change : status.orphaned)
            out << "  orphaned: " << change << " (in the ledger, no longer in the plan)\n";
        for (const auto& change : status.out_of_order)
            out << "  out of order: " << change
                << " (pending, planned before a deployed change: deploy refuses)\n";
    }
}

int run_status(const TargetRequest& request, const GlobalOptions& options) {
    auto targets = select_targets(request);
    if (!targets) {
        std::cerr << "pgpm: error: " << targets.error().message << '\n';
        return exit_usage;
    }
    const auto target = resolve_database_target(options);
    if (!target) {
        std::cerr << "pgpm: error: " << target.error().message << '\n';
        return exit_usage;
    }
    // Warnings are `check`'s business; status only refuses plans it cannot read.
    if (has_errors(targets->diagnostics)) {
        DiagnosticPrinter(std::cerr, options.color_on_stderr())
            .print(targets->diagnostics, /*errors_only=*/true);
        return exit_invalid_input;
    }
    auto connection = connect_database(*target);
    if (!connection)
        return connection.error();
    const auto snapshot = ledger::read_ledger(*connection);
    if (!snapshot) {
        std::cerr << "pgpm: error: cannot read the ledger: " << snapshot.error().message << '\n';
        return exit_failure;
    }

    std::vector<engine::ModuleStatus> statuses;
    for (const auto* module : targets->modules)
        statuses.push_back(engine::module_status(*module, *snapshot));
    if (options.json)
        write_json(std::cout, connection->database_name(), statuses);
    else
        write_human(std::cout, statuses);
    return exit_success;
}

Command status_command(CLI::App* parser) {
    auto request = std::make_shared<TargetRequest>();
    parser->add_option("module,--package", request->module, "The module to report on")
        ->option_text("MODULE");
    parser->add_flag("--workspace,--all", request->workspace,
                     "Report on every module of the workspace");
    return {parser, true,
            [request](const GlobalOptions& options) { return run_status(*request, options); }};
}

}  // namespace

std::vector<Command> add_status_commands(CLI::App& app) {
    constexpr auto description = "What is deployed, pending, drifted and orphaned, per module";
    auto* migrate = app.add_subcommand("migrate", "The target database's migrations");
    migrate->require_subcommand(1);
    return {status_command(app.add_subcommand("status", description)),
            status_command(migrate->add_subcommand("status", description))};
}

}  // namespace pgpm::cli
