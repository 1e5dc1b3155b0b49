#include "plan/name_index.hpp"

#include <algorithm>
#include <bit>
#include <functional>

namespace pgpm::plan::detail {

NameIndex::NameIndex(std::size_t expected_names)
    : slots_(std::bit_ceil(std::max<std::size_t>(16, expected_names * 2))) {}

NameIndex::Probe NameIndex::probe(std::string_view name) const {
    const auto hash = static_cast<std::uint32_t>(std::hash<std::string_view>{}(name));
    if (!slots_.empty())
        __builtin_prefetch(&slots_[hash & (slots_.size() - 1)]);
    return {name, hash};
}

std::optional<std::size_t> NameIndex::insert(const Probe& probe, std::size_t index) {
    if ((size_ + 1) * 2 > slots_.size())
        grow();
    Slot& slot = slots_[slot_of(probe)];
    if (slot.name.data() != nullptr)
        return slot.index;
    slot = {probe.name, probe.hash, static_cast<std::uint32_t>(index)};
    ++size_;
    return std::nullopt;
}

std::optional<std::size_t> NameIndex::find(const Probe& probe) const {
    if (slots_.empty())
        return std::nullopt;
    const Slot& slot = slots_[slot_of(probe)];
    if (slot.name.data() == nullptr)
        return std::nullopt;
    return slot.index;
}

// The slot holding the name, or the free slot where it belongs.
std::size_t NameIndex::slot_of(const Probe& probe) const {
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = probe.hash & mask;; i = (i + 1) & mask) {
        const Slot& slot = slots_[i];
        if (slot.name.data() == nullptr || (slot.hash == probe.hash && slot.name == probe.name))
            return i;
    }
}

void NameIndex::grow() {
    std::vector<Slot, HugePageAllocator<Slot>> old(std::max<std::size_t>(16, slots_.size() * 2));
    old.swap(slots_);
    for (const Slot& slot : old) {
        if (slot.name.data() != nullptr)
            slots_[slot_of({slot.name, slot.hash})] = slot;
    }
}

}  // namespace pgpm::plan::detail
