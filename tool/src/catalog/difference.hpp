#pragma once

#include <string>
#include <vector>

#include "catalog/snapshot.hpp"

namespace pgpm::catalog {

struct CatalogDifference {
    enum class Kind {
        added,    // in the second snapshot only: left behind
        removed,  // in the first snapshot only: missing
        changed,  // in both, with other details
    };
    Kind kind;
    std::string object_kind;  // CatalogObject::kind
    std::string identity;     // CatalogObject::identity
    // For a changed object, each detail that differs, "; "-separated: "owner: alice -> bob", or
    // "definition differs" when a value is too long to quote. Empty for the other kinds.
    std::string detail;

    bool operator==(const CatalogDifference&) const = default;
};

// Every object added, removed or changed from `before` to `after`, by kind then identity. Empty
// when the two are equal.
std::vector<CatalogDifference> compare(const CatalogSnapshot& before, const CatalogSnapshot& after);

// One line: "left behind: table app.users", "missing: function app.f(integer)",
// "changed: table app.t (owner: alice -> bob)".
std::string describe(const CatalogDifference& difference);

}  // namespace pgpm::catalog
