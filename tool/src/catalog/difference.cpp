#include "catalog/difference.hpp"

#include <algorithm>
#include <optional>
#include <string_view>
#include <tuple>
#include <utility>

namespace pgpm::catalog {

namespace {

// Longer values (function bodies, view definitions) would drown the line: only their key shows.
constexpr std::size_t kLongestQuotedValue = 80;
constexpr std::string_view kAbsent = "(none)";

struct Entry {
    std::string_view key;
    std::string_view value;
};

// The details' "key: value" lines, in their order.
std::vector<Entry> entries_of(std::string_view details) {
    std::vector<Entry> entries;
    while (!details.empty()) {
        const auto end = details.find('\n');
        const std::string_view line = details.substr(0, end);
        const auto colon = line.find(": ");
        if (colon == std::string_view::npos) {
            entries.push_back({line, {}});
        } else {
            entries.push_back({line.substr(0, colon), line.substr(colon + 2)});
        }
        details = end == std::string_view::npos ? std::string_view() : details.substr(end + 1);
    }
    return entries;
}

std::optional<std::string_view> value_of(const std::vector<Entry>& entries, std::string_view key) {
    const auto found =
        std::ranges::find_if(entries, [key](const Entry& entry) { return entry.key == key; });
    return found == entries.end() ? std::nullopt : std::optional(found->value);
}

std::string change_of(std::string_view key, std::optional<std::string_view> before,
                      std::optional<std::string_view> after) {
    const std::string_view old_value = before.value_or(kAbsent);
    const std::string_view new_value = after.value_or(kAbsent);
    if (old_value.size() > kLongestQuotedValue || new_value.size() > kLongestQuotedValue) {
        return std::string(key) + " differs";
    }
    return std::string(key) + ": " + std::string(old_value) + " -> " + std::string(new_value);
}

// What differs between two details texts, key by key: those of `before` in its order, then the
// keys only `after` has.
std::string changes_between(std::string_view before, std::string_view after) {
    const auto old_entries = entries_of(before);
    const auto new_entries = entries_of(after);
    std::vector<std::string> changes;
    for (const auto& entry : old_entries) {
        const auto new_value = value_of(new_entries, entry.key);
        if (new_value != entry.value) {
            changes.push_back(change_of(entry.key, entry.value, new_value));
        }
    }
    for (const auto& entry : new_entries) {
        if (!value_of(old_entries, entry.key)) {
            changes.push_back(change_of(entry.key, std::nullopt, entry.value));
        }
    }
    std::string joined;
    for (const auto& change : changes) {
        joined += joined.empty() ? change : "; " + change;
    }
    return joined;
}

CatalogDifference difference_of(CatalogDifference::Kind kind, const CatalogObject& object) {
    return {kind, object.kind, object.identity, {}};
}

}  // namespace

std::vector<CatalogDifference> compare(const CatalogSnapshot& before,
                                       const CatalogSnapshot& after) {
    std::vector<CatalogDifference> differences;
    auto old_object = before.objects.begin();
    auto new_object = after.objects.begin();
    // Both are sorted by (kind, identity): one merge pass.
    while (old_object != before.objects.end() || new_object != after.objects.end()) {
        if (new_object == after.objects.end() ||
            (old_object != before.objects.end() &&
             std::tie(old_object->kind, old_object->identity) <
                 std::tie(new_object->kind, new_object->identity))) {
            differences.push_back(difference_of(CatalogDifference::Kind::removed, *old_object++));
        } else if (old_object == before.objects.end() ||
                   std::tie(new_object->kind, new_object->identity) <
                       std::tie(old_object->kind, old_object->identity)) {
            differences.push_back(difference_of(CatalogDifference::Kind::added, *new_object++));
        } else {
            if (old_object->details != new_object->details) {
                auto changed = difference_of(CatalogDifference::Kind::changed, *new_object);
                changed.detail = changes_between(old_object->details, new_object->details);
                differences.push_back(std::move(changed));
            }
            ++old_object;
            ++new_object;
        }
    }
    return differences;
}

std::string describe(const CatalogDifference& difference) {
    const std::string object = difference.object_kind + " " + difference.identity;
    switch (difference.kind) {
        case CatalogDifference::Kind::added:
            return "left behind: " + object;
        case CatalogDifference::Kind::removed:
            return "missing: " + object;
        case CatalogDifference::Kind::changed:
            return "changed: " + object + " (" + difference.detail + ")";
    }
    return object;
}

}  // namespace pgpm::catalog
