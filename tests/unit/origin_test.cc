// Where an article came from, as the index stores it for re-runs (origin.h).
#include "dsearch/origin.h"

#include <xapian.h>

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <set>
#include <string>

#include "dsearch/record_codec.h"
#include "dsearch/schema.h"
#include "test_data.h"

namespace dsearch {
namespace {

TEST(Origin, TheSeedsRoundTripInTwentyFourBytes) {
  for (const char* name : {test::kXinhua, test::kDw}) {
    Origin o{id_key(name), hex_number(content_hash(test::seed(name))), short_key(test::source_dir() + "/corpus"),
             short_key(name)};
    ASSERT_NE(o.hash, 0u);
    EXPECT_EQ(hex_digits(o.hash), content_hash(test::seed(name)));
    std::string value = encode_origin(o);
    EXPECT_EQ(value.size(), kOriginBytes);
    EXPECT_EQ(decode_origin(value), o);
  }
}

TEST(Origin, ANumberIsSixteenHexDigitsAndNothingElse) {
  EXPECT_EQ(hex_number("00000000000000ff"), 255u);
  EXPECT_EQ(hex_number("ffffffffffffffff"), ~std::uint64_t{0});
  for (const char* bad : {"", "ff", "00000000000000fg", "000000000000000ff", "-0000000000000ff"})
    EXPECT_EQ(hex_number(bad), 0u) << bad;
}

// A damaged origin reads as the key of no id with hash 0: the article is indexed again.
TEST(Origin, ADamagedValueMatchesNoArticle) {
  Origin o{id_key(test::kDw), hex_number(content_hash(test::seed(test::kDw))), 1, short_key(test::kDw)};
  std::string value = encode_origin(o);
  for (std::string bad : {std::string(), value.substr(0, 8), value.substr(0, 23), value + "x", std::string(test::kDw) + test::kXinhua})
    EXPECT_EQ(decode_origin(bad), Origin{}) << testing::PrintToString(bad);
  EXPECT_NE(id_key(test::kDw), IdKey{});
  EXPECT_NE(id_key(""), IdKey{});
}

// The origin leads the record's value (record_codec.h): re-runs read it without the record, and a
// record stored again keeps it.
TEST(Origin, LeadsTheRecordValueAndOutlivesARepack) {
  Origin o{id_key(test::kDw), hex_number(content_hash(test::seed(test::kDw))), 7, short_key(test::kDw)};
  std::string record = test::seed(test::kDw);
  Xapian::Document doc;
  doc.add_value(schema::kSlotRecord, record_value(encode_origin(o), record));
  EXPECT_EQ(stored_origin(doc.get_value(schema::kSlotRecord)), o);
  EXPECT_EQ(stored_record(doc), record);
  store_record(doc, "packed");
  EXPECT_EQ(stored_origin(doc.get_value(schema::kSlotRecord)), o);
  EXPECT_EQ(stored_record(doc), "packed");
  for (std::string bad : {std::string(), encode_origin(o).substr(0, kOriginBytes - 1)}) {
    Xapian::Document damaged;
    damaged.add_value(schema::kSlotRecord, bad);
    EXPECT_EQ(stored_origin(bad), Origin{});
    EXPECT_EQ(stored_record(damaged), "");
  }
}

// The id key that stands for an article's id in the index (hash.h): 8 bytes for ids of any
// length, distinct for every id of fi-news (16 digits, or 32 hex digits) and of Reuters. Short
// keys only tell roots and files apart: among 70,000 names about 0.6 pairs share one by chance.
TEST(Origin, EveryCorpusIdHasItsOwnKey) {
  if (test::corpora_dir().empty()) GTEST_SKIP() << "shared corpora absent";
  std::set<std::string> ids, values;
  std::set<std::uint32_t> short_keys;
  for (const char* file : {"/fi-news/fi-news.jsonl.gz", "/reuters21578/reuters21578.jsonl.gz"})
    test::for_each_json_line(test::corpora_dir() + file, [&](const nlohmann::json& j) {
      std::string id = j["id"];
      Origin o{id_key(id), 1, short_key(file), short_key(id)};
      ASSERT_EQ(decode_origin(encode_origin(o)).id, id_key(id)) << id;
      EXPECT_EQ(short_key(id), o.file);
      ids.insert(id);
      values.insert(encode_origin(o).substr(0, 8));
      short_keys.insert(o.file);
    }, 50000);
  EXPECT_GT(ids.size(), 50000u);
  EXPECT_EQ(values.size(), ids.size());
  EXPECT_GE(short_keys.size() + 3, ids.size());
}

}  // namespace
}  // namespace dsearch
