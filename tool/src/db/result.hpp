#pragma once

#include <libpq-fe.h>

#include <cstdint>
#include <memory>
#include <string_view>

namespace pgpm::db {

struct ResultDeleter {
    void operator()(PGresult* result) const { PQclear(result); }
};

// The rows of a successful statement, in text format. Independent of its connection: it may
// outlive it. Row and column indexes are 0-based and must be in range.
class Result {
public:
    // Takes ownership of a non-null result.
    explicit Result(PGresult* result) : result_(result) {}

    int rows() const { return PQntuples(result_.get()); }
    int columns() const { return PQnfields(result_.get()); }

    // Empty for NULL as for ''; is_null tells them apart. Valid while the Result lives.
    std::string_view get(int row, int column) const;
    bool is_null(int row, int column) const;

    // Rows inserted, updated, deleted, selected, ... by the statement; 0 when it does not say.
    std::uint64_t affected_rows() const;

    // The command tag: "INSERT 0 3", "CREATE TABLE", "ROLLBACK", ...
    std::string_view command_status() const;

    // libpq's handle, for what this class does not wrap.
    PGresult* native() const { return result_.get(); }

private:
    std::unique_ptr<PGresult, ResultDeleter> result_;
};

}  // namespace pgpm::db
