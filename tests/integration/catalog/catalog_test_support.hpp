#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "catalog/difference.hpp"
#include "catalog/snapshot.hpp"
#include "db/connection.hpp"
#include "test_server.hpp"

namespace pgpm::catalog::test {

// A database of the test's own, with schema `app`, and a connection to it.
class CatalogTest : public ::testing::Test {
protected:
    CatalogTest();

    // Runs `sql` (several statements allowed) or throws with the server's message.
    void run(std::string_view sql);
    CatalogSnapshot snapshot();
    // describe() of every difference `sql` makes to the catalog.
    std::vector<std::string> differences_made_by(std::string_view sql);
    // `text` with each "{me}" replaced by the session's role, which owns what the test creates.
    std::string with_me(std::string_view text);
    static const CatalogObject* find(const CatalogSnapshot& snapshot, std::string_view kind,
                                     std::string_view identity);
    // The object points into the snapshot, which must outlive it.
    static const CatalogObject* find(const CatalogSnapshot&& snapshot, std::string_view kind,
                                     std::string_view identity) = delete;

    db::test::ScratchDatabase database_;
    db::Connection connection_;
};

// `text` with every `placeholder` replaced by `value`.
std::string replace_all(std::string text, std::string_view placeholder, std::string_view value);

// A role of the test's own (roles are shared by every database of the server), dropped with
// everything it owns or was granted in the test's database.
class ScratchRole {
public:
    ScratchRole(db::Connection& connection, std::string name);
    ~ScratchRole();
    ScratchRole(const ScratchRole&) = delete;
    ScratchRole& operator=(const ScratchRole&) = delete;

    const std::string& name() const { return name_; }

private:
    db::Connection& connection_;
    std::string name_;
};

}  // namespace pgpm::catalog::test
