// The real corpora from ../shared: Reuters-21578 (first half) and BBC News indexed together, then
// searched with filters and facets. Skips when ../shared/corpora is absent.
#include <gtest/gtest.h>
#include <xapian.h>

#include <algorithm>

#include "cli_runner.h"
#include "records.h"

namespace dsearch::test {
namespace {

std::string corpora() {
  std::string d = std::string(DSEARCH_SHARED_DIR) + "/corpora";
  return std::filesystem::is_directory(d) ? d : std::string();
}

class Corpora : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (corpora().empty()) return;
    dir_ = new TempDir;
    db_ = *dir_ / "index";
    Output o = run(dindex("--json --db " + db_ + " " + corpora() + "/reuters21578/reuters21578.jsonl.gz " +
                          corpora() + "/bbc-news/bbc-news.jsonl.gz"));
    ASSERT_EQ(o.exit, 0) << o.err.substr(0, 2000);
    stats_ = nlohmann::json::parse(o.out);
  }
  static void TearDownTestSuite() { delete dir_; }
  void SetUp() override {
    if (corpora().empty()) GTEST_SKIP() << "../shared/corpora is absent";
  }
  static nlohmann::json search(const std::string& args) {
    Output o = run(dsearch("--json --db " + db_ + " " + args));
    EXPECT_LE(o.exit, 1) << o.err;
    return o.json();
  }

  static TempDir* dir_;
  static std::string db_;
  static nlohmann::json stats_;
};
TempDir* Corpora::dir_;
std::string Corpora::db_;
nlohmann::json Corpora::stats_;

TEST_F(Corpora, EveryArticleIsIndexed) {
  EXPECT_EQ(stats_["total"], 11000 + 2225);
  EXPECT_EQ(stats_["failed"], 0);
}

// The first shard of the first build to hold enough articles trains a dictionary, and every shard
// packs every record with it (record_codec.h, shard_build.h): the merged index keeps one.
TEST_F(Corpora, AFirstBuildPacksEveryRecord) {
  Xapian::Database db(db_);
  EXPECT_EQ(record_dictionaries(db), 1u);
  EXPECT_EQ(packed_records(db), 13225u);
}

TEST_F(Corpora, NothingChangedMeansNothingReanalysed) {
  Output o = run(dindex("--json --db " + db_ + " " + corpora() + "/reuters21578/reuters21578.jsonl.gz " +
                        corpora() + "/bbc-news/bbc-news.jsonl.gz"));
  auto j = nlohmann::json::parse(o.out);
  EXPECT_EQ(j["unchanged"], 13225);
  EXPECT_EQ(j["added"], 0);
  EXPECT_EQ(j["updated"], 0);
}

TEST_F(Corpora, CountryFilterListsExactlyTheFacetCount) {
  auto facets = search("--facets --facet-values 300 --limit 0");
  int japan = 0;
  for (const auto& v : facets["facets"]["country"])
    if (v["value"] == "JP") japan = v["count"];
  ASSERT_GT(japan, 100);
  auto listed = search("--country JP --limit 5000");
  EXPECT_EQ(listed["total"], japan);
  EXPECT_EQ(listed["results"].size(), static_cast<size_t>(japan));
  for (const auto& r : listed["results"]) {
    const auto& main = r["main_countries"];
    ASSERT_NE(std::find(main.begin(), main.end(), "JP"), main.end()) << r["id"];
  }
}

TEST_F(Corpora, PhraseAndDateFiltersNarrow) {
  auto all = search("'oil prices'");
  auto phrase = search("'\"oil prices\"'");
  EXPECT_GT(all["total"].get<int>(), phrase["total"].get<int>());
  EXPECT_GT(phrase["total"].get<int>(), 10);
  auto march = search("'\"oil prices\" date:1987-03-01..1987-03-31'");
  EXPECT_LT(march["total"].get<int>(), phrase["total"].get<int>());
  for (const auto& r : march["results"]) EXPECT_EQ(r["date"].get<std::string>().substr(0, 7), "1987-03");
}

TEST_F(Corpora, SourceFacetSeparatesPublishers) {
  auto j = search("--facets --limit 0 election");
  std::map<std::string, int> sources;
  for (const auto& v : j["facets"]["source"]) sources[v["value"]] = v["count"];
  EXPECT_GT(sources["Reuters"], 0);
  EXPECT_GT(sources["BBC News"], 0);
  auto bbc = search("--source 'BBC News' election");
  EXPECT_EQ(bbc["total"], sources["BBC News"]);
}

// People, organizations and sources are counted by key and named from the records
// (schema::name_keys): each name shown, given back as a filter, finds the articles counted. A
// one-word name also finds the articles of longer names holding that word ("Reagan", "Ronald
// Reagan"), so its filter finds at least as many.
TEST_F(Corpora, EachNameAFacetShowsFindsItsCountAsAFilter) {
  auto j = search("--facets --facet-values 5 --limit 0 oil");
  for (std::string facet : {"person", "org", "source"}) {
    ASSERT_FALSE(j["facets"][facet].empty()) << facet;
    for (const auto& v : j["facets"][facet]) {
      std::string name = v["value"];
      EXPECT_EQ(v["label"], name);
      auto filtered = search("--limit 0 --" + facet + " " + shell_quote(name) + " oil");
      if (name.find(' ') != std::string::npos)
        EXPECT_EQ(filtered["total"], v["count"]) << facet << " " << name;
      else
        EXPECT_GE(filtered["total"], v["count"]) << facet << " " << name;
    }
  }
}

// Over every article, the 40 most frequent people and organizations: OPEC, the EC, the Fed are
// mostly named by acronym, so their names' words are not in the text (document_terms.h,
// add_name_words). A name of several words finds its count, one word (alone, or the last of a
// longer name) at least that.
TEST_F(Corpora, TheCommonestNamesFindTheirCountsAsFilters) {
  auto j = search("--facets --facet-values 40 --limit 0");
  bool opec = false;
  for (std::string facet : {"person", "org"}) {
    ASSERT_EQ(j["facets"][facet].size(), 40u) << facet;
    for (const auto& v : j["facets"][facet]) {
      std::string name = v["value"];
      opec |= name == "Organization of the Petroleum Exporting Countries";
      auto filtered = search("--limit 0 --" + facet + " " + shell_quote(name));
      if (name.find(' ') != std::string::npos)
        EXPECT_EQ(filtered["total"], v["count"]) << facet << " " << name;
      else  // "Reagan" is also a word of "Ronald Reagan"
        EXPECT_GE(filtered["total"], v["count"]) << facet << " " << name;
      std::string last = name.substr(name.rfind(' ') + 1);
      if (last.find_first_of("-'.&") != std::string::npos) continue;  // "Al-Salim" is two words, a name of its own
      EXPECT_GE(search("--limit 0 --" + facet + " " + shell_quote(last))["total"], v["count"]) << facet << " " << last;
    }
  }
  EXPECT_TRUE(opec);
}

}  // namespace
}  // namespace dsearch::test
