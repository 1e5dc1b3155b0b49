#include "sql/script.hpp"

#include <pg_query.h>

#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>

#include "diag/text_position.hpp"
#include "sql/json_view.hpp"
#include "sql/sql_lexer.hpp"
#include "sql/statement_classifier.hpp"

namespace pgpm::sql {

namespace {

constexpr std::string_view utf8_bom = "\xEF\xBB\xBF";

// Owns one pg_query_parse result so that it is freed on every path.
class ParseResult {
public:
    explicit ParseResult(const char* text) : result_(pg_query_parse(text)) {}
    ~ParseResult() { pg_query_free_parse_result(result_); }
    ParseResult(const ParseResult&) = delete;
    ParseResult& operator=(const ParseResult&) = delete;

    const PgQueryError* error() const { return result_.error; }
    JsonView tree() const { return JsonView(result_.parse_tree ? result_.parse_tree : ""); }

private:
    PgQueryParseResult result_;
};

// libpg_query reports a 1-based character position (0 when it has none), like the server.
SyntaxError syntax_error(const PgQueryError& error, std::string_view parsed, std::size_t body) {
    SyntaxError result;
    result.message = error.message ? error.message : "syntax error";
    if (error.cursorpos > 0) {
        const auto index = static_cast<std::size_t>(error.cursorpos - 1);
        result.offset = body + byte_offset_of_code_point(parsed, index);
    }
    return result;
}

// Owns one pg_query_split_with_scanner result.
class ScannerSplit {
public:
    explicit ScannerSplit(const char* text) : result_(pg_query_split_with_scanner(text)) {}
    ~ScannerSplit() { pg_query_free_split_result(result_); }
    ScannerSplit(const ScannerSplit&) = delete;
    ScannerSplit& operator=(const ScannerSplit&) = delete;

    const PgQuerySplitResult& result() const { return result_; }

private:
    PgQuerySplitResult result_;
};

std::string lowercase_word_at(std::string_view text, std::size_t& at) {
    at = skip_blanks(text, at, text.size());
    std::string word;
    while (at < text.size() && (std::isalpha(static_cast<unsigned char>(text[at])) != 0))
        word += static_cast<char>(std::tolower(static_cast<unsigned char>(text[at++])));
    return word;
}

// The statements SPEC §3 cuts out, told by their first one or two keywords.
bool starts_with_transaction_control(std::string_view statement) {
    std::size_t at = 0;
    const auto first = lowercase_word_at(statement, at);
    if (first == "begin" || first == "commit" || first == "end" || first == "rollback" ||
        first == "abort" || first == "savepoint" || first == "release")
        return true;
    const auto second = lowercase_word_at(statement, at);
    return (first == "start" && second == "transaction") ||
           (first == "prepare" && second == "transaction");
}

}  // namespace

struct ScriptPreparer {
    static PrepareResult prepare(std::string original) {
        PrepareResult result;
        PreparedScript& script = result.script;
        script.original_ = std::move(original);
        const std::string& text = script.original_;
        const std::size_t body = text.starts_with(utf8_bom) ? utf8_bom.size() : 0;

        // The parser reads a C string, so it would silently stop at a NUL the server never sees.
        if (const auto nul = text.find('\0', body); nul != std::string::npos) {
            result.errors.push_back({nul, "unexpected NUL byte"});
            return result;
        }
        const ParseResult parsed(text.c_str() + body);
        if (parsed.error()) {
            const std::string_view parsed_text = std::string_view(text).substr(body);
            result.errors.push_back(syntax_error(*parsed.error(), parsed_text, body));
            return result;
        }
        for (const JsonView& raw : parsed.tree().member("stmts").items()) {
            script.statements_.push_back(statement(text, body, raw));
        }
        cut_transaction_control(script, body);
        return result;
    }

    static PrepareResult prepare_scanned(std::string original) {
        PrepareResult result;
        PreparedScript& script = result.script;
        script.original_ = std::move(original);
        const std::string& text = script.original_;
        const std::size_t body = text.starts_with(utf8_bom) ? utf8_bom.size() : 0;
        const ScannerSplit split(text.c_str() + body);
        if (split.result().error != nullptr) {
            result.errors.push_back(
                syntax_error(*split.result().error, std::string_view(text).substr(body), body));
            return result;
        }
        for (int i = 0; i < split.result().n_stmts; ++i) {
            const auto& found = *split.result().stmts[i];
            auto statement = statement_at(text, body, static_cast<std::size_t>(found.stmt_location),
                                          static_cast<std::size_t>(found.stmt_len));
            // The scanner also reports blanks and comments after the last `;`.
            const auto first = skip_blanks(text, statement.begin, statement.end);
            if (first == statement.end || text[first] == ';')
                continue;
            statement.transaction_control = starts_with_transaction_control(
                std::string_view(text).substr(statement.begin, statement.end - statement.begin));
            script.statements_.push_back(std::move(statement));
        }
        cut_transaction_control(script, body);
        return result;
    }

private:
    // `raw` is a RawStmt: {"stmt":{"Node":{...}},"stmt_location":N,"stmt_len":M}. Its range
    // starts just after the previous `;` (so it includes leading blanks) and stops just before
    // its own `;`; its length is left out (zero) when no `;` follows. Both count bytes.
    static Statement statement(const std::string& text, std::size_t body, JsonView raw) {
        JsonView node;
        std::size_t location = 0;
        std::size_t length = 0;
        for (const auto& [key, value] : raw.members()) {
            if (key == "stmt") {
                node = value;
            } else if (key == "stmt_location") {
                location = static_cast<std::size_t>(std::max(0LL, value.integer().value_or(0)));
            } else if (key == "stmt_len") {
                length = static_cast<std::size_t>(std::max(0LL, value.integer().value_or(0)));
            }
        }
        Statement result = statement_at(text, body, location, length);
        // A node is wrapped as {"IndexStmt":{...fields}}.
        const auto wrapped = node.members();
        if (!wrapped.empty()) {
            result.node = wrapped.front().first;
            const StatementKind kind = classify_statement(result.node, wrapped.front().second);
            result.transaction_control = kind.transaction_control;
            result.non_transactional = kind.non_transactional;
        }
        return result;
    }

    // The statement at `location` (just after the previous `;`, so with leading blanks) of
    // `length` bytes (up to its own `;`; zero when none follows), from its first token.
    static Statement statement_at(const std::string& text, std::size_t body, std::size_t location,
                                  std::size_t length) {
        const std::size_t start = std::min(body + location, text.size());
        Statement result;
        if (length > 0) {
            result.begin = skip_blanks(text, start, std::min(start + length, text.size()));
            result.end = std::min(start + length + 1, text.size());
        } else {
            result.begin = skip_blanks(text, start, text.size());
            result.end = end_of_last_token(text, result.begin, text.size());
        }
        return result;
    }

    static void cut_transaction_control(PreparedScript& script, std::size_t body) {
        const std::string& text = script.original_;
        script.executable_.reserve(text.size() - body);
        std::size_t kept_from = body;
        for (const Statement& statement : script.statements_) {
            if (!statement.transaction_control)
                continue;
            keep(script, kept_from, statement.begin - kept_from);
            kept_from = statement.end;
        }
        // Always kept, even when empty, so that the end of the executable text maps to the end
        // of the original rather than to the start of a cut statement.
        script.segments_.push_back({script.executable_.size(), kept_from, text.size() - kept_from});
        script.executable_.append(text, kept_from);
    }

    static void keep(PreparedScript& script, std::size_t from, std::size_t length) {
        if (length == 0)
            return;
        script.segments_.push_back({script.executable_.size(), from, length});
        script.executable_.append(script.original_, from, length);
    }
};

bool PreparedScript::is_non_transactional() const {
    return std::any_of(statements_.begin(), statements_.end(),
                       [](const Statement& s) { return s.non_transactional; });
}

bool PreparedScript::is_empty() const {
    return std::all_of(statements_.begin(), statements_.end(),
                       [](const Statement& s) { return s.transaction_control; });
}

std::size_t PreparedScript::original_offset(std::size_t executable_offset) const {
    // Only a script that failed to prepare has no segments.
    if (segments_.empty())
        return std::min(executable_offset, original_.size());
    auto segment = std::upper_bound(
        segments_.begin(), segments_.end(), executable_offset,
        [](std::size_t offset, const Segment& s) { return offset < s.executable_begin; });
    --segment;  // the first segment starts at 0, so there is always one at or before
    return segment->original_begin +
           std::min(executable_offset - segment->executable_begin, segment->length);
}

std::size_t PreparedScript::original_offset_of_character(int character_position) const {
    const auto index = static_cast<std::size_t>(std::max(character_position, 1) - 1);
    return original_offset(byte_offset_of_code_point(executable_, index));
}

PrepareResult prepare_script(std::string original) {
    return ScriptPreparer::prepare(std::move(original));
}

PrepareResult prepare_script_scanned(std::string original) {
    return ScriptPreparer::prepare_scanned(std::move(original));
}

int parser_major_version() {
    return PG_VERSION_NUM / 10000;
}

}  // namespace pgpm::sql
