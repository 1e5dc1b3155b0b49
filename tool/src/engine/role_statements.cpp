#include "engine/role_statements.hpp"

#include <regex>
#include <string>

namespace pgpm::engine {

bool touches_roles(std::string_view script) {
    static const std::regex role_statement(
        R"re(\b(create|alter|drop)\s+(role|group|user(?!\s+mapping))\b)re",
        std::regex::icase | std::regex::ECMAScript);
    return std::regex_search(script.begin(), script.end(), role_statement);
}

}  // namespace pgpm::engine
