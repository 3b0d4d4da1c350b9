// The word order the indexer stores for phrases (token_sequence.h) and the terms add_text_terms
// writes next to it, on the seed articles.
#include "dsearch/token_sequence.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "dsearch/document_terms.h"
#include "dsearch/schema.h"
#include "test_data.h"

namespace dsearch {
namespace {

struct Seed {
  std::string title, body;
};

// A seed split as the indexer would see it: its title line, and the text after it.
Seed seed_article(const char* name, const std::string& title) {
  std::string text = test::seed(name);
  auto at = text.find(title);
  return {title, at == std::string::npos ? text : text.substr(at + title.size())};
}

const Seed& xinhua() {
  static const Seed s = seed_article(test::kXinhua, "DPRK envoy's visit to Russia aims to diversify diplomatic relations");
  return s;
}

TEST(TokenSequence, HoldsOneHashPerWordTitleFirst) {
  Analyzer en("en");
  Xapian::Document doc;
  add_text_terms(doc, en, xinhua().title, xinhua().body);
  std::string value = doc.get_value(schema::kSlotTokens);
  TokenSequence seq(value);
  auto title = en.tokens(xinhua().title);
  auto body = en.tokens(xinhua().body);
  ASSERT_GT(body.size(), 300u);
  ASSERT_EQ(seq.size(), title.size() + 1 + body.size());
  EXPECT_EQ(value.size(), 2 + 2 * seq.size());  // two bytes a word, the version and the seed
  EXPECT_EQ(seq.title_size(), title.size());
  auto hash = [&](const Token& t) { return token_hash(term_hash(t.term), seq.seed()); };
  for (std::size_t i = 0; i < title.size(); ++i) EXPECT_EQ(seq[i], hash(title[i])) << i;
  EXPECT_EQ(seq[title.size()], kSeparator);
  for (std::size_t i = 0; i < body.size(); ++i) EXPECT_EQ(seq[title.size() + 1 + i], hash(body[i])) << i;
}

// Distinct words of the document whose hashes under its seed are shared with another word.
std::size_t shared_hashes(Analyzer& a, std::string_view title, std::string_view body) {
  Xapian::Document doc;
  add_text_terms(doc, a, title, body);
  std::string value = doc.get_value(schema::kSlotTokens);
  TokenSequence seq(value);
  std::map<TokenHash, std::set<std::string>> words;
  for (std::string_view text : {title, body})
    for (const auto& t : a.tokens(text)) words[token_hash(term_hash(t.term), seq.seed())].insert(t.term);
  std::size_t shared = 0;
  for (const auto& [h, ws] : words) shared += ws.size() - 1;
  return shared;
}

TEST(TokenSequence, EachWordOfAnArticleHasItsOwnHash) {
  Analyzer en("en");
  auto dw = seed_article(test::kDw, "North Korea envoy to Russia");
  EXPECT_EQ(shared_hashes(en, xinhua().title, xinhua().body), 0u);
  EXPECT_EQ(shared_hashes(en, dw.title, dw.body), 0u);
  // Two words that share a hash under seed 0 (the birthday bound finds a pair within a few hundred
  // words): a document of both gets another seed, which parts them.
  std::map<TokenHash, std::string> first;
  std::string a, b;
  for (int i = 0; a.empty(); ++i) {
    std::string w = std::string("w").append(std::to_string(i));
    auto [it, fresh] = first.emplace(token_hash(term_hash(w), 0), w);
    if (!fresh) a = it->second, b = w;
  }
  Analyzer plain("");
  EXPECT_EQ(shared_hashes(plain, a, b), 0u) << a << " " << b;
}

TEST(TokenSequence, AVeryLongArticleStillReadsBack) {
  // 5,000 distinct words: no seed gives each its own hash, and none is looked for.
  Analyzer plain("");
  std::string body;
  for (int i = 0; i < 5000; ++i) body.append("w").append(std::to_string(i)).append(" ");
  Xapian::Document doc;
  add_text_terms(doc, plain, "t", body);
  std::string value = doc.get_value(schema::kSlotTokens);
  TokenSequence seq(value);
  ASSERT_EQ(seq.size(), 5002u);
  EXPECT_EQ(seq.title_size(), 1u);
  EXPECT_EQ(seq[5001], token_hash(term_hash("w4999"), seq.seed()));
}

TEST(TokenSequence, TermsKeepTheirWdfAndLoseTheirPositionsAndStopwords) {
  Analyzer en("en");
  Xapian::Document doc;
  add_text_terms(doc, en, xinhua().title, xinhua().body);
  std::map<std::string, Xapian::termcount> expected;
  std::size_t words = 0, stops = 0;
  for (const auto& t : en.tokens(xinhua().title)) {
    ++words;
    if (en.is_stopword(t.folded) && ++stops) continue;
    expected[t.term] += kTitleWdf;  // and no title term: titles have none
  }
  for (const auto& t : en.tokens(xinhua().body)) {
    ++words;
    if (en.is_stopword(t.folded) && ++stops) continue;
    expected[t.term] += 1;
  }
  std::map<std::string, Xapian::termcount> got;
  for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) {
    got[*it] = it.get_wdf();
    EXPECT_EQ(it.positionlist_count(), 0u) << *it;
  }
  EXPECT_EQ(got, expected);
  EXPECT_GT(got.at("envoy"), kTitleWdf);  // "envoy's" in the title, and in the body
  EXPECT_EQ(got.count("the") + got.count("Senvoy"), 0u);
  // The word order keeps every word, and the separator.
  EXPECT_GT(stops, 100u);
  std::string order = doc.get_value(schema::kSlotTokens);
  EXPECT_EQ(TokenSequence(order).size(), words + 1);
}

TEST(TokenSequence, AnEmptyArticleIsJustTheSeparator) {
  Analyzer en("en");
  Xapian::Document doc;
  add_text_terms(doc, en, "", "-- ... --");
  std::string value = doc.get_value(schema::kSlotTokens);
  TokenSequence seq(value);
  ASSERT_EQ(seq.size(), 1u);
  EXPECT_EQ(seq[0], kSeparator);
  EXPECT_EQ(seq.title_size(), 0u);
}

TEST(TokenSequence, NoTermHashesToTheSeparator) {
  // About one term in 65,536 would: it moves to 1.
  std::size_t moved = 0;
  for (std::uint64_t h = 0; h < 300000; ++h)
    for (std::uint8_t seed : {0, 1, 63}) {
      TokenHash t = token_hash(h * 0x9E3779B97F4A7C15ULL, seed);
      EXPECT_NE(t, kSeparator);
      moved += t == 1;
    }
  EXPECT_GE(moved, 3u) << "some terms hash to 1: their own, or moved off the separator";
}

TEST(TokenSequence, AnyBytesReadSafely) {
  struct Case {
    std::string value;
    std::size_t size, title_size;
  } cases[] = {
      {"", 0, 0},
      {std::string("\x01", 1), 0, 0},                         // no seed
      {std::string("\x01\x07", 2), 0, 0},                     // a seed and no words
      {std::string("\x02\x07\x05\x00", 4), 0, 0},             // a later version: not ours to read
      {std::string("\x00\x07\x05\x00", 4), 0, 0},             // no version
      {std::string("\x01\x07\x05\x00\x07", 5), 0, 0},         // cut in the middle of a word
      {std::string("\x01\x07\x05\x00\x07\x00", 6), 2, 2},     // no separator: all title
      {std::string("\x01\x07\x00\x00\x07\x00", 6), 2, 0},     // no title
      {std::string("\x01\xff\x05\x00\x00\x00\x00\x00", 8), 3, 1},  // two separators: the first counts
  };
  for (const auto& c : cases) {
    TokenSequence seq(c.value);
    EXPECT_EQ(seq.size(), c.size) << testing::PrintToString(c.value);
    EXPECT_EQ(seq.title_size(), c.title_size) << testing::PrintToString(c.value);
  }
  std::string bytes("\x01\x09\x34\x12\xff\xfe", 6);
  TokenSequence seq(bytes);
  ASSERT_EQ(seq.size(), 2u);
  EXPECT_EQ(seq.seed(), 9);
  EXPECT_EQ(seq[0], 0x1234);  // little-endian
  EXPECT_EQ(seq[1], 0xfeff);
}

}  // namespace
}  // namespace dsearch
