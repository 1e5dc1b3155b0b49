#include "plan/name_index.hpp"

#include <algorithm>
#include <bit>
#include <functional>

namespace pgpm::plan::detail {

NameIndex::NameIndex(std::size_t max_names)
    : slots_(std::bit_ceil(std::max<std::size_t>(16, max_names * 2))) {}

NameIndex::Probe NameIndex::probe(std::string_view name) const {
    const auto hash = static_cast<std::uint32_t>(std::hash<std::string_view>{}(name));
    __builtin_prefetch(&slots_[hash & (slots_.size() - 1)]);
    return {name, hash};
}

std::optional<std::size_t> NameIndex::insert(const Probe& probe, std::size_t index) {
    Slot& slot = slots_[slot_of(probe)];
    if (slot.name.data() != nullptr)
        return slot.index;
    slot = {probe.name, probe.hash, static_cast<std::uint32_t>(index)};
    return std::nullopt;
}

std::optional<std::size_t> NameIndex::find(const Probe& probe) const {
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

}  // namespace pgpm::plan::detail
