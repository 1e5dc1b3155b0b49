// `pgpm server` as CI and users drive it, and the ctest fixture's server reached through
// PGPM_SERVER_DIR.
#include <gtest/gtest.h>
#include <libpq-fe.h>

#include <cstdlib>
#include <memory>

#include "support/process.hpp"
#include "support/test_tree.hpp"

namespace pgpm::testing {
namespace {

ProcessResult pgpm(const std::vector<std::string>& args,
                   const std::map<std::string, std::string>& environment = {}) {
    auto env = environment;
    env.emplace("NO_COLOR", "1");
    return run_process(PGPM_EXECUTABLE, args, std::filesystem::current_path(), env);
}

// The value of NAME in `export NAME=value` lines (values without quoting in these tests).
std::string exported(const std::string& lines, const std::string& name) {
    const auto start = lines.find("export " + name + "=");
    if (start == std::string::npos)
        return {};
    const auto value = start + 8 + name.size();
    return lines.substr(value, lines.find('\n', value) - value);
}

TEST(ServerFixture, EnvNamesAServerThatAnswers) {
    const char* dir = std::getenv("PGPM_SERVER_DIR");
    ASSERT_NE(dir, nullptr) << "run through ctest: the fixture sets PGPM_SERVER_DIR";
    const auto result = pgpm({"server", "env", "--dir", dir});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    const auto host = exported(result.out, "PGHOST");
    ASSERT_FALSE(host.empty()) << result.out;
    EXPECT_EQ(exported(result.out, "PGDATABASE"), "postgres");

    const auto conninfo = "host=" + host + " port=" + exported(result.out, "PGPORT") +
                          " user=" + exported(result.out, "PGUSER") + " dbname=postgres";
    std::unique_ptr<PGconn, decltype(&PQfinish)> conn(PQconnectdb(conninfo.c_str()), PQfinish);
    ASSERT_EQ(PQstatus(conn.get()), CONNECTION_OK) << PQerrorMessage(conn.get());
    EXPECT_STREQ(PQparameterStatus(conn.get(), "server_encoding"), "UTF8");
}

TEST(ServerCommand, StartEnvStopInAFolder) {
    TestTree dir;
    const auto folder = (dir.root() / "server").string();
    const auto started = pgpm({"server", "start", "--dir", folder});
    ASSERT_EQ(started.exit_code, 0) << started.err;
    EXPECT_TRUE(std::filesystem::exists(dir.root() / "server/env"));
    EXPECT_EQ(pgpm({"server", "start", "--dir", folder}).exit_code, 0) << "start is idempotent";
    EXPECT_EQ(pgpm({"server", "env", "--dir", folder}).exit_code, 0);
    const auto stopped = pgpm({"server", "stop", "--dir", folder});
    EXPECT_EQ(stopped.exit_code, 0) << stopped.err;
    EXPECT_FALSE(std::filesystem::exists(dir.root() / "server/env"));
    EXPECT_EQ(pgpm({"server", "env", "--dir", folder}).exit_code, 4);
}

TEST(ServerCommand, MissingBinariesExitFourNamingWhatAndWhere) {
    TestTree dir;
    const auto result = pgpm({"server", "start", "--dir", (dir.root() / "s").string()},
                             {{"PGPM_PG_BINDIR", (dir.root() / "no-such-bin").string()}});
    EXPECT_EQ(result.exit_code, 4);
    EXPECT_NE(result.err.find("initdb"), std::string::npos) << result.err;
    EXPECT_NE(result.err.find("no-such-bin"), std::string::npos) << result.err;
}

TEST(ServerCommand, DirIsRequired) {
    EXPECT_EQ(pgpm({"server", "start"}).exit_code, 2);
}

}  // namespace
}  // namespace pgpm::testing
