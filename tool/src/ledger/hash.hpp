#pragma once

#include <string>
#include <string_view>

namespace pgpm::ledger {

// Lowercase hex SHA-256 of `bytes`.
std::string sha256_hex(std::string_view bytes);

// `changes.script_hash`: SHA-256 of the raw deploy file, byte-order mark and headers included,
// so ledgers written by the original pgpm keep matching (SPEC §2).
inline std::string script_hash(std::string_view deploy_file_bytes) {
    return sha256_hex(deploy_file_bytes);
}

// `changes.change_id`: SHA-256 of package || change || script_hash, without separators.
std::string change_id(std::string_view package, std::string_view change,
                      std::string_view script_hash);

}  // namespace pgpm::ledger
