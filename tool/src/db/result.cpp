#include "db/result.hpp"

#include <charconv>
#include <cstddef>
#include <string>

namespace pgpm::db {

std::string_view Result::get(int row, int column) const {
    return {PQgetvalue(result_.get(), row, column),
            static_cast<std::size_t>(PQgetlength(result_.get(), row, column))};
}

bool Result::is_null(int row, int column) const {
    return PQgetisnull(result_.get(), row, column) != 0;
}

std::uint64_t Result::affected_rows() const {
    const std::string_view text = PQcmdTuples(result_.get());
    std::uint64_t count = 0;
    std::from_chars(text.data(), text.data() + text.size(), count);
    return count;
}

std::string_view Result::command_status() const {
    return PQcmdStatus(result_.get());
}

}  // namespace pgpm::db
