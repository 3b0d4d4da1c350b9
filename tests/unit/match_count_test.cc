// How many matches a search counts (match_count.h), on 2,000 Reuters articles indexed as dindex
// indexes them and queried through the query parser with an English and a German analyzer, as
// on the mix of the speed benchmark (a word is then a SYNONYM of its two stems).
#include "dsearch/searcher/match_count.h"

#include <gtest/gtest.h>

#include "dsearch/deleted_docs.h"
#include "dsearch/searcher/query.h"
#include "phrase_index.h"
#include "test_data.h"

namespace dsearch {
namespace {

// 110 is what a first page with a count margin of 100 asks: these articles have words more and
// less frequent than that.
constexpr Xapian::doccount kWanted = 110;

struct Case {
  const char* query;
  bool counts;  // whether matches_to_check asks to count (rather than returning 0)
};

const Case kCases[] = {
    // One word: its frequency is the total.
    {"said", false}, {"wheat", false}, {"zzzqqq", false},
    // An OR with a word at least as frequent as wanted.
    {"oil gas", false}, {"oil OR cocoa", false}, {"said (oil AND gas)", false},
    // An OR of rarer words, ANDs, phrases and exclusions: only counting tells.
    {"cocoa coffee", true}, {"+oil +prices", true}, {"\"oil prices\"", true}, {"oil -gas", true},
    {"title:oil", true},  // titles have no terms: a phrase of one word, checked in the word order
    {"oil*", true},  // expanded only when matching: its terms are not looked up twice
    {"oil AND zzzqqq", false},  // nothing can match: the bounds say 0
};

class MatchCount : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (test::corpora_dir().empty()) return;
    index_ = new test::PhraseIndex(true);
    test::for_each_json_line(test::corpora_dir() + "/reuters21578/reuters21578.jsonl.gz", [](const nlohmann::json& j) {
      auto text = [&](const char* key) { return j[key].is_string() ? j[key].get<std::string>() : std::string(); };
      index_->add(text("id"), *en_, text("title"), text("body"));
    }, 2000);
    index_->db().commit();
  }
  static void TearDownTestSuite() {
    delete index_;
    index_ = nullptr;
  }
  void SetUp() override {
    if (!index_) GTEST_SKIP() << "no shared corpora at " << DSEARCH_SHARED_DIR << "/corpora";
  }

  static Xapian::Query parse(const char* query) {
    QueryContext ctx{index_->db(), {en_.get(), de_.get()}};
    return parse_query(query, ctx).match;
  }
  static Xapian::MSet run(const Xapian::Query& q, Xapian::doccount check) {
    Xapian::Enquire enquire(index_->db());
    enquire.set_query(q);
    return enquire.get_mset(0, 10, check);
  }

  static test::PhraseIndex* index_;
  static inline auto en_ = std::make_unique<Analyzer>("en");
  static inline auto de_ = std::make_unique<Analyzer>("de");
};
test::PhraseIndex* MatchCount::index_ = nullptr;

TEST_F(MatchCount, BoundsHoldTheExactCount) {
  for (const auto& c : kCases) {
    Xapian::Query q = parse(c.query);
    Xapian::MSet all = run(q, index_->db().get_doccount());
    ASSERT_EQ(all.get_matches_lower_bound(), all.get_matches_upper_bound()) << c.query;
    MatchBounds b = match_bounds(q, index_->db());
    EXPECT_LE(b.lower, all.get_matches_lower_bound()) << c.query;
    EXPECT_GE(b.upper, all.get_matches_lower_bound()) << c.query;
  }
}

TEST_F(MatchCount, CountsOnlyWhatTheBoundsLeaveOpen) {
  for (const auto& c : kCases)
    EXPECT_EQ(matches_to_check(parse(c.query), index_->db(), kWanted), c.counts ? kWanted : 0) << c.query;
}

// What counting promised stays true without it: the same hits, and a total under `wanted` exact.
TEST_F(MatchCount, SkippingTheCountChangesNoHitAndNoSmallTotal) {
  int skipped_above = 0;
  for (const auto& c : kCases) {
    Xapian::Query q = parse(c.query);
    Xapian::MSet counted = run(q, kWanted);
    Xapian::MSet ours = run(q, matches_to_check(q, index_->db(), kWanted));
    ASSERT_EQ(ours.size(), counted.size()) << c.query;
    for (Xapian::doccount i = 0; i < ours.size(); ++i) {
      EXPECT_EQ(*ours[i], *counted[i]) << c.query << " hit " << i;
      EXPECT_DOUBLE_EQ(ours[i].get_weight(), counted[i].get_weight()) << c.query << " hit " << i;
    }
    Xapian::doccount exact = run(q, index_->db().get_doccount()).get_matches_lower_bound();
    if (exact < kWanted) {
      EXPECT_EQ(ours.get_matches_lower_bound(), exact) << c.query;
      EXPECT_EQ(ours.get_matches_upper_bound(), exact) << c.query;
    } else if (!c.counts) {
      ++skipped_above;
    }
  }
  EXPECT_GE(skipped_above, 4);  // the cases exercise skipping where it saves time
}

// Deleted documents stay in the posting lists (deleted_docs.h): a search leaves them out, and
// its count stays exact under `wanted` although the term frequencies still include them.
TEST_F(MatchCount, DeletedDocumentsAreLeftOutAndTheCountStaysExact) {
  DeletedDocs deleted;
  for (int did = 1000; did >= 3; did -= 7) deleted.add(static_cast<Xapian::docid>(did));  // out of order, as runs add them
  ASSERT_EQ(deleted.size(), 143u);
  auto ranking = [](const Xapian::Query& q) {
    std::vector<Xapian::docid> ids;
    Xapian::Enquire enquire(index_->db());
    enquire.set_query(q);
    for (auto it = enquire.get_mset(0, index_->db().get_doccount()); auto did : it) ids.push_back(did);
    return ids;
  };
  for (const auto& c : kCases) {
    Xapian::Query q = parse(c.query);
    std::vector<Xapian::docid> live;
    for (auto did : ranking(q))
      if (!deleted.contains(did)) live.push_back(did);
    Xapian::Query kept = deleted.exclude_from(q);
    EXPECT_EQ(ranking(kept), live) << c.query;
    Xapian::MSet page = run(kept, matches_to_check(q, index_->db(), kWanted, deleted.size()));
    std::vector<Xapian::docid> got(page.begin(), page.end());
    EXPECT_EQ(got, std::vector<Xapian::docid>(live.begin(), live.begin() + std::min<std::size_t>(10, live.size())))
        << c.query;
    if (live.size() < kWanted) {
      EXPECT_EQ(page.get_matches_lower_bound(), live.size()) << c.query;
      EXPECT_EQ(page.get_matches_upper_bound(), live.size()) << c.query;
    }
  }
}

}  // namespace
}  // namespace dsearch
