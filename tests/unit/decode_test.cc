// decode_text and make_valid_utf8: UTF-8 passes through, UTF-16 and Windows-1252 are decoded,
// binary is refused, and no byte sequence breaks them.
#include "dsearch/indexer/decode.h"

#include <gtest/gtest.h>

#include <random>

#include "test_data.h"

namespace dsearch {
namespace {

struct Case {
  std::string bytes;
  std::string text;
  std::string encoding;
};

TEST(DecodeText, Table) {
  const Case cases[] = {
      {"plain ASCII\n", "plain ASCII\n", "utf-8"},
      {"\xEF\xBB\xBFwith BOM", "with BOM", "utf-8"},
      {"a\r\nb\rc\n", "a\nb\nc\n", "utf-8"},
      {"S\xC3\xA3o Paulo \xE4\xB8\xAD\xE6\x96\x87", "S\xC3\xA3o Paulo \xE4\xB8\xAD\xE6\x96\x87", "utf-8"},
      {"\xA3" "5m for Caf\xE9", "\xC2\xA3" "5m for Caf\xC3\xA9", "windows-1252"},
      {"\x93quoted\x94 \x80 \x85", "\xE2\x80\x9Cquoted\xE2\x80\x9D \xE2\x82\xAC \xE2\x80\xA6", "windows-1252"},
      {"\x81", "\xC2\x81", "windows-1252"},
      {std::string("\xFF\xFEH\0i\0\r\0\n\0", 10), "Hi\n", "utf-16le"},
      {std::string("\xFE\xFF\0H\xD8\x3D\xDE\x00", 8), "H\xF0\x9F\x98\x80", "utf-16be"},
      {"", "", "utf-8"},
  };
  for (const auto& c : cases) {
    Decoded d = decode_text(c.bytes);
    EXPECT_EQ(d.text, c.text) << c.bytes;
    EXPECT_EQ(d.encoding, c.encoding) << c.bytes;
    EXPECT_TRUE(d.error.empty()) << c.bytes;
  }
}

TEST(DecodeText, RefusesBinary) {
  EXPECT_NE(decode_text(std::string("PK\x03\x04\0\0\x08\0", 8)).error, "");
  std::string controls(1000, '\x01');
  EXPECT_NE(decode_text(controls).error, "");
  EXPECT_EQ(decode_text("tab\tand\fform feed\n").error, "");
}

// BBC sport/199.txt is the one Latin-1 file of the BBC set: its pound signs must come through.
TEST(DecodeText, BbcLatin1File) {
  std::string raw = "Wenger\xA3" "5m deal";
  Decoded d = decode_text(raw);
  EXPECT_EQ(d.encoding, "windows-1252");
  EXPECT_NE(d.text.find("\xC2\xA3" "5m"), std::string::npos);
}

TEST(DecodeText, SeedsAreUtf8) {
  for (const char* name : {test::kXinhua, test::kDw}) {
    std::string s = test::seed(name);
    Decoded d = decode_text(s);
    EXPECT_EQ(d.encoding, "utf-8");
    EXPECT_EQ(d.text, s);
  }
}

TEST(DecodeMakeValid, ReplacesBadSequences) {
  const std::pair<std::string, std::string> cases[] = {
      {"ok", "ok"},
      {"a\xFF" "b", "a\xEF\xBF\xBD" "b"},
      {"\xC0\xAF", "\xEF\xBF\xBD\xEF\xBF\xBD"},          // overlong
      {"\xED\xA0\x80", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"},  // surrogate
      {"\xE4\xB8", "\xEF\xBF\xBD\xEF\xBF\xBD"},          // truncated
      {"\xF0\x9F\x98\x80", "\xF0\x9F\x98\x80"},
  };
  for (const auto& [in, out] : cases) EXPECT_EQ(make_valid_utf8(in), out);
}

// Any bytes: the result is valid UTF-8 (make_valid_utf8 is then the identity) and nothing throws.
TEST(DecodeText, RandomBytesNeverBreakIt) {
  std::mt19937 rng(7);
  for (int round = 0; round < 200; ++round) {
    std::string s(rng() % 2000, '\0');
    for (auto& c : s) c = static_cast<char>(rng() % 256 ? rng() % 256 : 1);
    Decoded d = decode_text(s);
    if (d.error.empty()) {
      EXPECT_EQ(make_valid_utf8(d.text), d.text);
    }
    std::string v = make_valid_utf8(s);
    EXPECT_EQ(make_valid_utf8(v), v);
  }
}

}  // namespace
}  // namespace dsearch
