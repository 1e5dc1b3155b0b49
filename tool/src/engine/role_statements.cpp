#include "engine/role_statements.hpp"

#include <regex>
#include <string>

#include "io/text_file.hpp"

namespace pgpm::engine {

bool touches_roles(std::string_view script) {
    static const std::regex role_statement(
        R"re(\b(create|alter|drop)\s+(role|group|user(?!\s+mapping))\b)re",
        std::regex::icase | std::regex::ECMAScript);
    return std::regex_search(script.begin(), script.end(), role_statement);
}

bool module_touches_roles(const workspace::Module& module) {
    for (const auto& change : module.plan.changes) {
        for (const char* kind : {"deploy", "revert", "verify"}) {
            const auto text =
                io::read_file(module.directory / kind / (std::string(change.name) + ".sql"));
            if (text && touches_roles(*text))
                return true;
        }
    }
    return false;
}

}  // namespace pgpm::engine
