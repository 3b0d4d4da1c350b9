// From page text to article parts: boilerplate removal and metadata detection.
//
// Page text is what a scraper saved from a news page: one block a line, the article surrounded by
// menus, "Skip to content", language links, "Related stories", "Most Popular", image credits and
// share lines (see corpus/). The same extraction runs on every body, JSON Lines included, and must
// leave clean article text (Reuters, BBC) alone.
#pragma once

#include <string>
#include <string_view>

namespace dsearch {

// Fields already known from the input (JSON Lines); empty when unknown. A known field wins over
// what detection finds.
struct PageHints {
  std::string title;
  std::string date;    // YYYY-MM-DD
  std::string source;
  std::string lang;    // ISO 639-1
};

struct Page {
  std::string title;   // the headline
  std::string date;    // YYYY-MM-DD, or empty
  std::string source;  // the publisher ("Xinhua", "DW"), or empty
  std::string lang;    // ISO 639-1 (detected when not hinted), or empty when unknown
  std::string body;    // the article text: paragraphs separated by "\n\n", boilerplate removed
};

// `text` must be valid UTF-8 (see decode.h). Never throws on any input.
Page extract_page(std::string_view text, const PageHints& hints = {});

// Guesses the ISO 639-1 language of `text` from stopword density over the stopwords/ lists and
// script (CJK, Cyrillic, ...); empty when it cannot tell.
std::string detect_language(std::string_view text);

}  // namespace dsearch
