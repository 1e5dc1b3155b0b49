#include "lifecycle_support.hpp"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <sstream>
#include <stdexcept>

#include "ledger/hash.hpp"

namespace pgpm::testing::lifecycle {

std::string change_line(const std::string& name, const std::vector<std::string>& required,
                        const std::string& note) {
    std::string line = name;
    if (!required.empty()) {
        line += " [";
        for (std::size_t i = 0; i < required.size(); ++i)
            line += (i == 0 ? "" : " ") + required[i];
        line += "]";
    }
    line += " 2024-01-01T00:00:00Z Lifecycle Tester <tester@example.com>";
    if (!note.empty())
        line += " # " + note;
    return line;
}

std::string tag_line(const std::string& name) {
    return "@" + name + " 2024-01-02T00:00:00Z Lifecycle Tester <tester@example.com>";
}

LifecycleTest::LifecycleTest() {
    dir.write("pgpm.json", R"({"packages": ["packages/*"]})");
    // tag writes the planner and time into the plan: keep the developer's git identity out.
    dir.make_directory("home");
}

void LifecycleTest::write_module(const std::string& name, const std::string& required,
                                 const std::vector<std::string>& plan_lines) const {
    dir.write("packages/" + name + "/" + name + ".control",
              "# " + name + " module\ndefault_version = '0.0.1'\nrequires = '" + required + "'\n");
    std::string plan = "%syntax-version=1.0.0\n%project=" + name + "\n%uri=" + name + "\n\n";
    for (const auto& line : plan_lines)
        plan += line + "\n";
    dir.write("packages/" + name + "/pgpm.plan", plan);
}

void LifecycleTest::write_change(const std::string& module, const std::string& change,
                                 const std::string& deploy, const std::string& revert,
                                 const std::string& verify) const {
    const std::string folder = "packages/" + module + "/";
    dir.write(folder + "deploy/" + change + ".sql", deploy);
    dir.write(folder + "revert/" + change + ".sql", revert);
    dir.write(folder + "verify/" + change + ".sql", verify);
}

void LifecycleTest::write_table_change(const std::string& module, const std::string& change,
                                       const std::string& table) const {
    write_change(module, change,
                 "-- Deploy " + module + ":" + change + " to pg\n\nCREATE TABLE " + table +
                     " (id int PRIMARY KEY);\n",
                 "-- Revert " + module + ":" + change + " from pg\n\nDROP TABLE " + table + ";\n",
                 "-- Verify " + module + ":" + change + " on pg\n\nSELECT id FROM " + table +
                     " WHERE false;\n");
}

std::string LifecycleTest::read(const std::string& relative) const {
    std::ifstream file(dir.path(relative), std::ios::binary);
    if (!file)
        throw std::runtime_error("cannot read " + relative);
    return {std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
}

ProcessResult LifecycleTest::pgpm(const std::vector<std::string>& args,
                                  const std::map<std::string, std::string>& environment) const {
    std::vector<std::string> full{"-d", database.name()};
    full.insert(full.end(), args.begin(), args.end());
    return pgpm_raw(full, environment);
}

ProcessResult LifecycleTest::pgpm_raw(const std::vector<std::string>& args,
                                      const std::map<std::string, std::string>& environment) const {
    std::map<std::string, std::string> full{
        {"NO_COLOR", "1"},
        {"PGPM_USER_NAME", "Lifecycle Tester"},
        {"PGPM_USER_EMAIL", "tester@example.com"},
        {"PGPM_FROZEN_TIME", "2024-02-01T10:20:30Z"},
        {"HOME", dir.path("home").string()},
        {"XDG_CONFIG_HOME", dir.path("home").string()},
        {"GIT_CONFIG_GLOBAL", dir.path("home/.gitconfig").string()},
        {"GIT_CONFIG_NOSYSTEM", "1"}};
    for (const auto& [name, value] : environment)
        full[name] = value;
    return run_process(PGPM_EXECUTABLE, args, dir.root(), full);
}

db::Connection& LifecycleTest::connection() {
    if (!connection_)
        connection_.emplace(database.connect());
    return *connection_;
}

std::vector<std::string> rows(db::Connection& connection, const std::string& sql,
                              const std::vector<std::optional<std::string>>& params) {
    std::vector<std::optional<std::string_view>> views;
    for (const auto& param : params)
        views.push_back(param ? std::optional<std::string_view>(*param) : std::nullopt);
    return db::test::rows(connection, sql, views);
}

std::string scalar(db::Connection& connection, const std::string& sql,
                   const std::vector<std::optional<std::string>>& params) {
    const auto values = rows(connection, sql, params);
    if (values.size() != 1)
        throw std::runtime_error(sql + ": " + std::to_string(values.size()) + " rows");
    return values.front();
}

bool ledger_exists(db::Connection& connection) {
    return scalar(connection,
                  "SELECT count(*) FROM pg_tables WHERE schemaname = 'pgpm_migrate' AND "
                  "tablename IN ('packages', 'changes', 'dependencies', 'events')") == "4";
}

std::vector<std::string> deployed_changes(db::Connection& connection, const std::string& package) {
    if (!ledger_exists(connection))
        return {};
    return rows(connection,
                "SELECT change_name FROM pgpm_migrate.changes WHERE package = $1 "
                "ORDER BY deployed_at, change_name",
                {package});
}

std::vector<std::string> ledger_tags(db::Connection& connection, const std::string& package) {
    if (!ledger_exists(connection) || scalar(connection,
                                             "SELECT to_regclass('pgpm_migrate.tags') IS NOT "
                                             "NULL") != "t")
        return {};
    return rows(connection,
                "SELECT tag_name, change_name FROM pgpm_migrate.tags WHERE package = $1 "
                "ORDER BY tag_name",
                {package});
}

std::vector<std::string> deploy_and_revert_events(db::Connection& connection) {
    if (!ledger_exists(connection))
        return {};
    return rows(connection,
                "SELECT event_type || ' ' || package || ':' || change_name "
                "|| coalesce(' ' || error_code, '') FROM pgpm_migrate.events "
                "WHERE event_type IN ('deploy', 'revert') ORDER BY event_id");
}

int count_events(db::Connection& connection, const std::string& event_type,
                 const std::string& package, bool failed_only) {
    if (!ledger_exists(connection))
        return 0;
    return std::stoi(scalar(connection,
                            "SELECT count(*) FROM pgpm_migrate.events WHERE event_type = $1 "
                            "AND package = $2 AND (NOT $3::boolean OR error_code IS NOT NULL)",
                            {event_type, package, failed_only ? "true" : "false"}));
}

bool relation_exists(db::Connection& connection, const std::string& qualified_name) {
    return scalar(connection, "SELECT to_regclass($1) IS NOT NULL", {qualified_name}) == "t";
}

::testing::AssertionResult recorded(db::Connection& connection, const TestTree& dir,
                                    const std::string& package, const std::string& change,
                                    std::vector<std::string> required) {
    const auto script = "packages/" + package + "/deploy/" + change + ".sql";
    std::ifstream file(dir.path(script), std::ios::binary);
    if (!file)
        return ::testing::AssertionFailure() << "cannot read " << script;
    const std::string bytes{std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
    if (!ledger_exists(connection))
        return ::testing::AssertionFailure() << package << ":" << change << ": no ledger";
    const auto hash = ledger::script_hash(bytes);
    const auto id = ledger::change_id(package, change, hash);
    const auto found = rows(connection,
                            "SELECT change_id, script_hash, coalesce(deployed_by, 'NULL') = "
                            "current_user FROM pgpm_migrate.changes "
                            "WHERE package = $1 AND change_name = $2",
                            {package, change});
    if (found.size() != 1)
        return ::testing::AssertionFailure()
               << package << ":" << change << " has " << found.size() << " changes rows";
    const auto expected = id + " " + hash + " t";
    if (found.front() != expected)
        return ::testing::AssertionFailure()
               << package << ":" << change << " is recorded as [change_id script_hash "
               << "deployed_by=current_user] " << found.front() << ", expected " << expected;
    auto dependencies = rows(connection,
                             "SELECT requires FROM pgpm_migrate.dependencies "
                             "WHERE change_id = $1 ORDER BY requires",
                             {id});
    std::sort(required.begin(), required.end());
    if (dependencies != required) {
        auto failure = ::testing::AssertionFailure();
        failure << package << ":" << change << " has dependencies [";
        for (const auto& dependency : dependencies)
            failure << ' ' << dependency;
        failure << " ], expected [";
        for (const auto& dependency : required)
            failure << ' ' << dependency;
        return failure << " ]";
    }
    return ::testing::AssertionSuccess();
}

::testing::AssertionResult mentions(const std::string& text, const std::string& fragment) {
    if (text.find(fragment) != std::string::npos)
        return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure() << "\"" << fragment << "\" not found in:\n" << text;
}

::testing::AssertionResult mentions_on_one_line(const std::string& text,
                                                const std::vector<std::string>& fragments) {
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
        if (std::all_of(fragments.begin(), fragments.end(), [&](const std::string& fragment) {
                return line.find(fragment) != std::string::npos;
            }))
            return ::testing::AssertionSuccess();
    }
    auto failure = ::testing::AssertionFailure() << "no line holds all of";
    for (const auto& fragment : fragments)
        failure << " \"" << fragment << "\"";
    return failure << " in:\n" << text;
}

}  // namespace pgpm::testing::lifecycle
