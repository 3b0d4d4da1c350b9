// Phrases on Reuters-21578 (11,000 articles) against two references: Xapian's own OP_PHRASE over
// positions, in an index written the way dindex wrote it before the word order moved to a value
// (positions, title words first, the body 100 positions further on), and the brute-force oracle
// of phrase_index.h. The hit sets must be the same, and so must the BM25 weights.
#include <gtest/gtest.h>

#include <algorithm>
#include <iterator>

#include <map>
#include <memory>

#include "../../searcher/src/phrase_source.h"
#include "dsearch/searcher/query.h"
#include "phrase_index.h"
#include "test_data.h"

namespace dsearch {
namespace {

using Scores = std::map<std::string, double>;

// Title words carry their positions under this prefix too, with a wdf of 0: OP_PHRASE over them
// finds a title phrase, and the length BM25 sees is that of the index, which has no title terms.
const std::string kTitleCarrier = "S";

// The positional layout of schema 1, kept here as the reference. A stopword, which has no term
// now, keeps its positions with a wdf of 0: OP_PHRASE still sees it, and BM25 neither weights it
// nor counts it in the length.
Xapian::Document positional_document(const test::OracleDoc& d) {
  Xapian::Document doc;
  Xapian::termpos pos = 0;
  for (std::size_t i = 0; i < d.title.size(); ++i) {
    doc.add_posting(d.title[i], ++pos, d.title_indexed[i] ? kTitleWdf : 0);
    doc.add_posting(kTitleCarrier + d.title[i], pos, 0);
  }
  pos += 100;
  for (std::size_t i = 0; i < d.body.size(); ++i) doc.add_posting(d.body[i], ++pos, d.body_indexed[i] ? 1 : 0);
  doc.set_data(d.id);
  return doc;
}

class Reuters {
 public:
  Reuters() : index_(true), positional_(std::string(), Xapian::DB_BACKEND_INMEMORY) {
    test::for_each_json_line(test::corpora_dir() + "/reuters21578/reuters21578.jsonl.gz", [&](const nlohmann::json& j) {
      auto text = [&](const char* key) { return j[key].is_string() ? j[key].get<std::string>() : std::string(); };
      const auto& d = index_.add(text("id"), en_, text("title"), text("body"));
      positional_.add_document(positional_document(d));
    });
    index_.db().commit();
    ctx_.db = index_.db();
    ctx_.analyzers = {&en_};
  }

  std::size_t size() const { return index_.docs().size(); }
  const std::vector<Analyzer*>& analyzers() const { return ctx_.analyzers; }
  test::PhraseIndex& index() { return index_; }

  // The parser's query (AND of the words, filtered by a PhraseSource) on the index without positions.
  Scores ours(std::string_view query) { return scores(index_.db(), parse_query(query, ctx_).match); }

  // OP_PHRASE on the positional index, a wildcard expanded over its terms. A title phrase is
  // found by OP_PHRASE over the title carriers and weighed by the AND of its words.
  Scores reference(const test::OraclePhrase& p) {
    std::vector<Xapian::Query> positions, carriers;
    for (std::size_t i = 0; i < p.terms.size(); ++i) {
      std::vector<std::string> terms;
      if (p.prefix_last && i + 1 == p.terms.size()) {
        std::string start = *p.terms[i].begin();
        for (auto t = positional_.allterms_begin(start); t != positional_.allterms_end(start); ++t) terms.push_back(*t);
      } else {
        terms.assign(p.terms[i].begin(), p.terms[i].end());
      }
      std::vector<Xapian::Query> alternatives, carried;
      for (const auto& t : terms) {
        alternatives.emplace_back(t);
        carried.emplace_back(kTitleCarrier + t);
      }
      auto op = p.title_only && p.terms.size() == 1 ? Xapian::Query::OP_SYNONYM : Xapian::Query::OP_OR;
      positions.emplace_back(op, alternatives.begin(), alternatives.end());
      carriers.emplace_back(Xapian::Query::OP_OR, carried.begin(), carried.end());
    }
    auto size = static_cast<Xapian::termcount>(positions.size());
    if (!p.title_only) return scores(positional_, Xapian::Query(Xapian::Query::OP_PHRASE, positions.begin(), positions.end(), size));
    Xapian::Query words(Xapian::Query::OP_AND, positions.begin(), positions.end());
    return scores(positional_, Xapian::Query(Xapian::Query::OP_FILTER, words,
                                             Xapian::Query(Xapian::Query::OP_PHRASE, carriers.begin(), carriers.end(), size)));
  }

 private:
  static Scores scores(const Xapian::Database& db, const Xapian::Query& q) {
    Xapian::Enquire enquire(db);
    enquire.set_query(q);
    enquire.set_weighting_scheme(Xapian::BM25Weight(1.2, 0, 1, 0.75, 0.5));  // search.cc's
    Scores s;
    auto mset = enquire.get_mset(0, db.get_doccount());
    for (auto it = mset.begin(); it != mset.end(); ++it) s[it.get_document().get_data()] = it.get_weight();
    return s;
  }

  Analyzer en_{"en"};
  test::PhraseIndex index_;
  Xapian::WritableDatabase positional_;
  QueryContext ctx_;
};

std::set<std::string> ids(const Scores& s) {
  std::set<std::string> out;
  for (const auto& [id, w] : s) out.insert(id);
  return out;
}

class PhraseReuters : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!test::corpora_dir().empty()) reuters_ = new Reuters;
  }
  static void TearDownTestSuite() {
    delete reuters_;
    reuters_ = nullptr;
  }
  void SetUp() override {
    if (!reuters_) GTEST_SKIP() << "no shared corpora at " << DSEARCH_SHARED_DIR << "/corpora";
  }
  static Reuters* reuters_;
};
Reuters* PhraseReuters::reuters_ = nullptr;

// Phrases, with how many articles hold each at least (so that the comparison compares something).
struct Case {
  const char* query;
  std::size_t at_least;
  // A phrase of stopwords alone has no terms to rank it (its hits weigh 0), where OP_PHRASE
  // weighs the few articles where one of its stems is also the term of another word.
  bool weighed = true;
};

const Case kCases[] = {
    {"\"net loss\"", 100},          {"\"oil prices\"", 100},     {"\"crude oil\"", 100},
    {"\"interest rates\"", 100},    {"\"West Germany\"", 100},   {"\"New York\"", 100},
    {"\"United States\"", 100},     {"\"mln dlrs\"", 1000},      {"\"per share\"", 100},
    {"\"U.S. Treasury\"", 10},      {"\"first quarter\"", 100},  {"\"stock exchange\"", 100},
    {"\"said it\"", 1000},          {"\"the company said\"", 100},
    // Stopwords inside.
    {"\"Bank of England\"", 10},    {"\"the Federal Reserve\"", 10}, {"\"cts a share\"", 10},
    {"\"for the year\"", 10},       {"\"of the\"", 1000, false},
    // Reversed: both words in many articles, rarely the other way round.
    {"\"share per\"", 0},           {"\"rates interest\"", 0},   {"\"York New\"", 0},
    // In the title only (Reuters titles are upper case).
    {"title:\"oil prices\"", 10},   {"title:\"first quarter\"", 1}, {"title:\"to buy\"", 10},
    {"title:\"net loss\"", 0},
    // Split words, and split words ending in a wildcard.
    {"third-quarter", 10},          {"year-ago", 10},            {"crude-oi*", 100},
    {"oil-pri*", 100},              {"Bank-of-Eng*", 10},        {"title:oil-pri*", 10},
};

TEST_F(PhraseReuters, SameArticlesAndWeightsAsPositionalPhrases) {
  ASSERT_GE(reuters_->size(), 10000u);
  for (const auto& c : kCases) {
    auto phrase = test::oracle_query(c.query, reuters_->analyzers());
    Scores ours = reuters_->ours(c.query);
    Scores reference = reuters_->reference(phrase);
    auto oracle = reuters_->index().expected(phrase);
    EXPECT_EQ(ids(reference), oracle) << c.query << ": OP_PHRASE and the oracle disagree";
    // Exact, stopwords included: the word order lists which stopwords an article holds.
    EXPECT_EQ(ids(ours), oracle) << c.query;
    EXPECT_GE(oracle.size(), c.at_least) << c.query;
    if (!c.weighed) continue;
    std::size_t different = 0;
    for (const auto& [id, w] : ours)
      if (reference.count(id) && std::abs(reference.at(id) - w) > 1e-9 * std::max(1.0, w)) ++different;
    EXPECT_EQ(different, 0u) << c.query << ": weights differ from OP_PHRASE's";
  }
}

TEST_F(PhraseReuters, SourceDrivingTheMatchFindsTheSameArticles) {
  for (const char* query : {"\"net loss\"", "\"Bank of England\"", "title:\"oil prices\"", "\"York New\""}) {
    auto phrase = test::oracle_query(query, reuters_->analyzers());
    std::vector<std::vector<std::string>> terms;
    for (const auto& ts : phrase.terms) terms.emplace_back(ts.begin(), ts.end());
    auto pattern = std::make_shared<const PhrasePattern>(terms, phrase.title_only);
    Xapian::Query alone((new PhraseSource(pattern))->release());  // next() over the value stream
    // Alone, the source confirms no indexed word by its postings: an article lacking one can pass
    // where the word lands on the slot of a word it has (phrase_source.h). The AND of the words
    // leaves exactly the phrase's articles.
    auto found = reuters_->index().found(alone), expected = reuters_->index().expected(phrase);
    std::vector<Xapian::Query> words;
    for (const auto& ts : terms)
      if (!exact(word_key(ts.front()))) words.emplace_back(Xapian::Query::OP_OR, ts.begin(), ts.end());
    auto holding = reuters_->index().found(Xapian::Query(Xapian::Query::OP_AND, words.begin(), words.end()));
    std::set<std::string> both;
    std::set_intersection(found.begin(), found.end(), holding.begin(), holding.end(), std::inserter(both, both.end()));
    EXPECT_EQ(both, expected) << query;
    EXPECT_TRUE(std::includes(found.begin(), found.end(), expected.begin(), expected.end())) << query;
  }
}

// The source counts how it is moved (Xapian matches with a clone: the clones share the counts).
struct Moves {
  std::size_t steps = 0, checks = 0;
};

class CountingSource : public PhraseSource {
 public:
  CountingSource(std::shared_ptr<const PhrasePattern> pattern, std::shared_ptr<Moves> moves)
      : PhraseSource(pattern), pattern_(pattern), moves_(std::move(moves)) {}
  void next(double w) override { ++moves_->steps, PhraseSource::next(w); }
  void skip_to(Xapian::docid did, double w) override { ++moves_->steps, PhraseSource::skip_to(did, w); }
  bool check(Xapian::docid did, double w) override { return ++moves_->checks, PhraseSource::check(did, w); }
  CountingSource* clone() const override { return new CountingSource(pattern_, moves_); }

 private:
  std::shared_ptr<const PhrasePattern> pattern_;
  std::shared_ptr<Moves> moves_;
};

TEST_F(PhraseReuters, TheWordsDriveTheMatchAndTheSourceIsOnlyChecked) {
  // Both words are in thousands of articles, side by side in far fewer: reading every value to
  // step the source would cost a read per article of the index.
  auto phrase = test::oracle_query("\"said company\"", reuters_->analyzers());
  std::vector<std::vector<std::string>> terms;
  std::vector<Xapian::Query> words;
  for (const auto& ts : phrase.terms) {
    terms.emplace_back(ts.begin(), ts.end());
    words.emplace_back(*ts.begin());
  }
  auto moves = std::make_shared<Moves>();
  auto* source = new CountingSource(std::make_shared<const PhrasePattern>(terms, false), moves);
  Xapian::Query filter(Xapian::Query::OP_FILTER, Xapian::Query(Xapian::Query::OP_AND, words.begin(), words.end()),
                       Xapian::Query(source->release()));
  Xapian::Query both(Xapian::Query::OP_AND, words.begin(), words.end());
  std::size_t candidates = reuters_->index().found(both).size();
  EXPECT_EQ(reuters_->index().found(filter), reuters_->index().expected(phrase));
  EXPECT_EQ(moves->steps, 0u);
  EXPECT_EQ(moves->checks, candidates);
  EXPECT_GT(candidates, 1000u);
}

}  // namespace
}  // namespace dsearch
