#include "scaffold/template_folder.hpp"

#include <algorithm>

#include "io/text_file.hpp"

namespace pgpm::scaffold {

namespace fs = std::filesystem;

tl::expected<std::vector<TemplateFile>, std::string> read_template_folder(const fs::path& folder) {
    if (!fs::is_directory(folder))
        return tl::unexpected("template folder " + folder.string() + " does not exist");
    std::vector<TemplateFile> files;
    std::error_code error;
    for (fs::recursive_directory_iterator it(folder, error), end; !error && it != end;
         it.increment(error)) {
        if (!it->is_regular_file())
            continue;
        auto text = io::read_file(it->path());
        if (!text)
            return tl::unexpected(text.error());
        files.push_back({fs::relative(it->path(), folder), std::move(*text)});
    }
    if (error)
        return tl::unexpected("cannot list " + folder.string() + ": " + error.message());
    std::sort(files.begin(), files.end(),
              [](const TemplateFile& a, const TemplateFile& b) { return a.relative < b.relative; });
    return files;
}

}  // namespace pgpm::scaffold
