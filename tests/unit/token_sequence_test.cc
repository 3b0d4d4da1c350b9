// The word order the indexer stores for phrases (token_sequence.h) and the terms add_text_terms
// writes next to it, on the seed articles.
#include "dsearch/token_sequence.h"

#include <gtest/gtest.h>

#include <map>

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
  EXPECT_EQ(value.size(), 1 + 2 * seq.size());  // two bytes a word and the version byte
  EXPECT_EQ(seq.title_size(), title.size());
  for (std::size_t i = 0; i < title.size(); ++i) EXPECT_EQ(seq[i], token_hash(title[i].term)) << i;
  EXPECT_EQ(seq[title.size()], kSeparator);
  for (std::size_t i = 0; i < body.size(); ++i) EXPECT_EQ(seq[title.size() + 1 + i], token_hash(body[i].term)) << i;
}

TEST(TokenSequence, TermsKeepTheirWdfAndLoseTheirPositions) {
  Analyzer en("en");
  Xapian::Document doc;
  add_text_terms(doc, en, xinhua().title, xinhua().body);
  std::map<std::string, Xapian::termcount> expected;
  for (const auto& t : en.tokens(xinhua().title)) {
    expected[t.term] += kTitleWdf;
    expected[std::string(schema::kTitle) + t.term] += 1;
  }
  for (const auto& t : en.tokens(xinhua().body)) expected[t.term] += 1;
  std::map<std::string, Xapian::termcount> got;
  for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) {
    got[*it] = it.get_wdf();
    EXPECT_EQ(it.positionlist_count(), 0u) << *it;
  }
  EXPECT_EQ(got, expected);
  EXPECT_EQ(got.at("Senvoy"), 1u);  // "envoy's" in the title
  EXPECT_GT(got.at("envoy"), kTitleWdf);  // and in the body
}

TEST(TokenSequence, AnEmptyArticleIsJustTheSeparator) {
  Analyzer en("en");
  Xapian::Document doc;
  add_text_terms(doc, en, "", "-- ... --");
  TokenSequence seq(doc.get_value(schema::kSlotTokens));
  ASSERT_EQ(seq.size(), 1u);
  EXPECT_EQ(seq[0], kSeparator);
  EXPECT_EQ(seq.title_size(), 0u);
}

TEST(TokenSequence, NoTermHashesToTheSeparator) {
  // Find words whose XXH3 ends in sixteen zero bits (about one in 65,536): they move to 1.
  std::size_t moved = 0;
  for (int i = 0; i < 400000 && moved < 3; ++i) {
    std::string w = "w" + std::to_string(i);
    EXPECT_NE(token_hash(w), kSeparator) << w;
    if (token_hash(w) == 1) ++moved;
  }
  EXPECT_GE(moved, 3u) << "some words hash to 1: their own, or moved off the separator";
  EXPECT_NE(token_hash(""), kSeparator);
}

TEST(TokenSequence, AnyBytesReadSafely) {
  struct Case {
    std::string value;
    std::size_t size, title_size;
  } cases[] = {
      {"", 0, 0},
      {std::string("\x01", 1), 0, 0},                       // version alone: no words
      {std::string("\x02\x05\x00", 3), 0, 0},               // a later version: not ours to read
      {std::string("\x00\x05\x00", 3), 0, 0},               // no version
      {std::string("\x01\x05\x00\x07", 4), 0, 0},           // cut in the middle of a word
      {std::string("\x01\x05\x00\x07\x00", 5), 2, 2},       // no separator: all title
      {std::string("\x01\x00\x00\x07\x00", 5), 2, 0},       // no title
      {std::string("\x01\x05\x00\x00\x00\x00\x00", 7), 3, 1},  // two separators: the first counts
  };
  for (const auto& c : cases) {
    TokenSequence seq(c.value);
    EXPECT_EQ(seq.size(), c.size) << testing::PrintToString(c.value);
    EXPECT_EQ(seq.title_size(), c.title_size) << testing::PrintToString(c.value);
  }
  TokenSequence seq(std::string("\x01\x34\x12\xff\xfe", 5));
  ASSERT_EQ(seq.size(), 2u);
  EXPECT_EQ(seq[0], 0x1234);  // little-endian
  EXPECT_EQ(seq[1], 0xfeff);
}

}  // namespace
}  // namespace dsearch
