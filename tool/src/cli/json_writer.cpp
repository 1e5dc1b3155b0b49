#include "cli/json_writer.hpp"

#include <cstdio>
#include <ostream>

namespace pgpm::cli {

JsonWriter::~JsonWriter() {
    if (levels_.empty())
        out_ << '\n';
}

void JsonWriter::newline() {
    out_ << '\n';
    for (std::size_t i = 0; i < levels_.size(); ++i)
        out_ << "  ";
}

void JsonWriter::before_value() {
    if (after_key_) {
        after_key_ = false;
        return;
    }
    if (levels_.empty())
        return;
    if (!levels_.back().empty)
        out_ << ',';
    levels_.back().empty = false;
    newline();
}

JsonWriter& JsonWriter::begin_object() {
    before_value();
    out_ << '{';
    levels_.push_back({true});
    return *this;
}

JsonWriter& JsonWriter::close_level(char closing) {
    const bool empty = levels_.back().empty;
    levels_.pop_back();
    if (!empty)
        newline();
    out_ << closing;
    return *this;
}

JsonWriter& JsonWriter::end_object() {
    return close_level('}');
}

JsonWriter& JsonWriter::begin_array() {
    before_value();
    out_ << '[';
    levels_.push_back({false});
    return *this;
}

JsonWriter& JsonWriter::end_array() {
    return close_level(']');
}

JsonWriter& JsonWriter::key(std::string_view name) {
    before_value();
    write_string(name);
    out_ << ": ";
    after_key_ = true;
    return *this;
}

JsonWriter& JsonWriter::value(std::string_view text) {
    before_value();
    write_string(text);
    return *this;
}

JsonWriter& JsonWriter::value(std::int64_t number) {
    before_value();
    out_ << number;
    return *this;
}

JsonWriter& JsonWriter::value(bool flag) {
    before_value();
    out_ << (flag ? "true" : "false");
    return *this;
}

JsonWriter& JsonWriter::null() {
    before_value();
    out_ << "null";
    return *this;
}

void JsonWriter::write_string(std::string_view text) {
    out_ << '"';
    for (const char c : text) {
        switch (c) {
            case '"':
                out_ << "\\\"";
                break;
            case '\\':
                out_ << "\\\\";
                break;
            case '\n':
                out_ << "\\n";
                break;
            case '\r':
                out_ << "\\r";
                break;
            case '\t':
                out_ << "\\t";
                break;
            default:
                if (static_cast<unsigned char>(c) < 0x20) {
                    char escaped[8];
                    std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
                    out_ << escaped;
                } else {
                    out_ << c;
                }
        }
    }
    out_ << '"';
}

void write_diagnostics(JsonWriter& json, const Diagnostics& diagnostics) {
    json.begin_array();
    for (const auto& d : diagnostics) {
        json.begin_object();
        json.key("severity").value(severity_name(d.severity));
        json.key("file").value(d.where.file);
        json.key("line").value(d.where.line);
        json.key("column").value(d.where.column);
        json.key("message").value(d.message);
        json.key("notes").string_array(d.notes);
        json.end_object();
    }
    json.end_array();
}

}  // namespace pgpm::cli
