#pragma once

#include <optional>
#include <string_view>
#include <utility>
#include <vector>

namespace pgpm::sql {

// A read-only view of one value in libpg_query's JSON parse tree. Nothing is copied or
// materialised: lookups scan the text, skipping nested values by bracket counting rather than
// recursion, so expression trees thousands of levels deep cost no stack. A missing member is an
// absent view, which is also how the output encodes false, zero and empty lists.
class JsonView {
public:
    JsonView() = default;
    explicit JsonView(std::string_view value) : text_(value) {}

    bool present() const { return !text_.empty(); }

    JsonView member(std::string_view key) const;
    // All members in one pass, for reading several of them from a large object.
    std::vector<std::pair<std::string_view, JsonView>> members() const;
    std::vector<JsonView> items() const;

    bool is_true() const { return text_ == "true"; }
    // The characters between the quotes, escapes left as written: compared only against names
    // that need no escaping, for which that is the same as comparing the decoded text.
    std::string_view string() const;
    std::optional<long long> integer() const;

private:
    std::string_view text_;
};

}  // namespace pgpm::sql
