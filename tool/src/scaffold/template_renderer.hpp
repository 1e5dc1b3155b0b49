#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <tl/expected.hpp>

// The placeholder syntax of templates/ (documented for users in templates/README.md):
//   {{name}}        a text value
//   {{list}}        a list value: the line is written once per item
//   {{list|SEP}}    a list value: its items joined by SEP, in place
// A line naming an empty list is left out. Only `{{` IDENTIFIER [`|` SEP] `}}` is a placeholder;
// any other `{{` is plain text, so SQL and CMake containing braces need no escaping.
namespace pgpm::scaffold {

struct TemplateValues {
    std::map<std::string, std::string, std::less<>> text;
    std::map<std::string, std::vector<std::string>, std::less<>> lists;
};

// Where a template goes wrong: 1-based line and column (bytes) of the placeholder.
struct TemplateError {
    int line = 0;
    int column = 0;
    std::string message;
};

// `text` with its placeholders filled from `values`. Unknown names are errors rather than
// left as they are, since a misspelt placeholder would otherwise end up in a user's files.
tl::expected<std::string, TemplateError> render_template(std::string_view text,
                                                         const TemplateValues& values);

}  // namespace pgpm::scaffold
