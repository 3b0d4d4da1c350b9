// People and organizations by heuristics (no model): capitalised word sequences classified by
// the words around and inside them, acronyms defined in the text, and well-known organizations.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "entities_countries.h"

namespace dsearch::entities {

struct NameResult {
  std::vector<std::string> people;  // display names, most mentioned first
  std::vector<std::string> orgs;
};

// `title` and `body` must have been through find_countries (their place words are marked). The
// cues and given names are English; `lang`, the article's language, adds its stopwords as words no
// name starts with.
NameResult find_names(const TextWords& title, const TextWords& body, std::string_view lang = "en");

}  // namespace dsearch::entities
