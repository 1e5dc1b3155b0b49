#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "plan/huge_page_allocator.hpp"

namespace pgpm::plan::detail {

// Names to their index in the plan, for the parser's lookups (one per change and one per
// dependency) and Plan's. Open addressing over views into the plan text, which must outlive the
// index: a lookup touches one slot and one key, where std::unordered_map<std::string, ...> follows
// a chain of separately allocated nodes and keys, cache misses that made up almost half of the
// time to parse a 100k-change plan.
class NameIndex {
public:
    NameIndex() = default;
    // Room for `expected_names` names before the index has to grow: the parser sizes the change
    // index from the line count, which a plan's change count never exceeds.
    explicit NameIndex(std::size_t expected_names);

    // A name and where its lookup starts. Taking it asks the CPU to fetch that slot, so the
    // parser takes probes first and looks up after other work, while the slot is on its way.
    struct Probe {
        std::string_view name;
        std::uint32_t hash = 0;
    };
    Probe probe(std::string_view name) const;

    // The index stored for the name if there is one; otherwise stores `index` and returns nothing.
    std::optional<std::size_t> insert(const Probe& probe, std::size_t index);
    std::optional<std::size_t> find(const Probe& probe) const;
    std::optional<std::size_t> find(std::string_view name) const { return find(probe(name)); }

private:
    struct Slot {
        std::string_view name;  // a null data pointer marks a free slot
        std::uint32_t hash = 0;
        std::uint32_t index = 0;
    };

    std::size_t slot_of(const Probe& probe) const;
    void grow();

    // Empty or a power of two, at least twice the number of names: probes stay short.
    std::vector<Slot, HugePageAllocator<Slot>> slots_;
    std::size_t size_ = 0;
};

}  // namespace pgpm::plan::detail
