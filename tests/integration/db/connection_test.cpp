// Connection::open with every form `-d` takes, and the failures the CLI must tell apart.
#include <gtest/gtest.h>

#include <cstdlib>

#include "db/connection.hpp"
#include "test_server.hpp"

namespace pgpm::db {
namespace {

using test::ScratchDatabase;

std::string env(const char* name) {
    const char* value = std::getenv(name);
    return value != nullptr ? value : "";
}

// The socket folder, percent-encoded for a URI.
std::string uri_encoded(const std::string& text) {
    std::string encoded;
    for (const char c : text) {
        if (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.') {
            encoded += c;
        } else {
            static constexpr char kHex[] = "0123456789ABCDEF";
            encoded += '%';
            encoded += kHex[static_cast<unsigned char>(c) >> 4];
            encoded += kHex[static_cast<unsigned char>(c) & 0xF];
        }
    }
    return encoded;
}

std::string first_value(Connection& connection, const std::string& sql) {
    auto result = connection.exec(sql);
    if (!result) {
        return "error: " + result.error().message;
    }
    return std::string(result->get(0, 0));
}

TEST(DbConnection, EmptyTargetUsesTheEnvironment) {
    auto connection = Connection::open("");
    ASSERT_TRUE(connection) << connection.error().message;
    EXPECT_EQ(connection->database_name(), env("PGDATABASE"));
    EXPECT_GE(connection->server_version(), 130000);
    EXPECT_GT(connection->backend_pid(), 0);
    EXPECT_EQ(connection->server_encoding(), "UTF8");
    EXPECT_FALSE(connection->is_broken());
    EXPECT_FALSE(connection->in_transaction());
}

TEST(DbConnection, SessionIsNamedPgpmAndSpeaksUtf8) {
    auto connection = test::connect("");
    EXPECT_EQ(first_value(connection, "SHOW application_name"), "pgpm");
    EXPECT_EQ(first_value(connection, "SHOW client_encoding"), "UTF8");
}

TEST(DbConnection, TargetSettingsWinOverOurs) {
    auto connection = test::connect("dbname=postgres application_name=deployer");
    EXPECT_EQ(first_value(connection, "SHOW application_name"), "deployer");
}

TEST(DbConnection, OpensByName) {
    ScratchDatabase database;
    auto connection = Connection::open(database.name());
    ASSERT_TRUE(connection) << connection.error().message;
    EXPECT_EQ(connection->database_name(), database.name());
    EXPECT_EQ(first_value(*connection, "SELECT current_database()"), database.name());
}

TEST(DbConnection, OpensByConninfo) {
    ScratchDatabase database;
    auto connection = Connection::open("host='" + env("PGHOST") + "' port=" + env("PGPORT") +
                                       " dbname=" + database.name());
    ASSERT_TRUE(connection) << connection.error().message;
    EXPECT_EQ(first_value(*connection, "SELECT current_database()"), database.name());
}

TEST(DbConnection, OpensByUri) {
    ScratchDatabase database;
    auto connection = Connection::open("postgresql://" + uri_encoded(env("PGHOST")) + ":" +
                                       env("PGPORT") + "/" + database.name());
    ASSERT_TRUE(connection) << connection.error().message;
    EXPECT_EQ(first_value(*connection, "SELECT current_database()"), database.name());
}

TEST(DbConnection, MovedConnectionKeepsWorking) {
    auto first = test::connect("");
    const int pid = first.backend_pid();
    Connection second = std::move(first);
    EXPECT_EQ(second.backend_pid(), pid);
    EXPECT_EQ(first_value(second, "SELECT 7"), "7");
}

TEST(DbConnection, MissingDatabaseIsToldApartAndMaintenanceStillConnects) {
    const std::string target = "pgpm_db_test_no_such_database";
    auto connection = Connection::open(target);
    ASSERT_FALSE(connection);
    EXPECT_EQ(connection.error().kind, ConnectFailure::database_missing)
        << connection.error().message;
    EXPECT_EQ(connection.error().database, target);
    EXPECT_NE(connection.error().message.find(target), std::string::npos);
    EXPECT_EQ(diagnose_connect_failure(target, connection.error()).kind,
              ConnectFailure::database_missing);

    auto maintenance = Connection::open_maintenance(target);
    ASSERT_TRUE(maintenance) << maintenance.error().message;
    EXPECT_EQ(maintenance->database_name(), "postgres");
}

TEST(DbConnection, DiagnosisFindsAMissingDatabaseWhateverTheMessageSays) {
    ConnectError error{ConnectFailure::other, "FATAL:  la base n'existe pas", "pgpm_db_test_gone"};
    EXPECT_EQ(diagnose_connect_failure("", error).kind, ConnectFailure::database_missing);
    error.database = "postgres";
    EXPECT_EQ(diagnose_connect_failure("", error).kind, ConnectFailure::other);
}

TEST(DbConnection, MaintenanceKeepsTheTargetsOtherSettings) {
    auto maintenance = Connection::open_maintenance(
        "postgresql://" + uri_encoded(env("PGHOST")) + ":" + env("PGPORT") +
        "/pgpm_db_test_no_such_database?application_name=probe");
    ASSERT_TRUE(maintenance) << maintenance.error().message;
    EXPECT_EQ(maintenance->database_name(), "postgres");
    EXPECT_EQ(first_value(*maintenance, "SHOW application_name"), "probe");
}

TEST(DbConnection, UnreachableServerIsToldApart) {
    const std::string target = "host=/nonexistent dbname=postgres";
    auto connection = Connection::open(target);
    ASSERT_FALSE(connection);
    EXPECT_EQ(connection.error().kind, ConnectFailure::server_unreachable)
        << connection.error().message;
    EXPECT_EQ(diagnose_connect_failure(target, connection.error()).kind,
              ConnectFailure::server_unreachable);
    auto maintenance = Connection::open_maintenance(target);
    ASSERT_FALSE(maintenance);
    EXPECT_EQ(maintenance.error().kind, ConnectFailure::server_unreachable);
}

TEST(DbConnection, UnknownRoleIsAnAuthenticationFailure) {
    auto connection = Connection::open("dbname=postgres user=pgpm_db_test_no_such_role");
    ASSERT_FALSE(connection);
    EXPECT_EQ(connection.error().kind, ConnectFailure::auth_failed) << connection.error().message;
}

TEST(DbConnection, MalformedUriNeverShowsItsPassword) {
    for (const std::string target :
         {"postgresql://bob:s3cretpw@[::1/db", "postgresql://bob:s3cret%zzpw@host/db"}) {
        auto connection = Connection::open(target);
        ASSERT_FALSE(connection) << target;
        EXPECT_EQ(connection.error().message.find("s3cret"), std::string::npos)
            << connection.error().message;
        EXPECT_NE(connection.error().message.find("***"), std::string::npos)
            << connection.error().message;
        auto maintenance = Connection::open_maintenance(target);
        ASSERT_FALSE(maintenance) << target;
        EXPECT_EQ(maintenance.error().message.find("s3cret"), std::string::npos)
            << maintenance.error().message;
    }
}

}  // namespace
}  // namespace pgpm::db
