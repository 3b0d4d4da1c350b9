// Every place name the extractor knows (common/data/countries.tsv, cities.tsv, weak_names.tsv),
// with the institutions and currencies that point to a country (institutions.tsv, currencies.tsv),
// keyed by folded words so that a text is matched with one hash lookup per word and length.
#pragma once

#include <string>
#include <vector>

#include "dsearch/word_set.h"
#include "entity_text.h"

namespace dsearch::entities {

// kState: states and provinces ("Texas", "Ontario"). kTown: smaller towns, and lesser
// subdivisions trusted in datelines only (kRegion). kInstitution: "Bundesbank", "Wall Street".
// kCurrency: "yen", "marks", trusted after an amount only.
enum class PlaceKind : uint8_t { kCountry, kDemonym, kCity, kState, kTown, kRegion, kInstitution, kCurrency, kNone };

// Why a name needs other evidence: kWord ("china") is trusted when capitalised mid-sentence,
// kName (a given name) and kFalseFriend ("Jordan", "Georgia") only with other evidence.
enum class Weakness : uint8_t { kNone, kWord, kName, kFalseFriend };

struct Place {
  std::vector<std::string> codes;  // one code, or the candidates of an ambiguous name, default first
  PlaceKind kind = PlaceKind::kCountry;
  Weakness weak = Weakness::kNone;
  bool acronym = false;  // "US", "U.S.", "DPRK": must be written in capitals
};

struct PlaceMatch {
  const Place* place = nullptr;
  size_t length = 0;  // words covered
};

class PlaceLexicon {
 public:
  static const PlaceLexicon& instance();

  // The longest place name starting at words[i], if any. Towns are left to datelines.
  PlaceMatch match(const std::vector<Word>& words, size_t i) const;

  // Whether `key` (one folded word) is a place name on its own.
  bool is_place_word(std::string_view key) const { return names_.contains(key); }

 private:
  PlaceLexicon();
  void add(std::string_view name, Place place);

  WordMap<Place> names_;
  WordSet prefixes_;  // the first words of the names of more than one word ("new", "new south")
  size_t max_words_ = 1;
};

}  // namespace dsearch::entities
