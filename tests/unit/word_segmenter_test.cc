// The hand-made ASCII segmentation must find exactly the words ICU finds, or the index, the
// queries and the snippets of an index built before it would disagree.
#include "dsearch/word_segmenter.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "test_data.h"

namespace dsearch {
namespace {

using Spans = std::vector<std::pair<std::uint32_t, std::uint32_t>>;

Spans fast(WordSegmenter& s, std::string_view text) {
  Spans out;
  s.words(text, [&](std::uint32_t b, std::uint32_t e) { out.emplace_back(b, e); });
  return out;
}

Spans icu(WordSegmenter& s, std::string_view text) {
  Spans out;
  s.icu_words(text, [&](std::uint32_t b, std::uint32_t e) { out.emplace_back(b, e); });
  return out;
}

// The first word where the two differ, with its surroundings, for the failure message.
std::string first_difference(std::string_view text, const Spans& a, const Spans& b) {
  std::size_t i = 0;
  while (i < a.size() && i < b.size() && a[i] == b[i]) ++i;
  std::size_t at = i < a.size() ? a[i].first : i < b.size() ? b[i].first : text.size();
  std::size_t from = at > 40 ? at - 40 : 0;
  auto word = [&](const Spans& s) { return i < s.size() ? std::string(text.substr(s[i].first, s[i].second - s[i].first)) : "(end)"; };
  return "fast '" + word(a) + "' vs ICU '" + word(b) + "' in: ..." + std::string(text.substr(from, 80)) + "...";
}

struct Table {
  const char* what;
  std::vector<std::string> texts;
};

TEST(WordSegmenter, SameWordsAsIcuOnHandPickedCases) {
  const char* cases[] = {
      "don't stop", "U.S. and U.K.", "3.5 per cent, 1,000,000 dlrs; 1;2 1'000", "a.b.c a..b a'.b .a. 'a'",
      "e-mail co-op -x x-", "http://example.com/a_b?c=d", "snake_case __init__ _x", "A4 4A a4b 4a4",
      "end.\nNext line\r\nand\ttab\vvt\ffeed", "12:30 a:b", "x.1 1.x 1.. ..1", "\"quoted\" (paren) [b] {c}",
      "mid\x01" "control\x7f" "del", "naïve café — “quotes” don’t", "Ärger über 3,5 % Öl", "Хорошо, 2024 г.",
      "日本語のテキスト", "", " ", "a", ".", "''", "1,", ",1", "a'", "'a",
      "Hyvää päivää, Ääneküla öljy", "Łódź Kraków Žižkov Dvořák ǅ ǀ", "ä.ö ä'ö 1ä ä1 ä.1 1.ä", "2×3 a×b ä÷ö",
      "ä:ö ä_ö ä@ö", "é\u0301e", "naïve\u00ADly", "ä\u00A0ö", "ȳ ɏ ɐ ɯ ʀ Ā"};
  WordSegmenter s;
  for (const char* c : cases) {
    auto a = fast(s, c), b = icu(s, c);
    EXPECT_EQ(a, b) << first_difference(c, a, b);
  }
}

// Every title and body of the corpora, English, German and Finnish news and scraped pages.
TEST(WordSegmenter, SameWordsAsIcuOnTheCorpora) {
  if (test::corpora_dir().empty()) GTEST_SKIP() << "no shared corpora";
  const std::pair<const char*, std::size_t> files[] = {
      {"reuters21578/reuters21578.jsonl.gz", 0},   {"bbc-news/bbc-news.jsonl.gz", 0},
      {"gnad10k-test/gnad10k-test.jsonl.gz", 0},   {"fi-news/fi-news.jsonl.gz", 20000},
      {"trafilatura-eval/trafilatura-eval.jsonl.gz", 0}, {"readability-test-pages/readability-test-pages.jsonl.gz", 0}};
  WordSegmenter s;
  for (const auto& [file, limit] : files) {
    std::size_t texts = 0, words = 0, failures = 0;
    test::for_each_json_line(test::corpora_dir() + "/" + file, [&](const nlohmann::json& j) {
      for (const char* key : {"title", "body"}) {
        if (!j.contains(key) || !j[key].is_string()) continue;
        std::string text = j[key];
        auto a = fast(s, text), b = icu(s, text);
        ++texts;
        words += b.size();
        if (a != b && ++failures <= 3) ADD_FAILURE() << file << ": " << first_difference(text, a, b);
      }
    }, limit);
    EXPECT_GT(words, 10000u) << file;
    EXPECT_EQ(failures, 0u) << file << ": " << failures << " of " << texts << " texts differ";
  }
}

// Random text over an alphabet of what the hand-made rules treat (ASCII letters, digits, marks that
// join, accented Latin letters) and what they must leave to ICU next to them (the two signs amid
// the Latin letters, the characters just outside their range, a combining accent, a soft hyphen, a
// no-break space, a curly apostrophe, Cyrillic, Japanese).
TEST(WordSegmenter, SameWordsAsIcuOnRandomText) {
  const std::vector<std::string> alphabet = {
      "a", "Z", "0", "9", " ", "\n", ".", "'", ",", ";", "-", ":", "_", "@", "\"",
      "ä", "Ö", "ß", "ÿ", "À", "Ā", "ž", "ɏ", "×", "÷", "ɐ", "ɿ", "ʀ", "¿", "ª",
      "\u0301", "\u00AD", "\u00A0", "\u2019", "ж", "日", "カ"};
  std::mt19937 rng(29);
  WordSegmenter s;
  std::size_t failures = 0, words = 0;
  for (int n = 0; n < 20000; ++n) {
    std::string text;
    for (int len = std::uniform_int_distribution<int>(1, 24)(rng); len > 0; --len)
      text += alphabet[std::uniform_int_distribution<std::size_t>(0, alphabet.size() - 1)(rng)];
    auto a = fast(s, text), b = icu(s, text);
    words += b.size();
    if (a != b && ++failures <= 5) ADD_FAILURE() << first_difference(text, a, b);
  }
  EXPECT_GT(words, 20000u);
  EXPECT_EQ(failures, 0u);
}

}  // namespace
}  // namespace dsearch
