#include "scaffold/new_files.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string_view>

namespace pgpm::scaffold {

namespace fs = std::filesystem;

namespace {

tl::expected<void, std::string> failure(const fs::path& path, int error_number) {
    return tl::unexpected("cannot create " + path.string() + ": " + std::strerror(error_number));
}

// O_EXCL: creation fails instead of opening a file that exists, atomically.
tl::expected<void, std::string> create_exclusively(const fs::path& path, std::string_view content) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd < 0)
        return failure(path, errno);
    while (!content.empty()) {
        const auto written = ::write(fd, content.data(), content.size());
        if (written < 0 && errno == EINTR)
            continue;
        if (written < 0) {
            const int error_number = errno;
            ::close(fd);
            ::unlink(path.c_str());
            return failure(path, error_number);
        }
        content.remove_prefix(static_cast<std::size_t>(written));
    }
    if (::close(fd) != 0) {
        const int error_number = errno;
        ::unlink(path.c_str());
        return failure(path, error_number);
    }
    return {};
}

}  // namespace

std::vector<fs::path> existing_paths(const std::vector<NewFile>& files) {
    std::vector<fs::path> existing;
    for (const auto& file : files) {
        std::error_code ignored;
        if (fs::symlink_status(file.path, ignored).type() != fs::file_type::not_found)
            existing.push_back(file.path);
    }
    return existing;
}

tl::expected<void, std::string> write_new_files(const std::vector<NewFile>& files) {
    for (std::size_t i = 0; i < files.size(); ++i) {
        std::error_code error;
        fs::create_directories(files[i].path.parent_path(), error);
        auto created = error ? failure(files[i].path.parent_path(), error.value())
                             : create_exclusively(files[i].path, files[i].content);
        if (!created) {
            remove_new_files({files.begin(), files.begin() + static_cast<std::ptrdiff_t>(i)});
            return created;
        }
    }
    return {};
}

void remove_new_files(const std::vector<NewFile>& files) {
    for (const auto& file : files) {
        std::error_code ignored;
        fs::remove(file.path, ignored);
    }
}

}  // namespace pgpm::scaffold
