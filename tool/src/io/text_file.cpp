#include "io/text_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <system_error>

namespace pgpm::io {

namespace {

// Closes the descriptor it holds when it goes.
class OpenFile {
public:
    explicit OpenFile(int descriptor) : descriptor_(descriptor) {}
    OpenFile(const OpenFile&) = delete;
    OpenFile& operator=(const OpenFile&) = delete;
    ~OpenFile() {
        if (descriptor_ >= 0)
            ::close(descriptor_);
    }
    int descriptor() const { return descriptor_; }

private:
    int descriptor_;
};

}  // namespace

// POSIX calls rather than a stream: a run reads a file per script, thousands of them, and
// open, fstat, two reads and close are all a small file needs.
tl::expected<std::string, std::string> read_file(const std::filesystem::path& path) {
    const OpenFile file(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (file.descriptor() < 0)
        return tl::make_unexpected(std::string(std::strerror(errno)));
    struct stat status {};
    if (::fstat(file.descriptor(), &status) != 0)
        return tl::make_unexpected(std::string(std::strerror(errno)));
    if (S_ISDIR(status.st_mode))
        return tl::make_unexpected("is a directory");
    // The size is a first guess: the file may change while it is read, and some report none.
    std::string content(static_cast<std::size_t>(std::max<off_t>(status.st_size, 0)) + 1, '\0');
    std::size_t filled = 0;
    while (true) {
        if (filled == content.size())
            content.resize(content.size() * 2);
        const auto got =
            ::read(file.descriptor(), content.data() + filled, content.size() - filled);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0)
            return tl::make_unexpected(std::string(std::strerror(errno)));
        if (got == 0)
            break;
        filled += static_cast<std::size_t>(got);
    }
    content.resize(filled);
    return content;
}

tl::expected<std::string, std::string> read_text_file(const std::filesystem::path& path) {
    auto content = read_file(path);
    if (content && content->starts_with("\xEF\xBB\xBF"))
        content->erase(0, 3);
    return content;
}

tl::expected<void, std::string> write_file_atomically(const std::filesystem::path& path,
                                                      std::string_view content) {
    auto temporary = path;
    temporary += "." + std::to_string(::getpid()) + ".tmp";
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        out.write(content.data(), static_cast<std::streamsize>(content.size()));
        out.close();
        if (!out) {
            std::error_code ignored;
            std::filesystem::remove(temporary, ignored);
            return tl::make_unexpected("cannot write " + temporary.string());
        }
    }
    std::error_code error;
    std::filesystem::rename(temporary, path, error);
    if (error) {
        const auto message = "cannot write " + path.string() + ": " + error.message();
        std::filesystem::remove(temporary, error);
        return tl::make_unexpected(message);
    }
    return {};
}

}  // namespace pgpm::io
