#include "plan/huge_page_allocator.hpp"

#include <sys/mman.h>

#include <cstdlib>

namespace pgpm::plan::detail {

namespace {
constexpr std::size_t kHugePage = std::size_t{2} << 20;

bool is_large(std::size_t bytes) {
    return bytes >= kHugePage;
}

std::size_t whole_huge_pages(std::size_t bytes) {
    return (bytes + kHugePage - 1) / kHugePage * kHugePage;
}
}  // namespace

void* allocate_huge_page_backed(std::size_t bytes) {
    if (!is_large(bytes)) {
        if (void* memory = std::malloc(bytes))
            return memory;
        throw std::bad_alloc();
    }
    // Huge pages need 2 MiB alignment; the advice is a request the kernel may ignore.
    const std::size_t size = whole_huge_pages(bytes);
    void* memory = std::aligned_alloc(kHugePage, size);
    if (memory == nullptr)
        throw std::bad_alloc();
    madvise(memory, size, MADV_HUGEPAGE);
    return memory;
}

void deallocate_huge_page_backed(void* memory, std::size_t) noexcept {
    std::free(memory);
}

}  // namespace pgpm::plan::detail
