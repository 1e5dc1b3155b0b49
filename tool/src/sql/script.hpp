#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace pgpm::sql {

// One top-level statement of a script. Offsets are bytes into the original script text
// (BOM included), `begin` at the statement's first token, `end` just past its terminating `;`
// (or at the end of its last token when the script ends without one).
struct Statement {
    std::size_t begin = 0;
    std::size_t end = 0;
    std::string node;  // libpg_query node name, e.g. "CreateStmt", "TransactionStmt"
    bool transaction_control = false;  // cut out before running (SPEC §3)
    bool non_transactional = false;    // refused by PostgreSQL inside a transaction block
};

struct SyntaxError {
    std::size_t offset = 0;  // byte offset into the original text
    std::string message;
};

// A script ready to run: the text with its BOM and transaction-control statements cut out
// (every other byte as written), and the means to map positions in it back to the original.
class PreparedScript {
public:
    const std::string& original() const { return original_; }
    const std::string& executable() const { return executable_; }
    const std::vector<Statement>& statements() const { return statements_; }
    bool is_non_transactional() const;
    bool is_empty() const;  // nothing but whitespace and comments left to run

    // Byte offset into the original of a byte offset into the executable text.
    std::size_t original_offset(std::size_t executable_offset) const;
    // Byte offset into the original of a 1-based character position into the executable text,
    // as PostgreSQL reports it in an error's position field.
    std::size_t original_offset_of_character(int character_position) const;

private:
    friend struct ScriptPreparer;
    std::string original_;
    std::string executable_;
    std::vector<Statement> statements_;
    // Kept ranges: executable [executable_begin, +length) == original [original_begin, +length).
    struct Segment {
        std::size_t executable_begin;
        std::size_t original_begin;
        std::size_t length;
    };
    std::vector<Segment> segments_;
};

struct PrepareResult {
    PreparedScript script;            // valid only when errors is empty
    std::vector<SyntaxError> errors;  // the parser stops at the first error
};

// Parses the script with the PostgreSQL parser (libpg_query), splits it into statements,
// classifies them and cuts out transaction control. Never throws.
PrepareResult prepare_script(std::string original);

// For a server newer than the parser, whose syntax the parser may not know (SPEC §3): splits the
// script with the PostgreSQL scanner instead, and recognises transaction control by its leading
// keywords. Statements get no node name, and none counts as non-transactional: the server itself
// refuses those inside a transaction block.
PrepareResult prepare_script_scanned(std::string original);

// The PostgreSQL major version whose grammar prepare_script knows (15 for libpg_query 15).
int parser_major_version();

}  // namespace pgpm::sql
