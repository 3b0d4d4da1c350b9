// The word order the indexer stores for phrases (token_sequence.h) and the terms add_text_terms
// writes next to it, on the seed articles.
#include "dsearch/token_sequence.h"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <tuple>

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

// The names' words the text lacks get kNameWord terms, and only those: none for the seed's
// people, three for a well-known organization named by its acronym: not "countries", which the
// seed has, nor "of" and "the", which English articles hold no term for.
TEST(DocumentTerms, NameWordsTheTextLacksGetTermsOfTheirOwn) {
  Analyzer en("en");
  Xapian::Document doc;
  add_text_terms(doc, en, xinhua().title, xinhua().body + "\nOPEC said nothing.");
  add_name_words(doc, en, {"Vladimir Putin", "Kim Jong Un", "Choe Ryong Hae", "KCNA",
                           "Organization of the Petroleum Exporting Countries"});
  std::vector<std::string> added;
  for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it)
    if ((*it).rfind(schema::kNameWord, 0) == 0) added.push_back(*it);
  EXPECT_EQ(added, (std::vector<std::string>{"XNexporting", "XNorganization", "XNpetroleum"}));
}

TEST(TokenSequence, HoldsOneSlotPerWordTitleFirst) {
  Analyzer en("en");
  Xapian::Document doc;
  add_text_terms(doc, en, xinhua().title, xinhua().body);
  std::string value = doc.get_value(schema::kSlotTokens);
  TokenSequence seq(value);
  auto title = en.tokens(xinhua().title);
  auto body = en.tokens(xinhua().body);
  ASSERT_GT(body.size(), 300u);
  ASSERT_EQ(seq.size(), title.size() + 1 + body.size());
  EXPECT_EQ(seq.title_size(), title.size());
  auto slot = [&](const Token& t) { return seq.slot(word_key(t.term)); };
  for (std::size_t i = 0; i < title.size(); ++i) EXPECT_EQ(seq[i], slot(title[i])) << i;
  EXPECT_EQ(seq[title.size()], kSeparator);
  for (std::size_t i = 0; i < body.size(); ++i) EXPECT_EQ(seq[title.size() + 1 + i], slot(body[i])) << i;
  // About 200 distinct words: 8 bits a position, or 9 when they fill too many of 8 bits' slots.
  std::set<std::string> distinct;
  for (const auto& t : title) distinct.insert(t.term);
  for (const auto& t : body) distinct.insert(t.term);
  unsigned fewest = 1;
  while ((1u << fewest) < distinct.size() + 1) ++fewest;
  EXPECT_GE(seq.width(), fewest);
  EXPECT_LE(seq.width(), fewest + 1);
  EXPECT_LT(value.size(), (seq.width() * seq.size() + 7) / 8 + 120) << "the stopwords and displacements";
}

// Distinct words of the document that share their slot with another word: a perfect hash has none.
std::size_t shared_slots(Analyzer& a, std::string_view title, std::string_view body) {
  Xapian::Document doc;
  add_text_terms(doc, a, title, body);
  std::string value = doc.get_value(schema::kSlotTokens);
  TokenSequence seq(value);
  std::map<WordSlot, std::set<std::string>> words;
  for (std::string_view text : {title, body})
    for (const auto& t : a.tokens(text)) words[seq.slot(word_key(t.term))].insert(t.term);
  std::size_t shared = 0;
  for (const auto& [s, ws] : words) shared += ws.size() - 1 + (s == kSeparator || s == kNoSlot);
  return shared;
}

TEST(TokenSequence, EachWordOfAnArticleHasItsOwnSlot) {
  Analyzer en("en"), de("de");
  auto dw = seed_article(test::kDw, "North Korea envoy to Russia");
  EXPECT_EQ(shared_slots(en, xinhua().title, xinhua().body), 0u);
  EXPECT_EQ(shared_slots(en, dw.title, dw.body), 0u);
  EXPECT_EQ(shared_slots(de, "Der Sondergesandte in Moskau", "Er traf in Moskau den Minister und die Presse."), 0u);
}

// Bits a word position takes, over the first `limit` articles of a corpus, each of whose distinct
// words must have its own slot.
double bits_per_word(const std::string& file, const char* lang, std::size_t limit) {
  Analyzer a(lang);
  std::size_t bytes = 0, words = 0;
  test::for_each_json_line(test::corpora_dir() + file, [&](const nlohmann::json& j) {
    std::string title = j["title"].is_string() ? j["title"].get<std::string>() : "";
    std::string body = j["body"].get<std::string>();
    EXPECT_EQ(shared_slots(a, title, body), 0u) << j["id"];
    Xapian::Document doc;
    add_text_terms(doc, a, title, body);
    std::string value = doc.get_value(schema::kSlotTokens);
    bytes += value.size();
    words += TokenSequence(value).size();
  }, limit);
  return words ? 8.0 * static_cast<double>(bytes) / static_cast<double>(words) : 0;
}

// Everything the value holds, over its positions: a slot number takes about log2 of the distinct
// words. One hash a word, distinct within the document, took 8.5 bits a position of fi-news's
// headlines and 13 of a BBC story (schema 10); now about 7.6 and 10.1.
TEST(TokenSequence, NewsTakesFewerBitsAWordTheShorterItIs) {
  if (test::corpora_dir().empty()) GTEST_SKIP() << "shared corpora absent";
  double headlines = bits_per_word("/fi-news/fi-news.jsonl.gz", "fi", 2000);
  double stories = bits_per_word("/bbc-news/bbc-news.jsonl.gz", "en", 300);
  std::printf("bits a position: headlines %.2f, stories %.2f\n", headlines, stories);
  EXPECT_LT(headlines, 8.0);
  EXPECT_LT(stories, 11.0);
  EXPECT_GT(stories, headlines);
}

TEST(TokenSequence, AVeryLongArticleStillReadsBack) {
  Analyzer plain("");
  std::string body;
  for (int i = 0; i < 5000; ++i) body.append("w").append(std::to_string(i)).append(" ");
  Xapian::Document doc;
  add_text_terms(doc, plain, "t", body);
  std::string value = doc.get_value(schema::kSlotTokens);
  TokenSequence seq(value);
  ASSERT_EQ(seq.size(), 5002u);
  EXPECT_EQ(seq.title_size(), 1u);
  EXPECT_GE(seq.width(), 13u);
  EXPECT_LE(seq.width(), 14u);
  EXPECT_EQ(seq[5001], seq.slot(word_key("w4999")));
  EXPECT_EQ(shared_slots(plain, "t", body), 0u);
}

// find() reads several packed positions at a time: on stories and headlines of every width it
// must stop exactly where a scan of each position would, for every word of the article, from
// anywhere in it.
TEST(TokenSequence, FindStopsWhereAScanOfEachPositionWould) {
  if (test::corpora_dir().empty()) GTEST_SKIP() << "shared corpora absent";
  std::set<unsigned> widths;
  std::size_t finds = 0;
  for (auto [file, lang, limit] : {std::tuple{"/bbc-news/bbc-news.jsonl.gz", "en", 200},
                                   std::tuple{"/fi-news/fi-news.jsonl.gz", "fi", 500}}) {
    Analyzer a(lang);
    test::for_each_json_line(test::corpora_dir() + file, [&](const nlohmann::json& j) {
      Xapian::Document doc;
      add_text_terms(doc, a, j["title"].is_string() ? j["title"].get<std::string>() : "", j["body"].get<std::string>());
      std::string value = doc.get_value(schema::kSlotTokens);
      TokenSequence seq(value);
      widths.insert(seq.width());
      std::set<WordSlot> slots{kSeparator, WordSlot{1} << (seq.width() - 1)};
      for (std::size_t i = 0; i < seq.size(); ++i) slots.insert(seq[i]);
      for (WordSlot s : slots)
        for (std::size_t from : {std::size_t{0}, seq.size() / 3, seq.size() - 1}) {
          std::size_t scan = from;
          while (scan < seq.size() && seq[scan] != s) ++scan;
          ASSERT_EQ(seq.find(s, from), scan) << j["id"] << " slot " << s << " from " << from;
          std::size_t end = (from + seq.size()) / 2;
          ASSERT_EQ(seq.find(s, from, end), std::min(scan, end)) << j["id"];
          ++finds;
        }
    }, limit);
  }
  EXPECT_GE(widths.size(), 4u) << "stories and headlines take several widths";
  EXPECT_GT(finds, 50000u);
}

// English stopwords have no postings in English articles, so the word order lists which of them a
// document holds: one it lacks has no slot, in any language's article.
TEST(TokenSequence, StopwordsAreListedExactly) {
  EXPECT_GE(stop_number(term_hash("the")), 0);
  EXPECT_GE(stop_number(term_hash("in")), 0);
  EXPECT_EQ(stop_number(term_hash("envoy")), -1);
  Analyzer en("en"), de("de");
  for (Analyzer* a : {&en, &de}) {
    Xapian::Document doc;
    add_text_terms(doc, *a, "", "the envoy in Moskau");
    std::string value = doc.get_value(schema::kSlotTokens);
    TokenSequence seq(value);
    EXPECT_NE(seq.slot(word_key("the")), kNoSlot) << a->lang();
    EXPECT_NE(seq.slot(word_key("in")), kNoSlot) << a->lang();
    EXPECT_EQ(seq.slot(word_key("of")), kNoSlot) << a->lang();
    EXPECT_EQ(seq.slot(word_key("and")), kNoSlot) << a->lang();
    EXPECT_NE(seq.slot(word_key("zebra")), kNoSlot) << "a hashed word always lands somewhere";
  }
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

TEST(TokenSequence, AnyBytesReadSafely) {
  struct Case {
    std::string value;
    std::size_t size, title_size;
  } cases[] = {
      {"", 0, 0},
      {std::string("\x00", 1), 0, 0},                      // no counts
      {std::string("\x00\x00\x00", 3), 0, 0},              // no positions
      {std::string("\x00\x00\x00\x00", 4), 1, 0},          // eight 1-bit separators: one, then padding
      {std::string("\x00\x00\x7f", 3), 0, 0},              // more stopwords than the table has
      {std::string("\x00\x00\x01", 3), 0, 0},              // a stopword whose number is missing
      {std::string("\x00\x00\x01\xff\xff\xff\xff\xff\xff", 9), 0, 0},  // a number past the table
      {std::string("\x08\x00\x01\x15\x01", 5), 3, 1},      // stopword 5, then 1, 0, 1
      {std::string("\x00\x7f\x00\x00", 4), 0, 0},          // more words than 1 bit can number
      {std::string("\x18\x0c\x00\x00", 4), 0, 0},          // more displacements than bytes
      {std::string("\x18\x02\x00\x53\x60", 5), 3, 1},      // displacement 3, then 5, 0, 6
      {std::string("\x18\x02\x00\x53\x00\x06", 6), 4, 1},  // 5, 0, 0, 6: the first separator counts
      {std::string("\x18\x02\x00\x53\x06", 5), 3, 2},      // 5, 6, 0: the zero is the separator
      {std::string("\xf0\x00\x00\x78\x56\x34\x12", 7), 1, 1},  // 31 bits
      {std::string("\xf8\x00\x00\x78\x56\x34\x12", 7), 0, 0},  // 32 bits: kNoSlot would be a slot
      {std::string("\x78\x00\x00\x78\x56\x34", 6), 0, 0},      // 16 bits and a spare byte
  };
  for (const auto& c : cases) {
    TokenSequence seq(c.value);
    EXPECT_EQ(seq.size(), c.size) << testing::PrintToString(c.value);
    EXPECT_EQ(seq.title_size(), c.title_size) << testing::PrintToString(c.value);
  }
  TokenSequence four(std::string("\x18\x02\x00\x53\x60", 5));
  ASSERT_EQ(four.size(), 3u);
  EXPECT_EQ(four.width(), 4u);
  EXPECT_EQ(four[0], 5u);  // least significant bits first
  EXPECT_EQ(four[1], kSeparator);
  EXPECT_EQ(four[2], 6u);
  TokenSequence stop(std::string("\x08\x00\x01\x15\x01", 5));
  ASSERT_EQ(stop.size(), 3u);
  EXPECT_EQ(stop[0], 1u);
  EXPECT_EQ(stop.slot(WordKey{0, 5}), 1u);
  EXPECT_EQ(stop.slot(WordKey{0, 4}), kNoSlot);
  TokenSequence wide(std::string("\xf0\x00\x00\x78\x56\x34\x12", 7));
  ASSERT_EQ(wide.size(), 1u);
  EXPECT_EQ(wide.width(), 31u);
  EXPECT_EQ(wide[0], 0x12345678u);
}

// Whatever width a document gets, writing and reading give back each word's slot, and no two
// words share one.
TEST(TokenSequence, EveryWidthReadsBackWhatWasWritten) {
  std::set<unsigned> widths;
  for (std::size_t words : {1, 5, 20, 40, 90, 200, 400, 800, 3000, 20000}) {
    TokenSequenceWriter w;
    w.add("title");
    w.end_title();
    auto word = [&](std::size_t i) { return std::string("w").append(std::to_string(i % (words / 2 + 1))); };
    for (std::size_t i = 0; i < words; ++i) w.add(i % 7 == 3 ? "the" : word(i));
    std::string value = w.value();
    TokenSequence seq(value);
    widths.insert(seq.width());
    ASSERT_EQ(seq.size(), words + 2) << words;
    EXPECT_EQ(seq[0], seq.slot(word_key("title")));
    EXPECT_EQ(seq[1], kSeparator);
    std::map<WordSlot, std::string> owner{{kSeparator, ""}};
    for (std::size_t i = 0; i < words; ++i) {
      std::string t = i % 7 == 3 ? "the" : word(i);
      ASSERT_EQ(seq[2 + i], seq.slot(word_key(t))) << words << " " << i;
      auto [it, fresh] = owner.emplace(seq[2 + i], t);
      ASSERT_EQ(it->second, t) << words << ": a slot of two words";
    }
  }
  EXPECT_GE(widths.size(), 8u);
  EXPECT_LE(*widths.begin(), 2u);
  EXPECT_GE(*widths.rbegin(), 14u);
}

}  // namespace
}  // namespace dsearch
