#include "scaffold/config_templates.hpp"

#include <yaml-cpp/yaml.h>

namespace pgpm::scaffold {

tl::expected<std::optional<std::string>, std::string> read_templates_setting(
    std::string_view config_text) {
    try {
        // Const, because the non-const operator[] inserts missing keys.
        const YAML::Node document = YAML::Load(std::string(config_text));
        if (!document.IsMap())
            return std::nullopt;
        const YAML::Node setting = document["templates"];
        if (!setting.IsDefined() || setting.IsNull())
            return std::nullopt;
        if (!setting.IsScalar() || setting.Scalar().empty())
            return tl::unexpected(std::string("\"templates\" must be the path of a folder"));
        return setting.Scalar();
    } catch (const YAML::Exception& error) {
        return tl::unexpected(error.msg);
    }
}

}  // namespace pgpm::scaffold
