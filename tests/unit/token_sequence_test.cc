// The word order the indexer stores for phrases (token_sequence.h) and the terms add_text_terms
// writes next to it, on the seed articles.
#include "dsearch/token_sequence.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include <nlohmann/json.hpp>

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
  // `width` bits a word after the version, the seed and the width; an article of a few hundred
  // distinct words needs far fewer than 16.
  EXPECT_EQ(value.size(), kTokenHeaderBytes + (seq.width() * seq.size() + 7) / 8);
  EXPECT_LT(seq.width(), kMaxWidth);
  EXPECT_EQ(seq.title_size(), title.size());
  auto hash = [&](const Token& t) { return token_hash(term_hash(t.term), seq.seed(), seq.width()); };
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
    for (const auto& t : a.tokens(text)) words[seq.code(term_hash(t.term))].insert(t.term);
  std::size_t shared = 0;
  for (const auto& [h, ws] : words) shared += ws.size() - 1;
  return shared;
}

TEST(TokenSequence, EachWordOfAnArticleHasItsOwnHash) {
  Analyzer en("en");
  auto dw = seed_article(test::kDw, "North Korea envoy to Russia");
  EXPECT_EQ(shared_hashes(en, xinhua().title, xinhua().body), 0u);
  EXPECT_EQ(shared_hashes(en, dw.title, dw.body), 0u);
  // Two words that share a hash under seed 0 at the narrowest width, which a document of two words
  // tries first: that document gets another seed, which parts them.
  std::map<TokenHash, std::string> first;
  std::string a, b;
  for (int i = 0; a.empty(); ++i) {
    std::string w = std::string("w").append(std::to_string(i));
    auto [it, fresh] = first.emplace(token_hash(term_hash(w), 0, kMinWidth), w);
    if (!fresh) a = it->second, b = w;
  }
  Analyzer plain("");
  EXPECT_EQ(shared_hashes(plain, a, b), 0u) << a << " " << b;
}

// Bits a word position takes, over the first `limit` articles of a corpus, each of whose distinct
// words must have its own hash.
double bits_per_word(const std::string& file, const char* lang, std::size_t limit) {
  Analyzer a(lang);
  std::size_t bits = 0, words = 0;
  test::for_each_json_line(test::corpora_dir() + file, [&](const nlohmann::json& j) {
    std::string title = j["title"].is_string() ? j["title"].get<std::string>() : "";
    std::string body = j["body"].get<std::string>();
    EXPECT_EQ(shared_hashes(a, title, body), 0u) << j["id"];
    Xapian::Document doc;
    add_text_terms(doc, a, title, body);
    std::string value = doc.get_value(schema::kSlotTokens);
    TokenSequence seq(value);
    EXPECT_EQ(value.size(), kTokenHeaderBytes + (seq.width() * seq.size() + 7) / 8) << j["id"];
    bits += seq.width() * seq.size();
    words += seq.size();
  }, limit);
  return words ? static_cast<double>(bits) / static_cast<double>(words) : 0;
}

// A headline and its lead need about half the 16 bits a word that one hash width for all would
// take, a BBC story (a few hundred distinct words) about seven eighths.
TEST(TokenSequence, NewsTakesFewerBitsAWordTheShorterItIs) {
  if (test::corpora_dir().empty()) GTEST_SKIP() << "shared corpora absent";
  double headlines = bits_per_word("/fi-news/fi-news.jsonl.gz", "fi", 2000);
  double stories = bits_per_word("/bbc-news/bbc-news.jsonl.gz", "en", 300);
  EXPECT_GE(headlines, 8.0);
  EXPECT_LT(headlines, 9.0);
  EXPECT_LT(stories, 14.5);
  EXPECT_GT(stories, headlines);
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
  EXPECT_EQ(seq.width(), 16u);
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
  // About one term in 2^width would: it moves to 1.
  for (unsigned width : {kMinWidth, 12u, kMaxWidth}) {
    std::size_t moved = 0;
    for (std::uint64_t h = 0; h < 300000; ++h)
      for (std::uint8_t seed : {0u, 1u, kSeeds - 1}) {
        TokenHash t = token_hash(h * 0x9E3779B97F4A7C15ULL, seed, width);
        EXPECT_NE(t, kSeparator);
        EXPECT_LT(t, 1u << width);
        moved += t == 1;
      }
    EXPECT_GE(moved, 3u) << width << ": some terms hash to 1, their own or moved off the separator";
  }
}

TEST(TokenSequence, AnyBytesReadSafely) {
  struct Case {
    std::string value;
    std::size_t size, title_size;
  } cases[] = {
      {"", 0, 0},
      {std::string("\x87", 1), 0, 0},                          // no words
      {std::string("\x97\x05\x00", 3), 0, 0},                  // wider than a TokenHash
      {std::string("\xf7\x05\x00\x00", 4), 0, 0},              // far wider
      {std::string("\x87\x05\x00\x07", 4), 0, 0},              // a spare byte
      {std::string("\x87\x05\x00\x07\x00", 5), 2, 2},          // no separator: all title
      {std::string("\x87\x00\x00\x07\x00", 5), 2, 0},          // no title
      {std::string("\x8f\x05\x00\x00\x00\x00\x00", 7), 3, 1},  // two separators: the first counts
      {std::string("\x17\x05\x00", 3), 1, 1},                  // 9 bits and 7 unused
      {std::string("\x07\x05", 2), 1, 1},                      // the narrowest
  };
  for (const auto& c : cases) {
    TokenSequence seq(c.value);
    EXPECT_EQ(seq.size(), c.size) << testing::PrintToString(c.value);
    EXPECT_EQ(seq.title_size(), c.title_size) << testing::PrintToString(c.value);
  }
  std::string wide("\x89\x34\x12\xff\xfe", 5);
  TokenSequence seq(wide);
  ASSERT_EQ(seq.size(), 2u);
  EXPECT_EQ(seq.seed(), 9);
  EXPECT_EQ(seq.width(), 16u);
  EXPECT_EQ(seq[0], 0x1234);  // little-endian
  EXPECT_EQ(seq[1], 0xfeff);
  std::string narrow("\x41\x23\x01\x00\xbc\x0a", 6);  // seed 1, 12 bits: 0x123, 0, 0xabc
  TokenSequence twelve(narrow);
  ASSERT_EQ(twelve.size(), 3u);
  EXPECT_EQ(twelve.width(), 12u);
  EXPECT_EQ(twelve[0], 0x123);  // least significant bits first
  EXPECT_EQ(twelve[1], kSeparator);
  EXPECT_EQ(twelve[2], 0xabc);
  EXPECT_EQ(twelve.title_size(), 1u);
}

// Whatever width a document gets, writing and reading give back each word's hash.
TEST(TokenSequence, EveryWidthReadsBackWhatWasWritten) {
  std::set<unsigned> widths;
  for (std::size_t words : {1, 5, 20, 40, 90, 200, 400, 800, 3000}) {
    TokenSequenceWriter w;
    w.add("title");
    w.end_title();
    for (std::size_t i = 0; i < words; ++i) w.add("w" + std::to_string(i % (words / 2 + 1)));
    std::string value = w.value();
    TokenSequence seq(value);
    widths.insert(seq.width());
    ASSERT_EQ(seq.size(), words + 2) << words;
    EXPECT_EQ(seq[0], seq.code(term_hash("title")));
    EXPECT_EQ(seq[1], kSeparator);
    for (std::size_t i = 0; i < words; ++i)
      ASSERT_EQ(seq[2 + i], seq.code(term_hash("w" + std::to_string(i % (words / 2 + 1))))) << words << " " << i;
  }
  EXPECT_GE(widths.size(), 5u);
  EXPECT_EQ(*widths.begin(), kMinWidth);
  EXPECT_EQ(*widths.rbegin(), kMaxWidth);
}

}  // namespace
}  // namespace dsearch
