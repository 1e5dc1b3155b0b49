#include "db/transaction.hpp"

#include <utility>

namespace pgpm::db {

tl::expected<Transaction, SqlError> Transaction::begin(Connection& connection) {
    return connection.exec("BEGIN").map(
        [&connection](const Result&) { return Transaction(connection); });
}

Transaction::Transaction(Transaction&& other) noexcept
    : connection_(std::exchange(other.connection_, nullptr)) {}

Transaction::~Transaction() {
    if (connection_ != nullptr && !connection_->is_broken()) {
        (void)connection_->exec("ROLLBACK");
    }
}

tl::expected<void, SqlError> Transaction::commit() {
    auto result = finish("COMMIT");
    if (!result) {
        return tl::unexpected(std::move(result.error()));
    }
    if (result->command_status() == "ROLLBACK") {
        SqlError error;
        error.severity = "ERROR";
        error.sqlstate = "25P02";
        error.message = "the transaction was rolled back because a statement in it failed";
        return tl::unexpected(std::move(error));
    }
    return {};
}

tl::expected<void, SqlError> Transaction::rollback() {
    return finish("ROLLBACK").map([](const Result&) {});
}

tl::expected<Result, SqlError> Transaction::finish(const char* statement) {
    return std::exchange(connection_, nullptr)->exec(statement);
}

}  // namespace pgpm::db
