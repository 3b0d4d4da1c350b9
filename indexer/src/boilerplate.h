// Boilerplate removal on page text, after jusText (Pomikálek, "Removing Boilerplate and Duplicate
// Content from Web Corpora", 2011) adapted from HTML blocks to text lines: each line is classified
// by length, stopword density and wording, short lines take the class of their context, and the
// page is cut after the heading of the first block that follows the article ("Related stories").
// A learned stage (line_model.h) then decides each line from those classes and more features;
// lines the recognisers name as template (credits, datelines, "Share", captions) stay out.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "boilerplate_phrases.h"

namespace dsearch::page_detail {

enum class Kind : uint8_t { kBad, kShort, kNearGood, kGood };

struct Line {
  std::string_view text;  // trimmed, never empty
  uint32_t length = 0;    // code points; Han, Kana and Hangul count three (one is about a word)
  uint32_t words = 0;
  uint32_t stops = 0;
  bool blank_before = false;  // an empty line precedes it in the input
  bool indented = false;      // starts with a tab or 2+ spaces: a paragraph start in wire copy
  bool sentence_end = false;  // ends like a sentence (. ! ? 。 with optional closing quote)
  bool has_digit = false;
  bool date_line = false;     // a short line holding a date: "(Xinhua) Updated: 2014-11-17 16:10"
  bool credit = false;        // "ksb/mkg (AFP, AP)"
  bool nav_list = false;      // "Home | News | Sport"
  bool repeated = false;      // the same short line occurs elsewhere in the page ("Latest News")
  Phrase phrase = Phrase::kNone;
  Kind initial = Kind::kBad;  // from the line alone
  Kind kind = Kind::kBad;     // after context
  bool rescued = false;       // bad alone, but a sentence inside the article
  bool keep = false;
  bool heuristic_keep = false;  // what the jusText stage alone kept; metadata is read around it
};

// A line the recognisers name as template by its wording or form: "Share this", a credit, a
// separator list, a dateline.
inline bool named_template(const Line& l) {
  return l.phrase != Phrase::kNone || l.credit || l.nav_list || l.date_line;
}

// The non-empty lines of `text` with their features. `stop_bit` selects the stopword list(s) of
// the page language (see stopword_index.h); 0 when the language has none.
std::vector<Line> scan_lines(std::string_view text, uint32_t stop_bit);

// True for text without any template signal (Reuters, BBC, already extracted bodies): it is kept
// whole.
bool looks_clean(const std::vector<Line>& lines);

// Sets `keep` on the lines of the article (and `heuristic_keep`, the jusText stage's decision).
void select_content(std::vector<Line>& lines, bool have_stopwords);

}  // namespace dsearch::page_detail
