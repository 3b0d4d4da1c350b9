// The analysis chain on words from the seed articles: what is indexed must be what a query for the
// same word produces, whatever its inflection, case, possessive, hyphen or accent.
#include "dsearch/analyzer.h"

#include <gtest/gtest.h>

#include <unordered_set>

#include "test_data.h"

namespace dsearch {
namespace {

std::vector<std::string> terms(std::string_view text, std::string_view lang = "en") {
  Analyzer a(lang);
  std::vector<std::string> out;
  for (const auto& t : a.tokens(text)) out.push_back(t.term);
  return out;
}

struct Case {
  const char* lang;
  const char* text;
  std::vector<std::string> expected;
};

TEST(Analyzer, TermsForSeedWords) {
  const Case cases[] = {
      {"en", "special envoys", {"special", "envoy"}},
      {"en", "DPRK's railroad", {"dprk", "railroad"}},
      {"en", "DPRK\xE2\x80\x99s", {"dprk"}},
      {"en", "Lim Byeong-cheol", {"lim", "byeong", "cheol"}},
      {"en", "U.S. envoy", {"us", "envoy"}},
      {"en", "Workers' Party", {"worker", "parti"}},
      {"en", "S\xC3\xA3o Paulo", {"sao", "paulo"}},
      {"en", "Sao Paulo", {"sao", "paulo"}},
      {"en", "\xEF\xBC\xA4\xEF\xBC\xB0\xEF\xBC\xB2\xEF\xBC\xAB", {"dprk"}},  // fullwidth DPRK (NFKC)
      {"en", "2014-11-17 16:10", {"2014", "11", "17", "16", "10"}},
      {"de", "H\xC3\xA4user Stra\xC3\x9F" "e", {"haus", "strass"}},
      {"fr", "l'homme d\xE2\x80\x99" "affaires", {"homm", "affair"}},
      {"fi", "Suomen hallitus", {"suome", "hallitus"}},
  };
  for (const auto& c : cases) EXPECT_EQ(terms(c.text, c.lang), c.expected) << c.lang << ": " << c.text;
}

TEST(Analyzer, SegmentsChineseIntoWords) {
  auto t = terms("\xE4\xB8\xAD\xE5\x9B\xBD\xE5\xA4\x96\xE4\xBA\xA4\xE9\x83\xA8");  // 中国外交部
  ASSERT_GE(t.size(), 2u);
  EXPECT_EQ(t[0], "\xE4\xB8\xAD\xE5\x9B\xBD");  // 中国
}

TEST(Analyzer, OffsetsPointAtTheRawWord) {
  Analyzer a("en");
  std::string text = "The DPRK's envoy, Choe.";
  auto toks = a.tokens(text);
  ASSERT_EQ(toks.size(), 4u);
  EXPECT_EQ(text.substr(toks[1].begin, toks[1].end - toks[1].begin), "DPRK's");
  EXPECT_EQ(toks[1].raw, "DPRK's");
  EXPECT_EQ(toks[3].raw, "Choe");
}

TEST(Analyzer, StopwordsComeFromTheLists) {
  Analyzer en("en"), de("de");
  EXPECT_TRUE(en.is_stopword("the"));
  EXPECT_FALSE(en.is_stopword("envoy"));
  EXPECT_TRUE(de.is_stopword("und"));
  EXPECT_TRUE(de.is_stopword("f\xC3\xBCr"));
}

TEST(Analyzer, SkipsOverlongWords) {
  std::string junk(100000, 'x');
  EXPECT_EQ(terms("before " + junk + " after"), (std::vector<std::string>{"befor", "after"}));
}

// The analyzer remembers the words it analysed, in bounded generations: over a corpus with more
// distinct words than a generation holds, a word met again (cached, carried over from the older
// generation or analysed afresh) must give what folding and stemming it directly gives.
TEST(Analyzer, CachedWordsStayRightAcrossGenerations) {
  if (test::corpora_dir().empty()) GTEST_SKIP() << "../shared/corpora is absent";
  Analyzer fi("fi");
  std::unordered_set<std::string> distinct;
  std::size_t checked = 0, n = 0;
  test::for_each_json_line(test::corpora_dir() + "/fi-news/fi-news.jsonl.gz", [&](const nlohmann::json& j) {
    fi.tokenize(j.value("body", ""), [&](const Token& t) {
      distinct.emplace(t.raw);
      if (++n % 5) return;
      ++checked;
      std::string folded = fi.fold(t.raw);
      ASSERT_EQ(t.folded, folded) << t.raw;
      ASSERT_EQ(t.term, fi.stem(folded)) << t.raw;
    });
  }, 20000);
  EXPECT_GT(distinct.size(), 60000u);  // more than two generations of 30,000 words
  EXPECT_GT(checked, 40000u);
}

}  // namespace
}  // namespace dsearch
