#pragma once

// What the test-packages tests share: a workspace written module by module, the real `pgpm` run
// in it against the fixture server, a database-name prefix of the test's own (so that tests
// running at once never touch each other's databases), and the output read line by line.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <functional>
#include <map>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "db/connection.hpp"
#include "integration/db/test_server.hpp"
#include "support/process.hpp"
#include "support/test_tree.hpp"

namespace pgpm::testing::test_packages {

// One change of a plan and its three scripts.
struct Change {
    std::string name;
    std::vector<std::string> required;
    std::string deploy;
    std::string revert;
    std::string verify;
};

// A change that creates `table`, drops it on revert and selects from it to verify.
inline Change table_change(const std::string& name, const std::string& table,
                           std::vector<std::string> required = {}) {
    return {name, std::move(required), "CREATE TABLE " + table + " (id int PRIMARY KEY);\n",
            "DROP TABLE " + table + ";\n", "SELECT id FROM " + table + " WHERE false;\n"};
}

inline std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream stream(text);
    for (std::string line; std::getline(stream, line);)
        out.push_back(line);
    return out;
}

// `PASS a` / `FAIL b` for every module's result line, in output order.
inline std::vector<std::string> results(const std::string& output) {
    std::vector<std::string> out;
    for (const auto& line : lines(output)) {
        if (line.starts_with("PASS ") || line.starts_with("FAIL ")) {
            const auto end = line.find_first_of(" :", 5);
            out.push_back(line.substr(0, end));
        }
    }
    return out;
}

inline std::vector<std::string> sorted(std::vector<std::string> items) {
    std::sort(items.begin(), items.end());
    return items;
}

// The result line of `module` (`PASS m (database d): deploy 3ms, ...`); empty when none.
inline std::string result_line(const std::string& output, const std::string& module) {
    for (const auto& line : lines(output)) {
        if ((line.starts_with("PASS ") || line.starts_with("FAIL ")) &&
            (line.substr(5).starts_with(module + " ") || line.substr(5).starts_with(module + ":")))
            return line;
    }
    return {};
}

// The database named on the result line of `module`; empty when none.
inline std::string database_of(const std::string& output, const std::string& module) {
    const auto line = result_line(output, module);
    const auto start = line.find("(database ");
    if (start == std::string::npos)
        return {};
    const auto end = line.find_first_of("),", start);
    return line.substr(start + 10, end - start - 10);
}

// The template database the result line of `module` says it was cloned from; empty when none.
inline std::string template_of(const std::string& output, const std::string& module) {
    const auto line = result_line(output, module);
    constexpr std::string_view marker = "dependencies cloned from ";
    const auto start = line.find(marker);
    if (start == std::string::npos)
        return {};
    const auto end = line.find(')', start);
    return line.substr(start + marker.size(), end - start - marker.size());
}

// The phases marked FAILED on the result line of `module`, by name.
inline std::vector<std::string> failed_phases(const std::string& output,
                                              const std::string& module) {
    const auto line = result_line(output, module);
    std::vector<std::string> failed;
    const auto colon = line.find("): ");
    std::istringstream phases(colon == std::string::npos ? "" : line.substr(colon + 3));
    for (std::string phase; std::getline(phases, phase, ',');) {
        while (!phase.empty() && phase.front() == ' ')
            phase.erase(0, 1);
        if (phase.ends_with(" FAILED"))
            failed.push_back(phase.substr(0, phase.find(' ')));
    }
    return failed;
}

inline std::string last_line(const std::string& text) {
    const auto all = lines(text);
    return all.empty() ? std::string() : all.back();
}

// Wording checks print the whole text on failure.
inline ::testing::AssertionResult mentions(const std::string& text, const std::string& fragment) {
    if (text.find(fragment) != std::string::npos)
        return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure() << "\"" << fragment << "\" not found in:\n" << text;
}

// One line of `text` holds every fragment.
inline ::testing::AssertionResult mentions_on_one_line(const std::string& text,
                                                       const std::vector<std::string>& fragments) {
    for (const auto& line : lines(text)) {
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

// A session on the fixture server's maintenance database; throws with libpq's message.
inline db::Connection maintenance() {
    auto connection = db::Connection::open_maintenance("");
    if (!connection)
        throw std::runtime_error("cannot connect: " + connection.error().message);
    return std::move(*connection);
}

using db::test::rows;

inline void exec(db::Connection& connection, const std::string& sql) {
    auto done = connection.exec(sql);
    if (!done)
        throw std::runtime_error(sql + ": " + done.error().message);
}

// A workspace (`pgpm.json` with `packages/*`) in a temporary folder, and a prefix for the
// databases of the test's runs, made from the test's name (lowercase, short enough that
// `<prefix><module>` stays a plain name). Databases left with that prefix are dropped at the end.
class TestPackagesTest : public ::testing::Test {
protected:
    TestPackagesTest() {
        dir.write("pgpm.json", R"({"packages": ["packages/*"]})");
        std::string name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
        if (name.size() > 36)
            name = name.substr(0, 27) + "_" + short_hash(name);
        prefix_ = "tp_";
        for (const char c : name)
            prefix_ += std::isalnum(static_cast<unsigned char>(c)) != 0
                           ? static_cast<char>(std::tolower(static_cast<unsigned char>(c)))
                           : '_';
        prefix_ += '_';
    }

    ~TestPackagesTest() override {
        try {
            auto connection = maintenance();
            for (const auto& name : databases())
                exec(connection, "DROP DATABASE \"" + name + "\" WITH (FORCE)");
        } catch (const std::exception& error) {
            ADD_FAILURE() << "cleaning up: " << error.what();
        }
    }

    const std::string& prefix() const { return prefix_; }

    // 8 hex digits of a hash of `text`, to keep long test names apart once shortened.
    static std::string short_hash(const std::string& text) {
        char digits[9];
        std::snprintf(digits, sizeof digits, "%08zx", std::hash<std::string>{}(text)&0xffffffffU);
        return digits;
    }

    // packages/<name>: its control file (`requires`, a comma list), plan and scripts.
    void write_module(const std::string& name, const std::string& required,
                      const std::vector<Change>& changes) const {
        const std::string folder = "packages/" + name + "/";
        dir.write(folder + name + ".control",
                  "# " + name + "\ndefault_version = '0.0.1'\nrequires = '" + required + "'\n");
        std::string plan = "%syntax-version=1.0.0\n%project=" + name + "\n\n";
        for (const auto& change : changes) {
            plan += change.name;
            if (!change.required.empty()) {
                plan += " [";
                for (std::size_t i = 0; i < change.required.size(); ++i)
                    plan += (i == 0 ? "" : " ") + change.required[i];
                plan += "]";
            }
            plan += " 2024-01-01T00:00:00Z J <j@x>\n";
            dir.write(folder + "deploy/" + change.name + ".sql", change.deploy);
            dir.write(folder + "revert/" + change.name + ".sql", change.revert);
            dir.write(folder + "verify/" + change.name + ".sql", change.verify);
        }
        dir.write(folder + "pgpm.plan", plan);
    }

    // A module of one change that creates table `<name>_t`.
    void write_table_module(const std::string& name, const std::string& required = "") const {
        write_module(name, required, {table_change("create_" + name, name + "_t")});
    }

    // `pgpm ARGS` at the workspace root.
    ProcessResult pgpm(const std::vector<std::string>& args) const {
        return run_process(PGPM_EXECUTABLE, args, dir.root(), {{"NO_COLOR", "1"}});
    }

    // `pgpm test-packages --db-prefix <the test's prefix> ARGS`.
    ProcessResult test_packages(const std::vector<std::string>& args) const {
        std::vector<std::string> full{"test-packages", "--db-prefix", prefix_};
        full.insert(full.end(), args.begin(), args.end());
        return pgpm(full);
    }

    // The server's databases whose names start with the test's prefix, sorted.
    std::vector<std::string> databases() const {
        auto connection = maintenance();
        return rows(connection,
                    "SELECT datname FROM pg_database WHERE left(datname, length($1)) = $1 "
                    "ORDER BY datname",
                    {prefix_});
    }

    TestTree dir;

private:
    std::string prefix_;
};

}  // namespace pgpm::testing::test_packages
