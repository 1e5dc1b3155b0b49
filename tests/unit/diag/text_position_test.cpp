#include "diag/text_position.hpp"

#include <gtest/gtest.h>

namespace pgpm {
namespace {

TEST(TextPosition, ColumnsCountCodePointsNotBytes) {
    const std::string text = "-- é\nSELECT 'ü', x;\n";
    LineIndex index(text);
    const auto x = text.find('x');
    EXPECT_EQ(index.position_of(x).line, 2);
    EXPECT_EQ(index.position_of(x).column, 13);  // 'ü' is two bytes, one column
    EXPECT_EQ(index.position_of(0).column, 1);
}

TEST(TextPosition, LineTextDropsCarriageReturn) {
    LineIndex index("a\r\nbb\r\n\tc");
    EXPECT_EQ(index.line_count(), 3);
    EXPECT_EQ(index.line_text(1), "a");
    EXPECT_EQ(index.line_text(2), "bb");
    EXPECT_EQ(index.line_text(3), "\tc");
    EXPECT_EQ(index.line_text(4), "");
}

TEST(TextPosition, OffsetAtEndOfTextIsOnLastLine) {
    LineIndex index("ab\n");
    EXPECT_EQ(index.position_of(3).line, 2);
    EXPECT_EQ(index.position_of(99).line, 2);
}

TEST(TextPosition, ByteOffsetOfCodePoint) {
    const std::string text = "aé€b";
    EXPECT_EQ(byte_offset_of_code_point(text, 0), 0u);
    EXPECT_EQ(byte_offset_of_code_point(text, 2), 3u);
    EXPECT_EQ(byte_offset_of_code_point(text, 3), 6u);
    EXPECT_EQ(byte_offset_of_code_point(text, 10), text.size());
    EXPECT_EQ(count_code_points(text), 4u);
}

TEST(TextPosition, ByteOrderMarkIsNotAColumn) {
    const std::string text = "\xEF\xBB\xBFSELECT x;";
    LineIndex index(text);
    EXPECT_EQ(index.position_of(text.find('x')).column, 8);
    EXPECT_EQ(index.line_text(1), "SELECT x;");
}

}  // namespace
}  // namespace pgpm
