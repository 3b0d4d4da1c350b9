// Entity facets: countries (ISO codes, with mention counts and the main ones first), people and
// organizations, variants merged.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "dsearch/article.h"

namespace dsearch {

struct Entities {
  std::vector<CountryMention> countries;    // every country mentioned, most mentioned first
  std::vector<std::string> main_countries;  // the ones the article is about, most central first
  std::vector<std::string> people;          // display names: "Vladimir Putin", "Kim Jong Un"
  std::vector<std::string> orgs;            // display names: "Korean Central News Agency"
};

// `body` is boilerplate-free article text (a dateline such as "SEOUL --" or "SALVADOR, Feb 26 -"
// may open it). Thread-safe; never throws on any valid UTF-8 input.
Entities extract_entities(std::string_view title, std::string_view body, std::string_view lang);

}  // namespace dsearch
