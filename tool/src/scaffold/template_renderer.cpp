#include "scaffold/template_renderer.hpp"

#include <optional>

namespace pgpm::scaffold {

namespace {

constexpr std::string_view open_mark = "{{";
constexpr std::string_view close_mark = "}}";

struct Placeholder {
    std::size_t begin = 0;  // offset of `{{` in the line
    std::size_t end = 0;    // offset just past `}}`
    std::string_view name;
    std::optional<std::string_view> separator;
};

bool is_identifier(std::string_view text) {
    if (text.empty() || (text.front() >= '0' && text.front() <= '9'))
        return false;
    for (const char c : text) {
        const bool word =
            (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
        if (!word)
            return false;
    }
    return true;
}

// The placeholder starting at `line[begin]` (which holds `{{`), if the text there is one.
std::optional<Placeholder> placeholder_at(std::string_view line, std::size_t begin) {
    const auto inner_begin = begin + open_mark.size();
    const auto close = line.find(close_mark, inner_begin);
    if (close == std::string_view::npos)
        return std::nullopt;
    const auto inner = line.substr(inner_begin, close - inner_begin);
    Placeholder found{begin, close + close_mark.size(), inner, std::nullopt};
    if (const auto bar = inner.find('|'); bar != std::string_view::npos) {
        found.name = inner.substr(0, bar);
        found.separator = inner.substr(bar + 1);
    }
    if (!is_identifier(found.name))
        return std::nullopt;
    return found;
}

std::vector<Placeholder> placeholders_in(std::string_view line) {
    std::vector<Placeholder> found;
    std::size_t at = line.find(open_mark);
    while (at != std::string_view::npos) {
        if (auto placeholder = placeholder_at(line, at)) {
            found.push_back(*placeholder);
            at = line.find(open_mark, placeholder->end);
        } else {
            at = line.find(open_mark, at + 1);
        }
    }
    return found;
}

std::string joined(const std::vector<std::string>& items, std::string_view separator) {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i > 0)
            out.append(separator);
        out.append(items[i]);
    }
    return out;
}

// Renders one line (with its ending) into `out`.
class LineRenderer {
public:
    LineRenderer(std::string_view line, int number, const TemplateValues& values)
        : line_(line), number_(number), values_(values), placeholders_(placeholders_in(line)) {}

    tl::expected<void, TemplateError> render(std::string& out) const {
        const std::vector<std::string>* repeated = nullptr;
        for (const auto& placeholder : placeholders_) {
            const auto list = values_.lists.find(placeholder.name);
            if (list == values_.lists.end()) {
                if (!values_.text.contains(placeholder.name))
                    return fail(placeholder, "unknown placeholder " + quoted(placeholder));
                if (placeholder.separator)
                    return fail(placeholder,
                                quoted(placeholder) + " is not a list, so it takes no |separator");
                continue;
            }
            if (list->second.empty())
                return {};  // a line about nothing is left out
            if (!placeholder.separator) {
                if (repeated != nullptr && repeated != &list->second)
                    return fail(placeholder, "a line can repeat over one list only, not also " +
                                                 quoted(placeholder));
                repeated = &list->second;
            }
        }
        if (repeated == nullptr) {
            out += fill(nullptr);
            return {};
        }
        for (const auto& item : *repeated)
            out += fill(&item);
        return {};
    }

private:
    static std::string quoted(const Placeholder& placeholder) {
        return "{{" + std::string(placeholder.name) + "}}";
    }

    tl::unexpected<TemplateError> fail(const Placeholder& placeholder, std::string message) const {
        return tl::unexpected(
            TemplateError{number_, static_cast<int>(placeholder.begin) + 1, std::move(message)});
    }

    // The line with every placeholder replaced; `item` stands for the repeated list.
    std::string fill(const std::string* item) const {
        std::string out;
        std::size_t copied = 0;
        for (const auto& placeholder : placeholders_) {
            out.append(line_.substr(copied, placeholder.begin - copied));
            copied = placeholder.end;
            if (const auto text = values_.text.find(placeholder.name); text != values_.text.end())
                out.append(text->second);
            else if (placeholder.separator)
                out.append(
                    joined(values_.lists.find(placeholder.name)->second, *placeholder.separator));
            else
                out.append(*item);
        }
        out.append(line_.substr(copied));
        return out;
    }

    std::string_view line_;
    int number_;
    const TemplateValues& values_;
    std::vector<Placeholder> placeholders_;
};

}  // namespace

tl::expected<std::string, TemplateError> render_template(std::string_view text,
                                                         const TemplateValues& values) {
    std::string out;
    out.reserve(text.size());
    int number = 1;
    std::size_t start = 0;
    while (start < text.size()) {
        const auto newline = text.find('\n', start);
        const auto end = newline == std::string_view::npos ? text.size() : newline + 1;
        if (auto rendered =
                LineRenderer(text.substr(start, end - start), number, values).render(out);
            !rendered)
            return tl::unexpected(std::move(rendered.error()));
        start = end;
        ++number;
    }
    return out;
}

}  // namespace pgpm::scaffold
