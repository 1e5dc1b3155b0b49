#pragma once

#include <cstdint>
#include <iosfwd>
#include <string_view>
#include <vector>

#include "diag/diagnostic.hpp"

namespace pgpm::cli {

// A small streaming JSON writer for the `--json` outputs: indented, keys in the order written.
class JsonWriter {
public:
    explicit JsonWriter(std::ostream& out) : out_(out) {}
    ~JsonWriter();

    JsonWriter& begin_object();
    JsonWriter& end_object();
    JsonWriter& begin_array();
    JsonWriter& end_array();
    JsonWriter& key(std::string_view name);
    JsonWriter& value(std::string_view text);
    JsonWriter& value(const char* text) { return value(std::string_view(text)); }
    JsonWriter& value(std::int64_t number);
    JsonWriter& value(int number) { return value(static_cast<std::int64_t>(number)); }
    JsonWriter& value(std::size_t number) { return value(static_cast<std::int64_t>(number)); }
    JsonWriter& value(bool flag);
    JsonWriter& null();

    template <typename Range>
    JsonWriter& string_array(const Range& items) {
        begin_array();
        for (const auto& item : items)
            value(std::string_view(item));
        return end_array();
    }

private:
    void before_value();
    JsonWriter& close_level(char closing);
    void newline();
    void write_string(std::string_view text);

    std::ostream& out_;
    struct Level {
        bool is_object;
        bool empty = true;
    };
    std::vector<Level> levels_;
    bool after_key_ = false;
};

// An array of {severity, file, line, column, message, notes} objects.
void write_diagnostics(JsonWriter& json, const Diagnostics& diagnostics);

}  // namespace pgpm::cli
