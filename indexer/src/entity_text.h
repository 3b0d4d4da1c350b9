// The word stream that entity extraction scans: words with their case shape and the punctuation
// before them, in one linear pass with no regular expressions (input may be 50 MB long).
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "dsearch/word_set.h"

namespace dsearch::entities {

enum class Shape : uint8_t {
  kLower,    // "us", "china"
  kCapital,  // "China", "McDonald", "Jong-un" part "Jong"
  kUpper,    // "US", "DPRK", "U.S." (two or more letters, all uppercase)
  kOther,    // digits, single capital letters, scripts without case
};

struct Word {
  uint32_t begin = 0, end = 0;  // bytes of the word in the text, possessive "'s" excluded
  std::string key;              // lowercase, accents stripped, dots and apostrophes removed
  Shape shape = Shape::kOther;
  bool sentence_start = false;  // first word of the text, a paragraph or a sentence
  bool paragraph_start = false;
  bool joined = false;          // only spaces or a hyphen since the previous word (names may span)
  bool hyphen_before = false;
  bool comma_before = false;
  bool paren_before = false;    // "(" right before: "(KCNA)"
  bool paren_after = false;     // ")" right after
  bool possessive = false;      // "Korea's", "Workers'"
  bool caps_line = false;       // in a line written in capitals, where case tells nothing
  uint32_t paragraph = 0;       // 0-based paragraph number (blank lines separate paragraphs)
};

// Splits `text` (valid UTF-8) into words.
std::vector<Word> scan_words(std::string_view text);

// The folded key of a single word or phrase as scan_words would build it ("São Tomé" -> "sao tome").
std::string phrase_key(std::string_view phrase);

// "KIM JONG UN" -> "Kim Jong Un", for names only seen in capitals.
std::string title_case(std::string_view s);

// Whether `key` is one of `words`: the recognisers' short fixed word lists.
template <std::size_t N>
bool one_of(std::string_view key, const char* const (&words)[N]) {
  return std::any_of(std::begin(words), std::end(words), [&](const char* w) { return key == w; });
}

// Adds to `prefixes` the proper word prefixes of a multi-word key: "new", "new south" of
// "new south wales".
void add_key_prefixes(WordSet& prefixes, const std::string& key);

// The keys of the runs of joined words from words[i] on, of two words and more, while `prefixes`
// (add_key_prefixes of a lexicon's names) says a longer name may still start with the run:
// fn(key, words in the run). A lexicon's longest match is the last run it knows.
template <class Fn>
void for_each_longer_key(const std::vector<Word>& words, size_t i, size_t max_words, const WordSet& prefixes, Fn&& fn) {
  if (!prefixes.contains(words[i].key)) return;
  std::string key = words[i].key;
  for (size_t j = i + 1; j < words.size() && j - i < max_words; ++j) {
    if (!words[j].joined || words[j].key.empty()) return;
    key += ' ';
    key += words[j].key;
    fn(key, j - i + 1);
    if (!prefixes.contains(key)) return;
  }
}

// `s` with runs of whitespace collapsed to one space.
std::string squeeze_spaces(std::string_view s);
// The spacing squeeze_spaces() squeezes: space, tab, line breaks, form feed.
inline bool is_ascii_space(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

}  // namespace dsearch::entities
