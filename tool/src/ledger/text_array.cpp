#include "ledger/text_array.hpp"

namespace pgpm::ledger {

std::string text_array_literal(const std::vector<std::string>& elements) {
    std::string literal = "{";
    for (const auto& element : elements) {
        if (literal.size() > 1) {
            literal += ',';
        }
        literal += '"';
        for (const char c : element) {
            if (c == '"' || c == '\\') {
                literal += '\\';
            }
            literal += c;
        }
        literal += '"';
    }
    literal += '}';
    return literal;
}

}  // namespace pgpm::ledger
