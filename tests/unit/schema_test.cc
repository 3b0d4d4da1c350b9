// The shared schema and article data layout: what the indexer writes, the searcher must read back.
#include "dsearch/schema.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "dsearch/article.h"
#include "test_data.h"

namespace dsearch {
namespace {

TEST(Schema, EntityKeysMergeSpellingVariants) {
  const std::pair<const char*, const char*> cases[] = {
      {"Kim Jong Un", "kim jong un"},         {"Kim Jong-un", "kim jong un"},
      {"KIM JONG UN", "kim jong un"},         {"Workers' Party of Korea", "workers party of korea"},
      {"DER STANDARD", "der standard"},       {"Xinhua", "xinhua"},
  };
  for (const auto& [name, key] : cases) EXPECT_EQ(schema::entity_key(name), key) << name;
}

TEST(Schema, OverlongTermsStayUniqueAndLegal) {
  std::string a(500, 'a'), b = a;
  b.back() = 'b';
  std::string ta = schema::term(schema::kSource, a), tb = schema::term(schema::kSource, b);
  EXPECT_LE(ta.size(), 245u);
  EXPECT_NE(ta, tb);
  EXPECT_EQ(schema::term(schema::kSource, "short"), "XSshort");
}

TEST(Schema, PackedListsRoundTrip) {
  std::vector<std::string> items = {"KP", "RU", "Kim Jong Un"};
  EXPECT_EQ(schema::unpack_list(schema::pack_list(items)), items);
  EXPECT_TRUE(schema::unpack_list("").empty());
}

// Dates sort and filter by their 3-byte values as they did by their ISO text: over every date of
// fi-news (about 2,000 days), Reuters' 1987 and the bounds date filters use.
TEST(Schema, DateValuesSortAsTheirDates) {
  std::set<std::string> dates = {"0001-01-01", "1987-02-26", "1999-12-31", "2000-01-01", "2014-11-31", "9999-12-31"};
  if (!test::corpora_dir().empty())
    for (const char* file : {"/fi-news/fi-news.jsonl.gz", "/reuters21578/reuters21578.jsonl.gz"})
      test::for_each_json_line(test::corpora_dir() + file, [&](const nlohmann::json& j) {
        if (j["date"].is_string()) dates.insert(j["date"].get<std::string>().substr(0, 10));
      });
  std::string previous;
  for (const auto& d : dates) {
    std::string v = schema::date_value(d);
    ASSERT_EQ(v.size(), 3u) << d;
    EXPECT_LT(previous, v) << d;
    previous = v;
  }
  if (!test::corpora_dir().empty()) {
    EXPECT_GT(dates.size(), 1000u);
  }
  for (const char* bad : {"", "2014", "2014-11", "20141117", "2014-13-01", "2014-00-10", "2014-11-32", "2014-11-00",
                          "0000-01-01", "2014/11/17", "2014-11-17T10:00", "yesterday!"})
    EXPECT_EQ(schema::date_value(bad), "") << bad;
}

// Facet keys of names (people, organizations, sources): one per name however it is written, each
// once in an article's value, none for a name of no letters.
TEST(Schema, ANameHasOneKeyHoweverItIsWritten) {
  std::string keys = schema::name_keys({"Kim Jong Un", "KIM JONG-UN", "Vladimir Putin", "", " - ", "Kim Jong-un"});
  ASSERT_EQ(keys.size(), 2 * schema::kNameKeyBytes);
  EXPECT_EQ(keys.substr(0, schema::kNameKeyBytes), schema::name_key("kim jong un"));
  EXPECT_EQ(keys.substr(schema::kNameKeyBytes), schema::name_key("Vladimir Putin"));
  EXPECT_NE(schema::name_key("Kim Jong Un"), schema::name_key("Kim Jong Il"));
  EXPECT_EQ(schema::name_key(" - "), "");
  EXPECT_EQ(schema::name_keys({}), "");
}

// The words of an article's names for one-word filters: each word of each name once, however
// the names are written, sorted, none for a name of no letters.
TEST(Schema, NameWordsHaveOneHashEach) {
  EXPECT_EQ(schema::name_words("Kim Jong-un"), (std::vector<std::string>{"jong", "kim", "un"}));
  EXPECT_EQ(schema::name_words("Putin Putin"), (std::vector<std::string>{"putin"}));
  std::string hashes = schema::name_word_hashes({"Kim Jong Un", "KIM JONG-UN", "Kim Il Sung", " - "});
  ASSERT_EQ(hashes.size(), 5 * schema::kNameWordBytes);  // kim jong un il sung
  std::vector<std::string> got;
  for (std::size_t i = 0; i < hashes.size(); i += schema::kNameWordBytes) got.push_back(hashes.substr(i, schema::kNameWordBytes));
  EXPECT_TRUE(std::is_sorted(got.begin(), got.end()));
  for (const char* w : {"kim", "jong", "un", "il", "sung"})
    EXPECT_NE(std::find(got.begin(), got.end(), schema::name_word_hash(w)), got.end()) << w;
  EXPECT_EQ(schema::name_word_hashes({}), "");
}

TEST(Article, SerializeRoundTripsEveryField) {
  Article a;
  a.id = "000_b45b558db81f4ae8.txt";
  a.path = "corpus/000_b45b558db81f4ae8.txt";
  a.title = "DPRK envoy's visit to Russia aims to diversify diplomatic relations";
  a.date = "2014-11-17";
  a.source = "Xinhua";
  a.lang = "en";
  a.body = std::string("SEOUL -- The Republic of Korea's Unification Ministry said Monday\n\n\xE4\xB8\xAD\xE6\x96\x87");
  a.countries = {{"KP", 20}, {"RU", 18}};
  a.main_countries = {"KP", "RU"};
  a.people = {"Kim Jong Un", "Vladimir Putin"};
  a.orgs = {"Korean Central News Agency"};
  EXPECT_EQ(deserialize(serialize(a)), a);
}

TEST(Article, CorruptDataIsAnErrorNotACrash) {
  Article a;
  a.id = "x";
  a.body = "some body text";
  std::string good = serialize(a);
  for (size_t cut = 0; cut < good.size(); ++cut)
    EXPECT_THROW(deserialize(std::string_view(good).substr(0, cut)), std::runtime_error) << cut;
  EXPECT_THROW(deserialize("\x01\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff"), std::runtime_error);
}

}  // namespace
}  // namespace dsearch
