// Phrases without positions (phrase_source.h) on the seed articles, a German article and two
// documents without word order, in memory and on disk: the parser's phrase queries find the
// articles expected, and so does the brute-force oracle (phrase_index.h); the PhraseSource keeps
// Xapian's PostingSource contract when it is checked, stepped or skipped.
#include "../../searcher/src/phrase_source.h"

#include <gtest/gtest.h>

#include <memory>

#include "dsearch/searcher/query.h"
#include "phrase_index.h"
#include "test_data.h"

namespace dsearch {
namespace {

using Ids = std::set<std::string>;

// The body of a seed: everything after its title line.
std::string seed_body(const char* name, const std::string& title) {
  std::string text = test::seed(name);
  auto at = text.find(title);
  return at == std::string::npos ? text : text.substr(at + title.size());
}

class SeedPhrases {
 public:
  explicit SeedPhrases(bool on_disk) : index_(on_disk) {
    const std::string xt = "DPRK envoy's visit to Russia aims to diversify diplomatic relations";
    const std::string dt = "North Korea envoy to Russia";
    index_.add("xinhua", en_, xt, seed_body(test::kXinhua, xt));
    index_.add("dw", en_, dt, seed_body(test::kDw, dt));
    index_.add_raw("bare", nullptr);  // no text at all: no value in the slot
    const std::string junk("\x01\x05", 2);
    index_.add_raw("junk", &junk);    // a value no writer makes
    index_.add("standard", de_, "Sonderbeauftragter aus Nordkorea in Moskau",
               "Der Sondergesandte besuchte die H\xC3\xA4user der Regierung in Moskau und traf Wladimir Putin.");
    index_.add("weather", en_, "Weather report", "Rain in Seoul, sun in Moscow. North winds, Korea dry.");
    index_.db().commit();
    ctx_.db = index_.db();
    ctx_.analyzers = {&en_, &de_};
  }

  Ids found(std::string_view query) { return index_.found(parse_query(query, ctx_).match); }

  Ids expected(std::string_view query) { return index_.expected(test::oracle_query(query, ctx_.analyzers)); }

  test::PhraseIndex& index() { return index_; }
  const std::vector<Analyzer*>& analyzers() { return ctx_.analyzers; }

 private:
  Analyzer en_{"en"}, de_{"de"};
  test::PhraseIndex index_;
  QueryContext ctx_;
};

class PhraseSeeds : public testing::TestWithParam<bool> {
 protected:
  static SeedPhrases& seeds() {
    static SeedPhrases in_memory(false), on_disk(true);
    return GetParam() ? on_disk : in_memory;
  }
};

INSTANTIATE_TEST_SUITE_P(Backends, PhraseSeeds, testing::Values(false, true),
                         [](const auto& info) { return info.param ? "Glass" : "InMemory"; });

struct Case {
  const char* query;
  Ids expected;
};

TEST_P(PhraseSeeds, FindTheArticlesThatHoldThePhrase) {
  const Case cases[] = {
      {"\"special envoy\"", {"xinhua", "dw"}},
      {"\"envoy special\"", {}},  // both words, side by side, the other way round
      {"\"Ryong Choe\"", {}},
      {"\"Choe Ryong Hae\"", {"xinhua", "dw"}},
      {"\"envoy to Russia\"", {"xinhua", "dw"}},  // xinhua's related stories; dw's title and body
      // The title and the body never join: xinhua's title ends "relations", its body starts
      // "(Xinhua) Updated:"; the German title ends "Moskau", its body starts "Der".
      {"\"diversify diplomatic relations\"", {"xinhua"}},
      {"\"Xinhua Updated\"", {"xinhua"}},
      {"\"relations Xinhua\"", {}},
      {"\"diplomatic relations Xinhua\"", {}},
      {"\"Russia November\"", {}},
      {"\"Moskau der\"", {}},
      // Punctuation does not part words: "Moscow. North winds, Korea dry."
      {"\"Moscow North\"", {"xinhua", "weather"}},
      {"\"winds Korea\"", {"weather"}},
      {"\"North Korea\"", {"xinhua", "dw"}},
      // In the title only.
      {"title:\"envoy to Russia\"", {"dw"}},
      {"title:\"diplomatic relations\"", {"xinhua"}},
      {"title:\"special envoy\"", {}},
      {"title:\"Xinhua Updated\"", {}},
      {"title:\"in Moskau\"", {"standard"}},
      // Stopwords inside a phrase count.
      {"\"Workers' Party of Korea\"", {"xinhua"}},
      {"\"Party of the Workers\"", {}},
      {"\"the Republic of Korea\"", {"xinhua"}},
      {"\"Republic Korea\"", {}},
      // Words that split become phrases.
      {"Byeong-cheol", {"xinhua"}},
      {"Ryong-Hae", {"xinhua", "dw"}},
      {"eight-day", {"xinhua"}},
      {"day-eight", {}},
      // A split word ending in a wildcard: the last position is any expansion.
      {"Byeong-ch*", {"xinhua"}},
      {"Jong-U*", {"xinhua", "dw"}},
      {"Unification-Min*", {"xinhua"}},
      {"Ministry-Unif*", {}},
      {"title:North-Ko*", {"dw"}},
      {"title:Special-env*", {}},
      {"Byeong-zz*", {}},  // no expansion at all
      // Each index language's stem is an alternative: the German article is matched through "de".
      {"\"H\xC3\xA4user der Regierung\"", {"standard"}},
      {"\"Regierung der H\xC3\xA4user\"", {}},
      {"\"Wladimir Putin\"", {"standard"}},
  };
  auto& s = seeds();
  for (const auto& c : cases) {
    EXPECT_EQ(s.found(c.query), c.expected) << c.query;
    EXPECT_EQ(s.expected(c.query), c.expected) << c.query << " (oracle)";
  }
}

TEST_P(PhraseSeeds, PhrasesComposeWithTheRestOfTheQuery) {
  auto& s = seeds();
  EXPECT_EQ(s.found("\"special envoy\" -\"troubled economy\""), (Ids{"xinhua"}));  // dw: "North Korea's troubled economy"
  EXPECT_EQ(s.found("\"special envoy\" OR \"Wladimir Putin\""), (Ids{"xinhua", "dw", "standard"}));
  EXPECT_EQ(s.found("+\"North winds\" Seoul"), (Ids{"weather"}));
  EXPECT_EQ(s.found("\"envoy special\" OR Sondergesandte"), (Ids{"standard"}));
  EXPECT_EQ(s.found("Seoul -\"North winds\""), (Ids{"xinhua", "dw"}));
}

// The pattern of an oracle phrase, a prefix expanded over the index's words as the parser does.
test::OraclePhrase expand(test::OraclePhrase p, const std::vector<test::OracleDoc>& docs) {
  if (!p.prefix_last) return p;
  std::set<std::string> expansions;
  for (const auto& d : docs)
    for (const auto* words : {&d.title, &d.body})
      for (const auto& w : *words)
        if (test::accepts(p, p.terms.size() - 1, w)) expansions.insert(w);
  p.terms.back() = expansions;
  p.prefix_last = false;
  return p;
}

std::shared_ptr<const PhrasePattern> pattern_of(const test::OraclePhrase& p) {
  std::vector<std::vector<std::string>> terms;
  for (const auto& ts : p.terms) terms.emplace_back(ts.begin(), ts.end());
  return std::make_shared<const PhrasePattern>(terms, p.title_only);
}

// Every matching docid of `p`, ascending, by the oracle.
std::vector<Xapian::docid> oracle_docids(const test::PhraseIndex& index, const test::OraclePhrase& p) {
  std::vector<Xapian::docid> ids;
  for (std::size_t i = 0; i < index.docs().size(); ++i)
    if (test::oracle_matches(index.docs()[i], p)) ids.push_back(static_cast<Xapian::docid>(i + 1));
  return ids;
}

// The PostingSource contract (xapian/postingsource.h), for every docid of `index`.
void check_contract(test::PhraseIndex& index, const test::OraclePhrase& phrase, const std::string& what) {
  auto p = expand(phrase, index.docs());
  auto pattern = pattern_of(p);
  auto want = oracle_docids(index, p);
  Xapian::Database db = index.db();
  auto first_from = [&](Xapian::docid did) {  // the first match >= did, 0 for none
    auto it = std::lower_bound(want.begin(), want.end(), did);
    return it == want.end() ? Xapian::docid(0) : *it;
  };
  auto at = [](const PhraseSource& s) { return s.at_end() ? Xapian::docid(0) : s.get_docid(); };

  PhraseSource walk(pattern);  // next() from the start visits exactly the matches
  walk.init(db);
  std::vector<Xapian::docid> got;
  for (walk.next(0); !walk.at_end(); walk.next(0)) got.push_back(walk.get_docid());
  EXPECT_EQ(got, want) << what;
  EXPECT_GE(walk.get_termfreq_est(), want.size()) << what;
  EXPECT_LE(walk.get_termfreq_est(), walk.get_termfreq_max()) << what;

  PhraseSource checker(pattern);  // check() in ascending order, as an AND calls it
  checker.init(db);
  for (Xapian::docid did = 1; did <= db.get_lastdocid(); ++did) {
    bool match = std::binary_search(want.begin(), want.end(), did);
    ASSERT_EQ(checker.check(did, 0), match) << what << " docid " << did;
    ASSERT_FALSE(checker.at_end()) << what << " docid " << did;
    if (match) {
      EXPECT_EQ(checker.get_docid(), did) << what;
    }
  }
  for (Xapian::docid did = 1; did <= db.get_lastdocid(); ++did) {
    PhraseSource s(pattern);  // after a check(), next() goes on from there
    s.init(db);
    bool match = s.check(did, 0);
    s.next(0);
    EXPECT_EQ(at(s), first_from(did + 1)) << what << " next after check(" << did << ") = " << match;
    PhraseSource k(pattern);  // skip_to() lands on the first match at or after
    k.init(db);
    k.skip_to(did, 0);
    EXPECT_EQ(at(k), first_from(did)) << what << " skip_to(" << did << ")";
    if (!k.at_end()) {
      Xapian::docid here = k.get_docid();
      k.skip_to(did, 0);  // not past where it is
      EXPECT_EQ(at(k), here) << what;
    }
  }
}

TEST_P(PhraseSeeds, SourceKeepsThePostingSourceContract) {
  auto& s = seeds();
  for (const char* phrase : {"special envoy", "North Korea", "envoy special", "in Moskau", "Jong U*", "zzz yyy"}) {
    check_contract(s.index(), test::oracle_phrase(phrase, s.analyzers()), phrase);
    check_contract(s.index(), test::oracle_phrase(phrase, s.analyzers(), true), std::string("title:") + phrase);
  }
}

TEST_P(PhraseSeeds, SourceAloneDrivesTheMatchAsWellAsFilteringIt) {
  auto& s = seeds();
  for (const char* phrase : {"special envoy", "North Korea", "Wladimir Putin", "Moscow North"}) {
    auto p = test::oracle_phrase(phrase, s.analyzers());
    Xapian::Query alone((new PhraseSource(pattern_of(p)))->release());  // next() and skip_to()
    EXPECT_EQ(s.index().found(alone), s.index().expected(p)) << phrase;
    EXPECT_FALSE(s.index().expected(p).empty()) << phrase;
  }
}

// "alpha <word> <tail>" as a body, where <word> has the slot that one of `absent` lands on.
std::string trap_text(Analyzer& a, const std::vector<std::string>& absent, const std::string& tail) {
  for (int i = 0;; ++i) {
    std::string text = "alpha y" + std::to_string(i) + " " + tail;
    TokenSequenceWriter w;
    w.end_title();
    for (const auto& t : a.tokens(text)) w.add(t.term);
    std::string value = w.value();
    TokenSequence seq(value);
    for (const auto& term : absent)
      if (seq.slot(word_key(term)) == seq[2]) return text;
  }
}

// A word of the document whose slot one of a wildcard's expansions lands on, next to the phrase's
// other word, while the document holds another expansion: the slots alone would match; the
// expansions the document holds do not.
TEST(PhraseSource, WildcardExpansionsAreThoseTheDocumentHolds) {
  Analyzer plain("");
  std::string expansions;
  std::vector<std::string> absent;
  for (int i = 0; i < 1000; ++i) {
    absent.push_back("ex" + std::to_string(i));
    expansions += absent.back() + " ";
  }
  std::string trap = trap_text(plain, absent, "ex0");
  for (bool on_disk : {false, true}) {
    test::PhraseIndex index(on_disk);
    index.add("expansions", plain, "", expansions);
    index.add("trap", plain, "", trap);
    index.add("match", plain, "", "alpha ex517 beta");
    index.db().commit();
    QueryContext ctx{index.db(), {&plain}};
    EXPECT_EQ(index.found(parse_query("alpha-ex*", ctx).match), (Ids{"match"})) << trap;
    EXPECT_EQ(index.expected(test::oracle_query("alpha-ex*", {&plain})), (Ids{"match"}));
  }
}

// The same with one index language's stem that the document lacks ("absent") and the other's
// that it holds ("beta"), at the second position.
TEST(PhraseSource, AlternativesAreThoseTheDocumentHolds) {
  Analyzer plain("");
  std::string trap = trap_text(plain, {"absent"}, "beta");
  for (bool on_disk : {false, true}) {
    test::PhraseIndex index(on_disk);
    index.add("trap", plain, "", trap);
    index.add("match", plain, "", "gamma alpha beta");
    index.add("other", plain, "", "alpha absent");
    index.db().commit();
    std::vector<Xapian::Query> words{Xapian::Query("alpha"),
                                     Xapian::Query(Xapian::Query::OP_OR, Xapian::Query("absent"), Xapian::Query("beta"))};
    auto q = phrase_query(words, {{"alpha"}, {"absent", "beta"}}, false);
    EXPECT_EQ(index.found(q), (Ids{"match", "other"})) << trap;
  }
}

TEST(PhrasePattern, NeverMatchesAcrossTheSeparatorOrPastTheEnd) {
  TokenSequenceWriter w;
  for (const char* t : {"a", "b"}) w.add(t);
  w.end_title();
  for (const char* t : {"c", "d"}) w.add(t);
  std::string value = w.value();
  TokenSequence seq(value);
  auto match = [&](std::vector<std::vector<std::string>> terms, bool title) {
    return PhrasePattern(terms, title).matches(seq);
  };
  EXPECT_TRUE(match({{"a"}, {"b"}}, true));
  EXPECT_TRUE(match({{"c"}, {"d"}}, false));
  EXPECT_FALSE(match({{"c"}, {"d"}}, true));
  EXPECT_FALSE(match({{"b"}, {"c"}}, false));  // the title's end and the body's start
  EXPECT_FALSE(match({{"d"}, {"a"}}, false));
  EXPECT_FALSE(match({{"c"}, {"d"}, {"e"}}, false));
  EXPECT_TRUE(match({{"x", "a", "y"}, {"b", "z"}}, false));  // alternatives
  EXPECT_FALSE(match({{"a"}, {}}, false));                   // a position nothing can fill
  EXPECT_FALSE(match({}, false));
  EXPECT_FALSE(PhrasePattern({{"a"}, {"b"}}, false).matches(TokenSequence(std::string_view())));
}

}  // namespace
}  // namespace dsearch
