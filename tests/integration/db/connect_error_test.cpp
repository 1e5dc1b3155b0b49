// Classifying and cleaning libpq's connection messages, without a server.
#include <gtest/gtest.h>

#include "db/connect_error.hpp"

namespace pgpm::db {
namespace {

TEST(DbConnectError, ClassifiesLibpqAndServerMessages) {
    EXPECT_EQ(classify_connect_message("connection to server on socket \"/tmp/s/.s.PGSQL.5432\" "
                                       "failed: FATAL:  database \"app\" does not exist"),
              ConnectFailure::database_missing);
    EXPECT_EQ(classify_connect_message("connection to server on socket \"/x/.s.PGSQL.5432\" "
                                       "failed: No such file or directory\n\tIs the server "
                                       "running locally and accepting connections on that "
                                       "socket?"),
              ConnectFailure::server_unreachable);
    EXPECT_EQ(classify_connect_message("connection to server at \"db\" (10.0.0.1), port 5432 "
                                       "failed: Connection refused"),
              ConnectFailure::server_unreachable);
    EXPECT_EQ(classify_connect_message("could not translate host name \"nohost\" to address: "
                                       "Name or service not known"),
              ConnectFailure::server_unreachable);
    EXPECT_EQ(classify_connect_message("connection to server at \"db\" (10.0.0.1), port 5432 "
                                       "failed: FATAL:  password authentication failed for user "
                                       "\"app\""),
              ConnectFailure::auth_failed);
    EXPECT_EQ(classify_connect_message("FATAL:  no pg_hba.conf entry for host \"10.0.0.2\""),
              ConnectFailure::auth_failed);
    EXPECT_EQ(classify_connect_message("FATAL:  sorry, too many clients already"),
              ConnectFailure::other);
}

TEST(DbConnectError, MasksTheUriPasswordWherePresent) {
    const std::string target = "postgresql://bob:pa:ss@[::1/db";
    EXPECT_EQ(mask_password("in URI: \"" + target + "\"", target),
              "in URI: \"postgresql://bob:***@[::1/db\"");
    EXPECT_EQ(mask_password("token: \"pa:ss\"", target), "token: \"***\"");
    EXPECT_EQ(mask_password("bad", "postgres://bob@host/db"), "bad");
    EXPECT_EQ(mask_password("bad", "postgres://host/db@x"), "bad");
}

}  // namespace
}  // namespace pgpm::db
