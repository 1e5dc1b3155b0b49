#include <iostream>
#include <memory>

#include <fmt/format.h>

#include "cli/command.hpp"
#include "cli/database_target.hpp"
#include "cli/json_writer.hpp"
#include "cli/lifecycle_support.hpp"
#include "cli/migration_session.hpp"
#include "engine/verifier.hpp"
#include "io/display_paths.hpp"

namespace pgpm::cli {

namespace {

void write_json(std::ostream& out, const std::string& database, const engine::RunReport& report) {
    JsonWriter json(out);
    json.begin_object();
    json.key("version").value(1);
    json.key("database").value(database);
    json.key("ok").value(!report.failed);
    json.key("verified").value(report.verified);
    json.key("diagnostics");
    write_diagnostics(json, report.problems);
    json.end_object();
}

int run_verify(const TargetRequest& request, const GlobalOptions& options) {
    auto loaded = load_command_targets(request, options);
    if (!loaded)
        return loaded.error();
    const auto& targets = loaded->targets;
    auto session = MigrationSession::open(loaded->database, {}, options);
    if (!session)
        return session.error();

    const io::DisplayPaths paths(io::normalised_absolute(std::filesystem::current_path()));
    const auto report = engine::verify_modules(
        (*session)->connection(), (*session)->snapshot(), targets.modules, paths,
        options.json ? engine::ProgressSink{} : progress_printer(options));
    if (options.json) {
        write_json(std::cout, (*session)->connection().database_name(), report);
    } else {
        print_diagnostics(report.problems, options);
        std::cout << fmt::format("verify{}: {} change(s) verified\n",
                                 report.failed ? " failed" : "", report.verified);
    }
    return report.failed ? exit_failure : exit_success;
}

}  // namespace

Command add_verify_command(CLI::App& app) {
    auto* parser = app.add_subcommand("verify", "Run the verify script of every deployed change");
    auto request = std::make_shared<TargetRequest>();
    parser->add_option("module,--package", request->module, "The module to verify")
        ->option_text("MODULE");
    parser->add_flag("--workspace,--all", request->workspace, "Verify every module");
    return {parser, true,
            [request](const GlobalOptions& options) { return run_verify(*request, options); }};
}

}  // namespace pgpm::cli
