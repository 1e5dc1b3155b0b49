#pragma once

#include <tl/expected.hpp>

#include "db/connection.hpp"
#include "db/sql_error.hpp"

namespace pgpm::db {

// BEGIN ... COMMIT on a connection, rolled back on destruction unless committed or rolled back
// before. The connection must outlive the transaction and stay where it is (not be moved).
class Transaction {
public:
    static tl::expected<Transaction, SqlError> begin(Connection& connection);

    Transaction(Transaction&& other) noexcept;
    Transaction& operator=(Transaction&&) = delete;
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    // Errors are ignored: on a broken connection the server has already rolled back.
    ~Transaction();

    // At most one of commit and rollback may be called.
    // The server answers COMMIT in a failed transaction by rolling back, without an error; that
    // is an error here (25P02, in_failed_sql_transaction).
    tl::expected<void, SqlError> commit();
    tl::expected<void, SqlError> rollback();

private:
    explicit Transaction(Connection& connection) : connection_(&connection) {}
    tl::expected<Result, SqlError> finish(const char* statement);

    Connection* connection_;  // null once ended
};

}  // namespace pgpm::db
