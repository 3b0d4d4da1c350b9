#include "place_lexicon.h"

#include <algorithm>
#include <unordered_map>

#include "tsv_rows.h"

namespace dsearch::entities {
namespace {

std::vector<std::string> split_codes(std::string_view s) {
  std::vector<std::string> out;
  for (size_t p = 0; p <= s.size();) {
    auto c = s.find(',', p);
    if (c == std::string_view::npos) c = s.size();
    out.emplace_back(s.substr(p, c - p));
    p = c + 1;
  }
  return out;
}

bool written_in_capitals(std::string_view name) {
  for (char c : name)
    if (!(c >= 'A' && c <= 'Z') && c != '.') return false;
  return true;
}

}  // namespace

const PlaceLexicon& PlaceLexicon::instance() {
  static const PlaceLexicon lexicon;
  return lexicon;
}

PlaceLexicon::PlaceLexicon() {
  std::unordered_map<std::string, Weakness> weak;
  for_each_tsv_row("weak_names.tsv", [&](const auto& f) {
    if (f.size() < 2) return;
    weak[phrase_key(f[0])] = f[1] == "word" ? Weakness::kWord : f[1] == "name" ? Weakness::kName : Weakness::kFalseFriend;
  });
  auto weakness = [&](const std::string& key) {
    auto it = weak.find(key);
    return it == weak.end() ? Weakness::kNone : it->second;
  };
  // Ambiguous names first, so that "Georgia" (GE or the US state) is not read as its label alone.
  auto country_row = [&](const auto& f, bool ambiguous) {
    if (f.size() < 3 || (f[1] == "ambiguous") != ambiguous) return;
    Place p;
    p.codes = split_codes(f[0]);
    p.kind = f[1] == "none" ? PlaceKind::kNone : f[1] == "demonym" ? PlaceKind::kDemonym : PlaceKind::kCountry;
    if (p.kind == PlaceKind::kNone) p.codes.clear();
    p.acronym = written_in_capitals(f[2]);
    p.weak = weakness(phrase_key(f[2]));
    // "Americans", "Soviets", "Israelis", "Filipinos": the people, as the demonym plus "s".
    char last = f[2].back();
    if (p.kind == PlaceKind::kDemonym && p.codes.size() == 1 &&
        (last == 'n' || last == 'i' || last == 't' || last == 'o' || last == 'k'))
      add(std::string(f[2]) + "s", p);
    add(f[2], std::move(p));
  };
  for_each_tsv_row("countries.tsv", [&](const auto& f) { country_row(f, true); });
  for_each_tsv_row("countries.tsv", [&](const auto& f) { country_row(f, false); });
  for_each_tsv_row("cities.tsv", [&](const auto& f) {
    if (f.size() < 3) return;
    Place p;
    p.codes = {std::string(f[0])};
    p.kind = f[1] == "town" ? PlaceKind::kTown : f[1] == "region" ? PlaceKind::kRegion
           : f[1] == "state" ? PlaceKind::kState : PlaceKind::kCity;
    p.weak = weakness(phrase_key(f[2]));
    add(f[2], std::move(p));
  });
  for_each_tsv_row("institutions.tsv", [&](const auto& f) {
    if (f.size() < 2) return;
    Place p;
    p.kind = f[0] == "-" ? PlaceKind::kNone : PlaceKind::kInstitution;
    if (p.kind != PlaceKind::kNone) p.codes = {std::string(f[0])};
    p.acronym = written_in_capitals(f[1]);
    add(f[1], std::move(p));
  });
  for_each_tsv_row("currencies.tsv", [&](const auto& f) {
    if (f.size() < 3) return;
    Place p;
    p.codes = {std::string(f[0])};
    p.kind = PlaceKind::kCurrency;
    add(f[2], p);
    if (f[2].back() != 's') add(std::string(f[2]) + "s", std::move(p));  // "marks", "guilders"
  });
}

void PlaceLexicon::add(std::string_view name, Place place) {
  std::string key = phrase_key(name);
  if (key.empty()) return;
  auto it = names_.find(key);
  // Countries were added first and win over a city of the same name.
  if (it != names_.end()) {
    if (it->second.acronym && !place.acronym && it->second.codes == place.codes) it->second.acronym = false;
    return;
  }
  size_t words = 1 + static_cast<size_t>(std::count(key.begin(), key.end(), ' '));
  max_words_ = std::max(max_words_, words);
  add_key_prefixes(prefixes_, key);
  names_.emplace(std::move(key), std::move(place));
}

PlaceMatch PlaceLexicon::match(const std::vector<Word>& words, size_t i) const {
  PlaceMatch best;
  if (words[i].key.empty()) return best;
  if (auto it = names_.find(words[i].key); it != names_.end()) best = {&it->second, 1};
  for_each_longer_key(words, i, max_words_, prefixes_, [&](const std::string& key, size_t n) {
    if (auto it = names_.find(key); it != names_.end()) best = {&it->second, n};
  });
  return best;
}

}  // namespace dsearch::entities
