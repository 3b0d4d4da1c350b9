// End to end on the sample corpus: index corpus/ with the real dindex, search with the real
// dsearch, and check what a user sees.
#include <gtest/gtest.h>

#include "cli_runner.h"

namespace dsearch::test {
namespace {

const char* const kXinhua = "000_b45b558db81f4ae8.txt";
const char* const kDw = "001_e3b90086b74f9351.txt";

class Seeds : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir;
    db_ = *dir_ / "index";
    Output o = run(dindex("--json --db " + db_ + " " + std::string(DSEARCH_SOURCE_DIR) + "/corpus"));
    ASSERT_EQ(o.exit, 0) << o.err;
    auto counts = nlohmann::json::parse(o.out);
    EXPECT_EQ(counts["added"], 2);
    EXPECT_EQ(counts["total"], 2);
  }
  static void TearDownTestSuite() { delete dir_; }

  static Output search(const std::string& args) { return run(dsearch("--db " + db_ + " " + args)); }

  static TempDir* dir_;
  static std::string db_;
};
TempDir* Seeds::dir_;
std::string Seeds::db_;

TEST_F(Seeds, DindexIsQuietOnSuccessAndCountsWhenAsked) {
  std::string corpus = std::string(DSEARCH_SOURCE_DIR) + "/corpus";
  Output quiet = run(dindex("--db " + db_ + " " + corpus));
  ASSERT_EQ(quiet.exit, 0) << quiet.err;
  EXPECT_EQ(quiet.out, "");
  EXPECT_EQ(quiet.err, "");
  Output counted = run(dindex("-v --db " + db_ + " " + corpus));
  ASSERT_EQ(counted.exit, 0) << counted.err;
  EXPECT_EQ(counted.out, "added 0, updated 0, removed 0, unchanged 2, failed 0, total 2\n");
}

TEST_F(Seeds, SpecialEnvoyPutinRanksXinhuaFirstWithMatchesMarked) {
  Output o = search("--json 'special envoy Putin'");
  ASSERT_EQ(o.exit, 0) << o.err;
  auto j = o.json();
  ASSERT_EQ(j["results"].size(), 2u);
  EXPECT_EQ(j["results"][0]["id"], kXinhua);
  EXPECT_EQ(j["results"][1]["id"], kDw);
  std::string snippet = j["results"][0]["snippet"];
  for (const char* w : {"<mark>Putin</mark>", "<mark>special</mark>", "<mark>envoy</mark>"})
    EXPECT_NE(snippet.find(w), std::string::npos) << w << " not in " << snippet;
  EXPECT_EQ(j["results"][0]["source"], "Xinhua");
  EXPECT_EQ(j["results"][0]["date"], "2014-11-17");
  EXPECT_EQ(j["results"][1]["source"], "DW");
  EXPECT_EQ(j["results"][1]["date"], "2014-11-14");
  EXPECT_EQ(j["results"][1]["title"], "North Korea envoy to Russia");
}

TEST_F(Seeds, TextOutputMarksMatchesWithoutColourWhenPiped) {
  Output o = search("'special envoy Putin'");
  ASSERT_EQ(o.exit, 0) << o.err;
  EXPECT_NE(o.out.find("1. DPRK **envoy's** visit to Russia"), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("**Putin**"), std::string::npos) << o.out;
  EXPECT_EQ(o.out.find("\033["), std::string::npos) << "colour codes on a pipe";
}

TEST_F(Seeds, FacetsCountEveryMatch) {
  auto j = search("--json --facets envoy").json();
  std::map<std::string, int> countries;
  for (const auto& v : j["facets"]["country"]) countries[v["value"]] = v["count"];
  EXPECT_EQ(countries["KP"], 2);
  EXPECT_EQ(countries["RU"], 2);
  // Sources are keys in the index (schema::name_keys); the facet names them from the records.
  std::map<std::string, int> sources;
  for (const auto& v : j["facets"]["source"]) {
    EXPECT_EQ(v["value"], v["label"]);
    sources[v["value"]] = v["count"];
  }
  EXPECT_EQ(sources, (std::map<std::string, int>{{"DW", 1}, {"Xinhua", 1}}));
}

TEST_F(Seeds, CountryFilterTakesCodesAndNames) {
  for (std::string filter : {"--country KP", "--country 'North Korea'", "'country:\"North Korea\"'", "--country kp"}) {
    Output o = search("--json " + filter);
    ASSERT_EQ(o.exit, 0) << filter << ": " << o.err;
    EXPECT_EQ(o.json()["total"], 2) << filter;
  }
  Output unknown = search("--country Narnia envoy");
  EXPECT_EQ(unknown.exit, 2);
  EXPECT_NE(unknown.err.find("Narnia"), std::string::npos) << unknown.err;
}

TEST_F(Seeds, NoQueryListsEverythingNewestFirst) {
  auto j = search("--json").json();
  ASSERT_EQ(j["results"].size(), 2u);
  EXPECT_EQ(j["results"][0]["id"], kXinhua);  // 2014-11-17 before 2014-11-14
}

TEST_F(Seeds, ExitCodesSayWhatHappened) {
  EXPECT_EQ(search("zyxxyqqv").exit, 1);
  EXPECT_EQ(search("--limit nonsense envoy").exit, 2);
  Output missing = run(dsearch("--db /nonexistent/dsearch-index envoy"));
  EXPECT_EQ(missing.exit, 2);
  EXPECT_NE(missing.err.find("dindex"), std::string::npos) << missing.err;
}

TEST_F(Seeds, PathologicalQueriesGetAnAnswer) {
  std::string many;
  for (int i = 0; i < 10000; ++i) many += "envoy" + std::to_string(i) + " ";
  const std::string queries[] = {"'\"special envoy'", "'((envoy'", "'the of and'", "'*'", "'a*'",
                                 "'" + many + "'", "'AND OR NOT'", "$'\\x01\\xff\\xfe envoy'"};
  for (const auto& q : queries) {
    Output o = search(q);
    EXPECT_TRUE(o.exit == 0 || o.exit == 1 || (o.exit == 2 && !o.err.empty()))
        << q.substr(0, 60) << " -> exit " << o.exit << ": " << o.err;
  }
}

TEST_F(Seeds, DidYouMeanComesFromTheIndex) {
  auto j = search("--json envoi").json();
  EXPECT_EQ(j["suggestion"], "envoy");
}

TEST(Extract, PrintsArticlesAsTheIndexerSeesThem) {
  Output o = run(dindex("--extract " + std::string(DSEARCH_SOURCE_DIR) + "/corpus/" + kXinhua));
  ASSERT_EQ(o.exit, 0) << o.err;
  auto j = nlohmann::json::parse(o.out);
  EXPECT_EQ(j["title"], "DPRK envoy's visit to Russia aims to diversify diplomatic relations");
  EXPECT_EQ(j["source"], "Xinhua");
  EXPECT_EQ(j["date"], "2014-11-17");
  EXPECT_EQ(j["main_countries"][0], "KP");
  std::string body = j["body"];
  EXPECT_EQ(body.find("Related stories"), std::string::npos);
  EXPECT_EQ(body.find("Most Popular"), std::string::npos);
}

}  // namespace
}  // namespace dsearch::test
