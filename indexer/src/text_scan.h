// Small UTF-8 scanning helpers shared by the page extractor. They are deliberately simpler than the
// ICU analysis chain: boilerplate and language guessing only need cheap word counts, and they run
// over every byte of every page.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace dsearch::page_detail {

uint32_t next_codepoint_multibyte(std::string_view s, std::size_t& i);
bool is_word_char_non_ascii(uint32_t cp);

// Decodes the code point at s[i] and advances i; invalid bytes yield U+FFFD and advance by one.
// ASCII, most of every page, is decoded inline.
inline uint32_t next_codepoint(std::string_view s, std::size_t& i) {
  auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) {
    ++i;
    return c;
  }
  return next_codepoint_multibyte(s, i);
}

// Appends code point `cp` encoded as UTF-8.
void append_utf8(std::string& out, uint32_t cp);

// Letters and digits of any script count as word characters; apostrophes join nothing (so "l'homme"
// gives "l" and "homme", as the stopword lists expect).
inline bool is_word_char(uint32_t cp) {
  if (cp < 0x80) return (cp - '0') < 10u || ((cp | 32u) - 'a') < 26u;
  return is_word_char_non_ascii(cp);
}

// Lower-cases a word for stopword lookup: ASCII, Latin-1, Latin Extended-A, Greek and Cyrillic.
void lower_word(std::string_view word, std::string& out);

// Calls fn(word) for each word of `s`, in order, until fn returns false.
template <class Fn>
void for_each_word(std::string_view s, Fn&& fn) {
  std::size_t i = 0, start = std::string_view::npos;
  while (i < s.size()) {
    std::size_t at = i;
    if (is_word_char(next_codepoint(s, i))) {
      if (start == std::string_view::npos) start = at;
    } else if (start != std::string_view::npos) {
      if (!fn(s.substr(start, at - start))) return;
      start = std::string_view::npos;
    }
  }
  if (start != std::string_view::npos) fn(s.substr(start));
}

// Whitespace (ASCII and the common Unicode spaces) trimmed from both ends.
std::string_view trim(std::string_view s);

// ASCII case-insensitive prefix test; `prefix` must be lower case.
bool starts_with_ci(std::string_view s, std::string_view prefix);

// Number of code points.
std::size_t count_chars(std::string_view s);

}  // namespace dsearch::page_detail
