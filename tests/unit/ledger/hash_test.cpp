#include "ledger/hash.hpp"

#include <gtest/gtest.h>

namespace pgpm::ledger {
namespace {

// Vectors from the original pgpm's ledger (reference/pgpm-compat.md §4.4, SPEC §2).
TEST(LedgerHash, ChangeIdMatchesTheOriginalPgpm) {
    EXPECT_EQ(change_id("my-first", "schema_myfirstapp",
                        "30b71bf5373e0ad12209d29dadd713a34f6d962fcf6c80bee9ea4d9911fdd621"),
              "cd8029f2c740de39ded9ae18499d407b8525de639c10d749c5be7673c3e97c2b");
    EXPECT_EQ(change_id("my-third", "create_table",
                        "ec2a796134a84735cf9894e69575f94ab9935f2b69e0686f38a294da8230013c"),
              "f6865506c52b2e5f49ef42d2837cdc822c0f7c4046f143b64af8ba8bd7bf11d0");
}

TEST(LedgerHash, ScriptHashIsOverTheRawBytes) {
    EXPECT_EQ(script_hash("CREATE TABLE test_products (id SERIAL PRIMARY KEY, sku VARCHAR(50) "
                          "UNIQUE);"),
              "0624b3e2276299c8c3b8bfa514fe0d128906193769b3aeaea6732e71c0e352e6");
    EXPECT_NE(script_hash("SELECT 1;"), script_hash("\xEF\xBB\xBFSELECT 1;"))
        << "a byte-order mark is part of the hash";
    EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

}  // namespace
}  // namespace pgpm::ledger
