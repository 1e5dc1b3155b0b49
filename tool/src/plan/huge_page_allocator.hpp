#pragma once

#include <cstddef>
#include <new>

namespace pgpm::plan::detail {

// Memory for a large table read at random places, such as the name index of a plan of 100k
// changes: backed by 2 MiB transparent huge pages where the kernel has them (Linux asks for them
// per mapping: `madvise` mode, Debian's default), so that a lookup costs one cache miss rather
// than a cache miss and a TLB miss. Small tables take ordinary memory.
void* allocate_huge_page_backed(std::size_t bytes);
void deallocate_huge_page_backed(void* memory, std::size_t bytes) noexcept;

template <typename T>
struct HugePageAllocator {
    using value_type = T;

    HugePageAllocator() = default;
    template <typename U>
    HugePageAllocator(const HugePageAllocator<U>&) noexcept {}

    T* allocate(std::size_t count) {
        return static_cast<T*>(allocate_huge_page_backed(count * sizeof(T)));
    }
    void deallocate(T* memory, std::size_t count) noexcept {
        deallocate_huge_page_backed(memory, count * sizeof(T));
    }
    template <typename U>
    bool operator==(const HugePageAllocator<U>&) const noexcept {
        return true;
    }
};

}  // namespace pgpm::plan::detail
