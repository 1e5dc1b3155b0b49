#include "catalog_test_support.hpp"

#include <stdexcept>
#include <utility>

namespace pgpm::catalog::test {

CatalogTest::CatalogTest() : connection_(database_.connect()) {
    run("CREATE SCHEMA app");
}

void CatalogTest::run(std::string_view sql) {
    auto done = connection_.exec(sql);
    if (!done) {
        throw std::runtime_error(std::string(sql) + ": " + done.error().message);
    }
}

CatalogSnapshot CatalogTest::snapshot() {
    auto snapshot = take_snapshot(connection_);
    if (!snapshot) {
        throw std::runtime_error("take_snapshot: " + snapshot.error().message);
    }
    return std::move(*snapshot);
}

std::vector<std::string> CatalogTest::differences_made_by(std::string_view sql) {
    const auto before = snapshot();
    run(sql);
    std::vector<std::string> described;
    for (const auto& difference : compare(before, snapshot())) {
        described.push_back(describe(difference));
    }
    return described;
}

std::string CatalogTest::with_me(std::string_view text) {
    auto me = connection_.exec("SELECT current_user");
    if (!me) {
        throw std::runtime_error("current_user: " + me.error().message);
    }
    return replace_all(std::string(text), "{me}", me->get(0, 0));
}

const CatalogObject* CatalogTest::find(const CatalogSnapshot& snapshot, std::string_view kind,
                                       std::string_view identity) {
    for (const auto& object : snapshot.objects) {
        if (object.kind == kind && object.identity == identity) {
            return &object;
        }
    }
    return nullptr;
}

std::string replace_all(std::string text, std::string_view placeholder, std::string_view value) {
    for (auto at = text.find(placeholder); at != std::string::npos;
         at = text.find(placeholder, at + value.size())) {
        text.replace(at, placeholder.size(), value);
    }
    return text;
}

ScratchRole::ScratchRole(db::Connection& connection, std::string name)
    : connection_(connection), name_(std::move(name)) {
    auto created = connection_.exec("CREATE ROLE " + name_);
    if (!created) {
        throw std::runtime_error("CREATE ROLE " + name_ + ": " + created.error().message);
    }
}

ScratchRole::~ScratchRole() {
    auto dropped = connection_.exec("DROP OWNED BY " + name_ + "; DROP ROLE " + name_);
    EXPECT_TRUE(dropped) << "DROP ROLE " << name_ << ": " << dropped.error().message;
}

}  // namespace pgpm::catalog::test
