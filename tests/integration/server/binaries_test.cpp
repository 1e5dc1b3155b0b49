#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>

#include "server/binaries.hpp"
#include "server_test_support.hpp"

namespace pgpm::server {
namespace {

namespace fs = std::filesystem;

void make_program(const fs::path& file, const std::string& text = "#!/bin/sh\n") {
    fs::create_directories(file.parent_path());
    std::ofstream(file) << text;
    fs::permissions(file, fs::perms::owner_all | fs::perms::group_exec | fs::perms::others_exec);
}

void make_server_programs(const fs::path& bin) {
    make_program(bin / "initdb");
    make_program(bin / "postgres");
}

TEST(LocateBinaries, NamesWhatItLookedForAndWhere) {
    const test::TestRoot root;
    const auto versions = root.path() / "versions";
    fs::create_directories(versions / "16" / "bin");
    make_program(versions / "16" / "bin" / "initdb");  // a client-only install has no postgres

    const auto found =
        locate_binaries({(root.path() / "nowhere").string() + ":/nonexistent", {versions}});

    ASSERT_FALSE(found.has_value());
    const auto& message = found.error().message;
    EXPECT_NE(message.find("initdb"), std::string::npos) << message;
    EXPECT_NE(message.find("postgres"), std::string::npos) << message;
    EXPECT_NE(message.find((root.path() / "nowhere").string()), std::string::npos) << message;
    EXPECT_NE(message.find("/nonexistent"), std::string::npos) << message;
    EXPECT_NE(message.find("pg_config"), std::string::npos) << message;
    EXPECT_NE(message.find((versions / "<version>" / "bin").string()), std::string::npos)
        << message;
    EXPECT_NE(found.error().hint.find("postgresql"), std::string::npos) << found.error().hint;
}

TEST(LocateBinaries, SaysWhenPathIsEmpty) {
    const auto found = locate_binaries({"", {}});

    ASSERT_FALSE(found.has_value());
    EXPECT_NE(found.error().message.find("PATH (empty)"), std::string::npos)
        << found.error().message;
}

TEST(LocateBinaries, PrefersPathThenPgConfigThenTheNewestVersion) {
    const test::TestRoot root;
    const auto versions = root.path() / "versions";
    make_server_programs(versions / "9.6" / "bin");
    make_server_programs(versions / "15" / "bin");
    make_program(versions / "16" / "bin" / "initdb");
    make_server_programs(versions / "latest" / "bin");  // not a version
    const auto newest = locate_binaries({"", {versions}});
    ASSERT_TRUE(newest.has_value()) << newest.error().message;
    EXPECT_EQ(newest->initdb, versions / "15" / "bin" / "initdb");
    EXPECT_EQ(newest->postgres, versions / "15" / "bin" / "postgres");

    const auto configured = root.path() / "configured";
    make_server_programs(configured);
    make_program(root.path() / "tools" / "pg_config",
                 "#!/bin/sh\necho " + configured.string() + "\n");
    const auto by_pg_config = locate_binaries({(root.path() / "tools").string(), {versions}});
    ASSERT_TRUE(by_pg_config.has_value()) << by_pg_config.error().message;
    EXPECT_EQ(by_pg_config->initdb, configured / "initdb");

    const auto on_path = root.path() / "on-path";
    make_server_programs(on_path);
    const auto by_path =
        locate_binaries({(root.path() / "tools").string() + ":" + on_path.string(), {versions}});
    ASSERT_TRUE(by_path.has_value()) << by_path.error().message;
    EXPECT_EQ(by_path->postgres, on_path / "postgres");
}

}  // namespace
}  // namespace pgpm::server
