// Country mentions of one article: names, demonyms, capitals and cities, and the dateline,
// resolved to ISO codes, counted, and scored for what the article is about.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "dsearch/article.h"
#include "entity_text.h"

namespace dsearch::entities {

struct TextWords {
  std::string_view text;
  std::vector<Word> words;
  std::vector<bool> is_place;  // per word: part of a place name (people's names cannot contain one)
  bool is_title = false;
};

struct CountryResult {
  std::vector<CountryMention> countries;  // most mentioned first
  std::vector<std::string> main;          // most central first
};

// Finds the countries of `title` and `body`, and marks their place words.
CountryResult find_countries(TextWords& title, TextWords& body);

// The number of leading body words that form a dateline ("SEOUL --", "SALVADOR, Feb 26 -"), or 0.
size_t dateline_words(const TextWords& body);

}  // namespace dsearch::entities
