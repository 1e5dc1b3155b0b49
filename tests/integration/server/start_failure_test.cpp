#include <gtest/gtest.h>

#include <fstream>

#include "server/embedded_server.hpp"
#include "server_test_support.hpp"

namespace pgpm::server {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

// Stand-ins for the server programs, so that each way of failing can be staged in milliseconds.
ServerOptions with_programs(const test::TestRoot& root, const std::string& initdb,
                            const std::string& postgres) {
    const auto bin = root.path() / "bin";
    fs::create_directory(bin);
    for (const auto& [name, script] : {std::pair{"initdb", initdb}, {"postgres", postgres}}) {
        std::ofstream(bin / name) << "#!/bin/sh\n" << script << "\n";
        fs::permissions(bin / name, fs::perms::owner_all | fs::perms::group_exec |
                                        fs::perms::group_read | fs::perms::others_exec |
                                        fs::perms::others_read);
    }
    auto options = root.options();
    options.search = {bin.string(), {}};
    return options;
}

// The log a failed start keeps, as named by the last word of the hint.
fs::path kept_log(const ServerError& error) {
    return error.hint.substr(error.hint.rfind(' ') + 1);
}

TEST(StartFailure, WithoutProgramsNothingIsMade) {
    const test::TestRoot root;
    auto options = root.options();
    options.search = {"", {root.path() / "empty"}};

    const auto server = EphemeralServer::start(options);

    ASSERT_FALSE(server.has_value());
    EXPECT_NE(server.error().message.find("initdb"), std::string::npos);
    EXPECT_TRUE(fs::is_empty(root.path()));
}

TEST(StartFailure, QuotesInitdbsExplainingLine) {
    const test::TestRoot root;
    const auto options = with_programs(root,
                                       "echo 'The files belonging to this database system'\n"
                                       "echo 'initdb: error: simulated failure' >&2\n"
                                       "echo 'initdb: hint: a hint' >&2\nexit 1",
                                       "exit 1");

    const auto server = EphemeralServer::start(options);

    ASSERT_FALSE(server.has_value());
    EXPECT_EQ(server.error().message, "initdb failed: initdb: error: simulated failure");
    EXPECT_EQ(root.cluster_count(), 0);
    EXPECT_TRUE(fs::is_regular_file(kept_log(server.error()))) << server.error().hint;
}

TEST(StartFailure, QuotesTheServerLogsExplainingLine) {
    const test::TestRoot root;
    const auto options = with_programs(root, "echo 'initdb: warning: not this one'",
                                       "echo 'LOG:  starting PostgreSQL' >&2\n"
                                       "echo 'FATAL:  simulated failure' >&2\n"
                                       "echo 'LOG:  database system is shut down' >&2\nexit 1");

    const auto server = EphemeralServer::start(options);

    ASSERT_FALSE(server.has_value());
    EXPECT_EQ(server.error().message,
              "the embedded PostgreSQL server exited: FATAL:  simulated failure");
    EXPECT_EQ(root.cluster_count(), 0);
    const auto log = kept_log(server.error());
    EXPECT_EQ(log.parent_path(), root.path()) << server.error().hint;
    EXPECT_TRUE(fs::is_regular_file(log)) << server.error().hint;
}

TEST(StartFailure, TimeoutStopsTheServerAndKeepsItsLog) {
    const test::TestRoot root;
    auto options = root.options();
    options.start_timeout = 0s;

    const auto server = EphemeralServer::start(options);

    ASSERT_FALSE(server.has_value());
    EXPECT_NE(server.error().message.find("not ready after 0 s"), std::string::npos)
        << server.error().message;
    EXPECT_EQ(root.cluster_count(), 0);
    EXPECT_TRUE(fs::is_regular_file(kept_log(server.error()))) << server.error().hint;
}

}  // namespace
}  // namespace pgpm::server
