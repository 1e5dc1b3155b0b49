#include "workspace/config.hpp"

#include <algorithm>
#include <string>
#include <unordered_map>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "diag/located_diagnostic.hpp"
#include "diag/text_position.hpp"

namespace pgpm::workspace {

namespace {

struct Position {
    int line = 0;
    int column = 0;
};

class ConfigReader {
public:
    ConfigReader(std::string_view text, std::string display_path)
        : text_(text), lines_(text), path_(std::move(display_path)) {}

    ConfigResult read() {
        YAML::Node loaded;
        try {
            loaded = YAML::Load(std::string(text_));
        } catch (const YAML::Exception& e) {
            error(position_of(e.mark), e.msg);
            return std::move(result_);
        }
        // Const, because the non-const operator[] inserts missing keys.
        const YAML::Node& document = loaded;
        if (document.IsNull())
            return std::move(result_);
        if (!document.IsMap()) {
            error(position_of(document.Mark()), "expected an object of settings");
            return std::move(result_);
        }
        report_duplicate_keys(document);
        read_packages(document["packages"]);
        read_extensions_dir(document["extensionsDir"]);
        return std::move(result_);
    }

private:
    // yaml-cpp counts lines and columns from 0, and columns in bytes.
    Position position_of(const YAML::Mark& mark) const {
        if (mark.is_null() || mark.line < 0)
            return {};
        const int line = mark.line + 1;
        const std::string_view text = lines_.line_text(line);
        const auto bytes =
            std::min(static_cast<std::size_t>(std::max(mark.column, 0)), text.size());
        return {line, static_cast<int>(count_code_points(text.substr(0, bytes))) + 1};
    }

    void report_duplicate_keys(const YAML::Node& node) {
        if (node.IsSequence()) {
            for (const YAML::Node& item : node)
                report_duplicate_keys(item);
            return;
        }
        if (!node.IsMap())
            return;
        std::unordered_map<std::string, Position> seen;
        for (const auto& entry : node) {
            if (entry.first.IsScalar()) {
                const Position here = position_of(entry.first.Mark());
                const auto [it, inserted] = seen.emplace(entry.first.Scalar(), here);
                if (!inserted) {
                    error(here,
                          fmt::format("duplicate key \"{}\" (first at {}:{})", entry.first.Scalar(),
                                      it->second.line, it->second.column));
                }
            }
            report_duplicate_keys(entry.second);
        }
    }

    void read_packages(const YAML::Node& node) {
        if (!node.IsDefined() || node.IsNull())
            return;
        if (!node.IsSequence()) {
            error(position_of(node.Mark()), "\"packages\" must be an array of globs");
            return;
        }
        for (const YAML::Node& item : node) {
            if (!item.IsScalar()) {
                error(position_of(item.Mark()), "each entry of \"packages\" must be a string");
                continue;
            }
            result_.config.packages.push_back(item.Scalar());
        }
    }

    void read_extensions_dir(const YAML::Node& node) {
        if (!node.IsDefined() || node.IsNull())
            return;
        if (!node.IsScalar() || node.Scalar().empty()) {
            error(position_of(node.Mark()), "\"extensionsDir\" must be a non-empty string");
            return;
        }
        result_.config.extensions_dir = node.Scalar();
    }

    void error(Position where, std::string message) {
        if (where.line == 0) {
            result_.diagnostics.push_back(
                diagnostic_for(Severity::error, path_, std::move(message)));
            return;
        }
        result_.diagnostics.push_back(diagnostic_at(Severity::error, path_, text_, where.line,
                                                    where.column, std::move(message)));
    }

    std::string_view text_;
    LineIndex lines_;
    std::string path_;
    ConfigResult result_;
};

}  // namespace

ConfigResult parse_config(std::string_view text, std::string display_path) {
    return ConfigReader(text, std::move(display_path)).read();
}

}  // namespace pgpm::workspace
