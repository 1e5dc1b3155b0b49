// Transaction: committed work stays, anything else rolls back.
#include <gtest/gtest.h>

#include "db/transaction.hpp"
#include "test_server.hpp"

namespace pgpm::db {
namespace {

using test::ScratchDatabase;

std::string table_count(Connection& connection) {
    auto counted = connection.exec("SELECT count(*) FROM pg_class WHERE relname = 't'");
    return counted ? std::string(counted->get(0, 0)) : "error: " + counted.error().message;
}

TEST(DbTransaction, RollsBackOnDestruction) {
    ScratchDatabase database;
    auto connection = database.connect();
    {
        auto transaction = Transaction::begin(connection);
        ASSERT_TRUE(transaction) << transaction.error().message;
        EXPECT_TRUE(connection.in_transaction());
        ASSERT_TRUE(connection.exec("CREATE TABLE t (a int)"));
    }
    EXPECT_FALSE(connection.in_transaction());
    EXPECT_EQ(table_count(connection), "0");
}

TEST(DbTransaction, CommitKeepsTheWork) {
    ScratchDatabase database;
    auto connection = database.connect();
    auto transaction = Transaction::begin(connection);
    ASSERT_TRUE(transaction);
    ASSERT_TRUE(connection.exec("CREATE TABLE t (a int)"));
    ASSERT_TRUE(transaction->commit());
    EXPECT_FALSE(connection.in_transaction());
    EXPECT_EQ(table_count(connection), "1");
}

TEST(DbTransaction, ExplicitRollbackEndsIt) {
    ScratchDatabase database;
    auto connection = database.connect();
    auto transaction = Transaction::begin(connection);
    ASSERT_TRUE(transaction);
    ASSERT_TRUE(connection.exec("CREATE TABLE t (a int)"));
    ASSERT_TRUE(transaction->rollback());
    EXPECT_EQ(table_count(connection), "0");
}

TEST(DbTransaction, CommitAfterAFailedStatementIsAnError) {
    ScratchDatabase database;
    auto connection = database.connect();
    auto transaction = Transaction::begin(connection);
    ASSERT_TRUE(transaction);
    ASSERT_TRUE(connection.exec("CREATE TABLE t (a int)"));
    ASSERT_FALSE(connection.exec("SELECT 1/0"));
    auto committed = transaction->commit();
    ASSERT_FALSE(committed);
    EXPECT_EQ(committed.error().sqlstate, "25P02");
    EXPECT_FALSE(connection.in_transaction());
    EXPECT_EQ(table_count(connection), "0");
}

TEST(DbTransaction, MovedTransactionRollsBackOnce) {
    ScratchDatabase database;
    auto connection = database.connect();
    std::vector<Notice> notices;
    connection.set_notice_sink([&notices](const Notice& notice) { notices.push_back(notice); });
    {
        auto transaction = Transaction::begin(connection);
        ASSERT_TRUE(transaction);
        Transaction moved = std::move(*transaction);
        ASSERT_TRUE(connection.exec("CREATE TABLE t (a int)"));
    }
    EXPECT_EQ(table_count(connection), "0");
    EXPECT_TRUE(notices.empty()) << "a second ROLLBACK warns: " << notices.front().message;
}

}  // namespace
}  // namespace pgpm::db
