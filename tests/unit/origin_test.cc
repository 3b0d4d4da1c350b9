// Where an article came from, as the index stores it for re-runs (origin.h).
#include "dsearch/origin.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <set>
#include <string>

#include "test_data.h"

namespace dsearch {
namespace {

TEST(Origin, TheSeedsRoundTripInSixteenBytesPlusTheirFile) {
  for (const char* name : {test::kXinhua, test::kDw}) {
    Origin o{hex_number(content_hash(test::seed(name))), hex_number(content_hash(test::source_dir() + "/corpus")), name};
    ASSERT_NE(o.hash, 0u);
    EXPECT_EQ(hex_digits(o.hash), content_hash(test::seed(name)));
    std::string value = encode_origin(o);
    EXPECT_EQ(value.size(), 16 + o.file.size());
    Origin back = decode_origin(value);
    EXPECT_EQ(back.hash, o.hash);
    EXPECT_EQ(back.root, o.root);
    EXPECT_EQ(back.file, o.file);
  }
}

TEST(Origin, ANumberIsSixteenHexDigitsAndNothingElse) {
  EXPECT_EQ(hex_number("00000000000000ff"), 255u);
  EXPECT_EQ(hex_number("ffffffffffffffff"), ~std::uint64_t{0});
  for (const char* bad : {"", "ff", "00000000000000fg", "000000000000000ff", "-0000000000000ff"})
    EXPECT_EQ(hex_number(bad), 0u) << bad;
}

TEST(Origin, ADamagedValueMatchesNoArticle) {
  std::string value = encode_origin({hex_number(content_hash(test::seed(test::kDw))), 1, test::kDw});
  for (std::size_t n : {0u, 8u, 15u}) {
    Origin o = decode_origin(value.substr(0, n));
    EXPECT_EQ(o.hash, 0u) << n;  // hash 0 never equals an article's: it is indexed again
    EXPECT_TRUE(o.file.empty()) << n;
  }
  EXPECT_EQ(decode_origin(value.substr(0, 16)).hash, hex_number(content_hash(test::seed(test::kDw))));
  EXPECT_EQ(decode_origin(value.substr(0, 16)).file, "");
}

// The id key that stands for an article's id in the index (hash.h): 16 bytes for ids of any
// length, distinct for every id of fi-news (16 digits, or 32 hex digits) and of Reuters.
TEST(IdKey, EveryCorpusIdHasItsOwnKeyOfSixteenBytes) {
  if (test::corpora_dir().empty()) GTEST_SKIP() << "shared corpora absent";
  std::set<std::string> ids, values;
  for (const char* file : {"/fi-news/fi-news.jsonl.gz", "/reuters21578/reuters21578.jsonl.gz"})
    test::for_each_json_line(test::corpora_dir() + file, [&](const nlohmann::json& j) {
      std::string id = j["id"];
      std::string value = encode_id_key(id_key(id));
      ASSERT_EQ(value.size(), 16u) << id;
      EXPECT_EQ(decode_id_key(value), id_key(id)) << id;
      ids.insert(id);
      values.insert(value);
    }, 50000);
  EXPECT_GT(ids.size(), 50000u);
  EXPECT_EQ(values.size(), ids.size());
}

TEST(IdKey, AValueOfAnotherLengthIsTheKeyOfNoId) {
  std::string value = encode_id_key(id_key("NEWID=1"));
  for (std::string bad : {std::string(), value.substr(0, 15), value + "x", std::string("NEWID=1")})
    EXPECT_EQ(decode_id_key(bad), IdKey{}) << testing::PrintToString(bad);
  EXPECT_NE(id_key("NEWID=1"), IdKey{});
  EXPECT_NE(id_key(""), IdKey{});
}

}  // namespace
}  // namespace dsearch
