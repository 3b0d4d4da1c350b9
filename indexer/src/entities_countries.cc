#include "entities_countries.h"

#include <algorithm>
#include <map>

#include "name_lexicon.h"
#include "place_lexicon.h"

namespace dsearch::entities {
namespace {

// How much one mention says about what the article is about. The title, the dateline and the
// lead paragraph name the subject; later paragraphs name context. Demonyms and cities say less
// than the country's own name ("Russian President Vladimir Putin" in a story about Korea).
constexpr double kTitleWeight = 3.0, kDatelineWeight = 5.0, kLeadWeight = 2.0, kSecondWeight = 1.5,
                 kBodyWeight = 1.0;
constexpr double kDemonymFactor = 0.7, kCityFactor = 0.8;
// A country is a main one when it scores at least this share of the top country.
constexpr double kMainShare = 0.4;

struct Mention {
  const Place* place;
  double weight;
  bool strong;  // counts on its own; a weak one needs a strong mention of the same country
};

double position_weight(const TextWords& t, const Word& w) {
  if (t.is_title) return kTitleWeight;
  return w.paragraph == 0 ? kLeadWeight : w.paragraph == 1 ? kSecondWeight : kBodyWeight;
}

double kind_factor(const Place& p) {
  return p.kind == PlaceKind::kDemonym ? kDemonymFactor
       : p.kind == PlaceKind::kCity || p.kind == PlaceKind::kTown ? kCityFactor : 1.0;
}

// Whether a match is written the way a place name is: capitalised in mixed-case text, and
// acronyms ("US") in capitals. In all-caps lines case tells nothing.
bool well_written(const Word& w, const Place& p) {
  if (w.caps_line) return true;
  if (p.acronym) return w.shape == Shape::kUpper;
  return w.shape == Shape::kCapital || w.shape == Shape::kUpper;
}

bool is_strong(const Word& w, const Place& p) {
  switch (p.weak) {
    case Weakness::kNone: return true;
    case Weakness::kWord:  // "China", "Polish": the word's sense is rare in news, the city's is not
      return p.kind == PlaceKind::kCountry || p.kind == PlaceKind::kDemonym || (!w.caps_line && !w.sentence_start);
    default: return false;
  }
}

// "Michael Jordan", "President Washington": a given name or a title right before makes the
// word part of a person's name.
bool after_person_cue(const std::vector<Word>& words, size_t i) {
  if (i == 0 || !words[i].joined) return false;
  const Word& prev = words[i - 1];
  if (prev.shape == Shape::kLower || prev.caps_line) return false;
  const NameLexicon& names = NameLexicon::instance();
  return (names.is_given_name(prev) && !PlaceLexicon::instance().is_place_word(prev.key)) ||
         (names.is_title(prev) && prev.key.size() <= 3);  // "Mr Jordan", "Dr Chad"
}

void collect(TextWords& t, size_t from, std::vector<Mention>& out) {
  const PlaceLexicon& places = PlaceLexicon::instance();
  t.is_place.assign(t.words.size(), false);
  for (size_t i = from; i < t.words.size();) {
    PlaceMatch m = places.match(t.words, i);
    if (!m.place || m.place->kind == PlaceKind::kTown || !well_written(t.words[i], *m.place) ||
        !well_written(t.words[i + m.length - 1], *m.place) || after_person_cue(t.words, i)) {
      ++i;
      continue;
    }
    for (size_t k = i; k < i + m.length; ++k) t.is_place[k] = true;
    if (m.place->kind != PlaceKind::kNone)
      out.push_back({m.place, position_weight(t, t.words[i]) * kind_factor(*m.place), is_strong(t.words[i], *m.place)});
    i += m.length;
  }
}

}  // namespace

size_t dateline_words(const TextWords& body) {
  const auto& w = body.words;
  size_t k = 0;
  while (k < w.size() && k < 4 && w[k].paragraph == 0 && w[k].shape == Shape::kUpper && (k == 0 || w[k].joined)) ++k;
  if (k == 0) return 0;
  for (size_t i = 0; i < w[0].begin; ++i)
    if (body.text[i] != ' ' && body.text[i] != '\n' && body.text[i] != '\t') return 0;
  size_t gap_end = k < w.size() ? w[k].begin : body.text.size();
  std::string_view gap = body.text.substr(w[k - 1].end, gap_end - w[k - 1].end);
  bool marked = gap.find(',') != std::string_view::npos || gap.find('-') != std::string_view::npos ||
                gap.find('(') != std::string_view::npos || gap.find("\xE2\x80\x94") != std::string_view::npos;
  return marked ? k : 0;
}

CountryResult find_countries(TextWords& title, TextWords& body) {
  std::vector<Mention> mentions;
  collect(title, 0, mentions);
  size_t dl = dateline_words(body);
  const PlaceLexicon& places = PlaceLexicon::instance();
  PlaceMatch dateline = dl ? places.match(body.words, 0) : PlaceMatch{};
  if (dateline.place && (dateline.length != dl || dateline.place->kind == PlaceKind::kNone)) dateline = {};
  // "SANTA CRUZ, Calif., Feb 26 -": a state or province after the town settles the country.
  if (dl && dl < body.words.size() && body.words[dl].comma_before) {
    PlaceMatch region = places.match(body.words, dl);
    if (region.place && region.place->kind != PlaceKind::kNone && !region.place->codes.empty()) {
      dateline = region;
      dl += region.length;
    }
  }
  collect(body, dateline.place ? dl : 0, mentions);
  if (dateline.place) {
    for (size_t k = 0; k < dl; ++k) body.is_place[k] = true;
    mentions.push_back({dateline.place, kDatelineWeight, true});
  }

  std::map<std::string, int> strong;  // unambiguous strong mentions per code
  for (const Mention& m : mentions)
    if (m.strong && m.place->codes.size() == 1) ++strong[m.place->codes[0]];
  std::map<std::string, std::pair<int, double>> counts;  // code -> (mentions, score)
  std::vector<std::string> order;                         // codes by first mention, to break ties
  for (const Mention& m : mentions) {
    const auto& codes = m.place->codes;
    std::string code;
    if (codes.size() == 1) {
      if (m.strong || strong.count(codes[0])) code = codes[0];
    } else {
      int best = 0;
      for (const auto& c : codes)
        if (auto it = strong.find(c); it != strong.end() && it->second > best) best = it->second, code = c;
      if (code.empty() && m.strong) code = codes[0];
    }
    if (code.empty()) continue;
    if (!counts.count(code)) order.push_back(code);
    auto& [n, score] = counts[code];
    ++n;
    score += m.weight;
  }

  CountryResult r;
  std::vector<std::pair<std::string, std::pair<int, double>>> sorted;
  for (const auto& code : order) sorted.push_back({code, counts[code]});
  std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) {
    return a.second.first != b.second.first ? a.second.first > b.second.first : a.second.second > b.second.second;
  });
  for (const auto& [code, c] : sorted) r.countries.push_back({code, c.first});
  std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.second.second > b.second.second; });
  double top = sorted.empty() ? 0 : sorted.front().second.second;
  for (const auto& [code, c] : sorted)
    if (c.second >= kMainShare * top) r.main.push_back(code);
  return r;
}

}  // namespace dsearch::entities
