#include "workspace/glob.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <system_error>

namespace pgpm::workspace {

namespace fs = std::filesystem;

namespace {

std::size_t code_point_length(std::string_view text, std::size_t at) {
    const auto lead = static_cast<unsigned char>(text[at]);
    std::size_t length = lead < 0xC0 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    return std::min(length, text.size() - at);
}

struct ClassMatch {
    std::size_t pattern_end = 0;  // just past `]`
    bool matched = false;
};

// A `[...]` set at pattern[at]; nullopt when it is not closed, so `[` is then a literal.
// Ranges compare bytes, so only ASCII members are meaningful; a non-ASCII character matches
// only a negated set.
std::optional<ClassMatch> match_class(std::string_view pattern, std::size_t at,
                                      std::string_view name, std::size_t name_at) {
    std::size_t p = at + 1;
    const bool negated = p < pattern.size() && (pattern[p] == '!' || pattern[p] == '^');
    if (negated)
        ++p;
    const auto c = static_cast<unsigned char>(name[name_at]);
    bool member = false;
    bool first = true;
    while (p < pattern.size() && (first || pattern[p] != ']')) {
        first = false;
        auto low = static_cast<unsigned char>(pattern[p]);
        auto high = low;
        if (p + 2 < pattern.size() && pattern[p + 1] == '-' && pattern[p + 2] != ']') {
            high = static_cast<unsigned char>(pattern[p + 2]);
            p += 3;
        } else {
            ++p;
        }
        if (c < 0x80 && low <= c && c <= high)
            member = true;
    }
    if (p >= pattern.size())
        return std::nullopt;
    return ClassMatch{p + 1, member != negated};
}

bool has_wildcard(std::string_view segment) {
    return segment.find_first_of("*?[\\") != std::string_view::npos;
}

std::vector<std::string_view> split_segments(std::string_view pattern) {
    std::vector<std::string_view> segments;
    while (!pattern.empty()) {
        const std::size_t slash = pattern.find('/');
        const std::string_view segment = pattern.substr(0, slash);
        if (!segment.empty() && segment != ".")
            segments.push_back(segment);
        if (slash == std::string_view::npos)
            break;
        pattern.remove_prefix(slash + 1);
    }
    return segments;
}

void sort_unique(std::vector<fs::path>& paths) {
    std::sort(paths.begin(), paths.end());
    paths.erase(std::unique(paths.begin(), paths.end()), paths.end());
}

// `directory` and every folder below it, without following symbolic links (which could loop).
void add_tree(const fs::path& directory, GlobExpansion& expansion, std::vector<fs::path>& out) {
    std::vector<fs::path> pending{directory};
    while (!pending.empty()) {
        fs::path current = std::move(pending.back());
        pending.pop_back();
        expansion.searched_directories.push_back(current);
        std::error_code error;
        for (fs::directory_iterator it(current, error), end; !error && it != end;
             it.increment(error)) {
            if (it->is_directory(error) && !it->is_symlink(error) &&
                !is_skipped_directory_name(it->path().filename().string())) {
                pending.push_back(it->path());
            }
        }
        out.push_back(std::move(current));
    }
}

void add_matches(const fs::path& directory, std::string_view segment, GlobExpansion& expansion,
                 std::vector<fs::path>& out) {
    expansion.searched_directories.push_back(directory);
    const bool hidden_allowed = segment.front() == '.';
    std::error_code error;
    for (fs::directory_iterator it(directory, error), end; !error && it != end;
         it.increment(error)) {
        const std::string name = it->path().filename().string();
        if (name == "node_modules" || (name.front() == '.' && !hidden_allowed))
            continue;
        if (glob_match(segment, name) && it->is_directory(error))
            out.push_back(it->path());
    }
}

}  // namespace

bool glob_match(std::string_view pattern, std::string_view name) {
    std::size_t p = 0;
    std::size_t n = 0;
    std::optional<std::size_t> star_pattern;  // just past the last `*`
    std::size_t star_name = 0;                // where that `*` currently stops
    while (n < name.size()) {
        if (p < pattern.size()) {
            const char c = pattern[p];
            if (c == '*') {
                star_pattern = ++p;
                star_name = n;
                continue;
            }
            if (c == '?') {
                ++p;
                n += code_point_length(name, n);
                continue;
            }
            if (c == '[') {
                if (const auto set = match_class(pattern, p, name, n)) {
                    if (set->matched) {
                        p = set->pattern_end;
                        n += code_point_length(name, n);
                        continue;
                    }
                } else if (name[n] == '[') {
                    ++p;
                    ++n;
                    continue;
                }
            } else {
                const bool escaped = c == '\\' && p + 1 < pattern.size();
                if (pattern[p + (escaped ? 1 : 0)] == name[n]) {
                    p += escaped ? 2 : 1;
                    ++n;
                    continue;
                }
            }
        }
        if (!star_pattern)
            return false;
        p = *star_pattern;
        star_name += code_point_length(name, star_name);
        n = star_name;
    }
    while (p < pattern.size() && pattern[p] == '*')
        ++p;
    return p == pattern.size();
}

bool is_skipped_directory_name(std::string_view name) {
    return name == "node_modules" || (!name.empty() && name.front() == '.');
}

GlobExpansion expand_glob(const fs::path& base, std::string_view pattern) {
    GlobExpansion expansion;
    std::vector<fs::path> current{base};
    for (const std::string_view segment : split_segments(pattern)) {
        std::vector<fs::path> next;
        for (const fs::path& directory : current) {
            std::error_code error;
            if (segment == "**") {
                add_tree(directory, expansion, next);
            } else if (has_wildcard(segment)) {
                add_matches(directory, segment, expansion, next);
            } else if (segment == "node_modules" || !fs::is_directory(directory / segment, error)) {
                // Watching the parent notices the folder being created.
                expansion.searched_directories.push_back(directory);
            } else {
                next.push_back(directory / segment);
            }
        }
        sort_unique(next);
        current = std::move(next);
    }
    std::error_code error;
    std::erase_if(current, [&](const fs::path& path) { return !fs::is_directory(path, error); });
    expansion.directories = std::move(current);
    sort_unique(expansion.searched_directories);
    return expansion;
}

}  // namespace pgpm::workspace
