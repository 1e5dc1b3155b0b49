#include "cli/ctest_resources.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstddef>
#include <vector>

namespace pgpm::cli {

namespace {

std::vector<std::string_view> split(std::string_view text, char separator) {
    std::vector<std::string_view> parts;
    while (true) {
        const auto at = text.find(separator);
        parts.push_back(text.substr(0, at));
        if (at == std::string_view::npos)
            return parts;
        text.remove_prefix(at + 1);
    }
}

bool is_count(std::string_view text) {
    return !text.empty() && std::ranges::all_of(text, [](char c) {
        return std::isdigit(static_cast<unsigned char>(c)) != 0;
    });
}

// CTest's rule for resource ids: lowercase letters, digits and underscores.
bool is_resource_id(std::string_view text) {
    return !text.empty() && std::ranges::all_of(text, [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    });
}

std::string upper(std::string_view text) {
    std::string result(text);
    for (char& c : result)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return result;
}

std::string quoted(std::string_view name, std::string_view value) {
    return std::string(name) + " is '" + std::string(value) + "'";
}

}  // namespace

tl::expected<std::optional<std::string>, std::string> allocated_server(
    const EnvironmentLookup& lookup) {
    const auto count_text = lookup("CTEST_RESOURCE_GROUP_COUNT");
    if (!count_text || count_text->empty())
        return std::nullopt;
    std::size_t count = 0;
    const auto* end = count_text->data() + count_text->size();
    if (!is_count(*count_text) || std::from_chars(count_text->data(), end, count).ptr != end)
        return tl::unexpected(quoted("CTEST_RESOURCE_GROUP_COUNT", *count_text) +
                              ", not a number of resource groups");

    std::optional<std::string> found;
    for (std::size_t group = 0; group < count; ++group) {
        const std::string group_name = "CTEST_RESOURCE_GROUP_" + std::to_string(group);
        const auto types = lookup(group_name);
        if (!types)
            return tl::unexpected(
                group_name + " is not set, though CTEST_RESOURCE_GROUP_COUNT is " + *count_text);
        const auto listed = split(*types, ',');
        if (std::ranges::find(listed, kServerResourceType) == listed.end())
            continue;
        const std::string name = group_name + "_" + upper(kServerResourceType);
        const auto allocation = lookup(name);
        if (!allocation)
            return tl::unexpected(name + " is not set, though " + group_name + " lists " +
                                  std::string(kServerResourceType));
        for (const auto pair : split(*allocation, ';')) {
            const auto items = split(pair, ',');
            constexpr std::string_view id_key = "id:";
            constexpr std::string_view slots_key = "slots:";
            if (items.size() != 2 || !items[0].starts_with(id_key) ||
                !items[1].starts_with(slots_key) ||
                !is_resource_id(items[0].substr(id_key.size())) ||
                !is_count(items[1].substr(slots_key.size())))
                return tl::unexpected(quoted(name, *allocation) +
                                      ", not 'id:<id>,slots:<n>' with an id of lowercase "
                                      "letters, digits and underscores");
            if (found)
                return tl::unexpected(
                    "CTest gave this test more than one " + std::string(kServerResourceType) +
                    " resource (" + name + " is '" + *allocation +
                    "'); pgpm uses one server: ask for one group of '" +
                    std::string(kServerResourceType) + ":<slots>' in RESOURCE_GROUPS");
            found = std::string(items[0].substr(id_key.size()));
        }
    }
    return found;
}

}  // namespace pgpm::cli
