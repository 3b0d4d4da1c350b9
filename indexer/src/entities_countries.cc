#include "entities_countries.h"

#include <algorithm>
#include <map>

#include "name_lexicon.h"
#include "place_lexicon.h"

namespace dsearch::entities {
namespace {

// How much one mention says about what the article is about. The title, the dateline and the
// lead paragraph name the subject; later paragraphs name context. Demonyms and cities say less
// than the country's own name ("Russian President Vladimir Putin" in a story about Korea), and a
// currency ("500 mln yen", "U.S. dollars") or an institution ("the Bundesbank") less again.
constexpr double kTitleWeight = 3.0, kDatelineWeight = 5.0, kLeadWeight = 2.0, kSecondWeight = 1.5,
                 kBodyWeight = 1.0;
constexpr double kDemonymFactor = 0.7, kCityFactor = 0.8, kInstitutionFactor = 0.8, kCurrencyFactor = 0.5;
// Which countries are main ones, besides the top one and those of the title and the dateline:
// those scoring at least kMainShare of the top one with two mentions or more, those named
// kManyMentions times scoring kManyShare of the top, and those named once in the lead paragraph
// scoring kLeadShare of the top. A quarter made 151 false main countries on Reuters for 66
// found; 0.4 gains on both halves of the corpus (odd and even ids), and higher shares lose rare
// countries (macro F1).
constexpr double kMainShare = 0.5, kManyShare = 0.3, kLeadShare = 0.4;
constexpr int kManyMentions = 3;

// Where a mention stands: the title, the dateline, or a paragraph of the body.
constexpr int kInTitle = -2, kInDateline = -1;

struct Mention {
  const Place* place;
  double weight;
  bool strong;  // counts on its own; a weak one needs a strong mention of the same country
  int where = 0;  // kInTitle, kInDateline or the body paragraph
  size_t word = 0, length = 0;  // the words of the text it covers
  bool aside = false;    // a currency, an event or a company's name: not strong
  bool company = false;  // a strong name in a company's name: strong when nothing else is
};

// What the article says about one country.
struct Evidence {
  int mentions = 0;
  double score = 0;
  bool title = false, dateline = false;
  int first_paragraph = 1 << 20;
  int names = 0;  // mentions by the country's own name (not a demonym or a city)
};

double position_weight(const TextWords& t, const Word& w) {
  if (t.is_title) return kTitleWeight;
  return w.paragraph == 0 ? kLeadWeight : w.paragraph == 1 ? kSecondWeight : kBodyWeight;
}

double kind_factor(const Place& p) {
  switch (p.kind) {
    case PlaceKind::kDemonym: return kDemonymFactor;
    case PlaceKind::kCity: case PlaceKind::kState: case PlaceKind::kRegion: return kCityFactor;
    case PlaceKind::kInstitution: return kInstitutionFactor;
    case PlaceKind::kCurrency: return kCurrencyFactor;
    default: return 1.0;
  }
}

// "2.5 billion marks", "500 mln yen": a currency unit names a country after an amount only.
bool after_amount(const std::vector<Word>& words, size_t i) {
  if (i == 0 || !words[i].joined) return false;
  const std::string& k = words[i - 1].key;
  if (k.empty()) return false;
  if (k[0] >= '0' && k[0] <= '9') return true;
  static const char* const kAmounts[] = {"mln", "million", "bln", "billion", "trillion", "thousand", "hundred", "bn", "mn"};
  return one_of(k, kAmounts);
}

bool is_money_word(const std::string& k) {
  return k == "dollar" || k == "dollars" || k == "dlr" || k == "dlrs" || k == "cents" || k == "cts";
}

// "the Paris accord", "the Paris Club", "the Uruguay Round", "the Kyoto Protocol": a
// place naming an agreement, a body or a meeting, which is not what the article is about.
bool names_an_event(const std::vector<Word>& words, size_t next, const Place& p) {
  static const char* const kEvents[] = {"accord", "accords", "agreement", "agreements", "pact", "club", "round",
                                        "convention", "protocol", "treaty", "declaration", "consensus", "process"};
  if (p.kind != PlaceKind::kCity && p.kind != PlaceKind::kCountry) return false;
  // "Paris currency accord": one word may come between.
  for (size_t k = next; k < words.size() && k < next + 2 && words[k].joined; ++k) {
    const std::string& key = words[k].key;
    if (p.kind == PlaceKind::kCountry) return key == "round";  // "Canada-U.S. pact" is about both
    if (one_of(key, kEvents)) return true;
  }
  return false;
}

// "The Japan Fund Inc", "Gillette Canada Inc", "British Broadcasting Corp": a place inside a
// company's name, which says where the company comes from rather than what the article is about.
// Government bodies ("the Japanese Finance Ministry") are not companies and still count.
bool in_company_name(const std::vector<Word>& words, size_t next) {
  static const char* const kLegalForms[] = {"corp", "corporation", "inc", "ltd", "co", "company", "plc", "ag", "sa",
                                            "nv", "bv", "gmbh", "spa", "holdings", "group", "fund", "trust",
                                            "industries", "airlines", "airways", "motors", "bank", "banking", "bancorp"};
  if (words[next - 1].possessive) return false;  // "Japan's Nissan Motor Co"
  for (size_t k = next; k < words.size() && k < next + 3 && words[k].joined; ++k) {
    if (words[k].shape == Shape::kLower && !words[k].caps_line) return false;
    if (one_of(words[k].key, kLegalForms)) return true;
  }
  return false;
}

// "Torrance, Calif.", "Winnemucca, Nev.", "N.Y.": a dotted state abbreviation after a town and a
// comma, or with dots inside, names the state wherever it stands.
bool state_abbreviation(const TextWords& t, size_t i, const PlaceMatch& m) {
  if (m.place->kind != PlaceKind::kRegion) return false;
  const Word& first = t.words[i];
  size_t end = t.words[i + m.length - 1].end;
  std::string_view written = t.text.substr(first.begin, end - first.begin);
  size_t dot = written.find('.');
  if (dot != std::string_view::npos && dot + 1 < written.size()) return true;
  bool dotted = dot != std::string_view::npos || (end < t.text.size() && t.text[end] == '.');
  return dotted && i > 0 && first.comma_before && t.words[i - 1].shape != Shape::kLower;
}

// Whether running text may name the place: towns and lesser regions are trusted in datelines only
// (too many are surnames or words: "Reading", "Carson"), states and provinces everywhere.
bool in_running_text(const TextWords& t, size_t i, const PlaceMatch& m) {
  return (m.place->kind != PlaceKind::kRegion && m.place->kind != PlaceKind::kTown) || state_abbreviation(t, i, m);
}

// Whether a match is written the way a place name is: capitalised in mixed-case text, and
// acronyms ("US") in capitals. In all-caps lines case tells nothing.
bool well_written(const Word& w, const Place& p) {
  if (w.caps_line || p.kind == PlaceKind::kCurrency) return true;
  if (p.acronym) return w.shape == Shape::kUpper;
  return w.shape == Shape::kCapital || w.shape == Shape::kUpper;
}

// "TEXAS AIR CORP", "WHITEHALL CORP", "OHIO EDISON CO": in capitals a name heading one of the next
// two words is part of a company's name, not the place.
bool before_org_head(const std::vector<Word>& words, size_t next) {
  const NameLexicon& names = NameLexicon::instance();
  for (size_t k = next; k < words.size() && k < next + 2 && words[k].joined; ++k)
    if (names.is_head(words[k])) return true;
  return false;
}

bool is_strong(const std::vector<Word>& words, size_t i, const PlaceMatch& m) {
  const Word& w = words[i];
  const Place& p = *m.place;
  // Headlines are in capitals: "FIRESTONE TO CLOSE PLANTS IN IOWA", "WHITE HOUSE SAYS".
  if (w.caps_line && (p.kind == PlaceKind::kState || p.kind == PlaceKind::kInstitution) &&
      before_org_head(words, i + m.length))
    return false;
  switch (p.weak) {
    case Weakness::kNone: return true;
    case Weakness::kWord:  // "China", "Polish": the word's sense is rare in news, the city's is not
      return p.kind == PlaceKind::kCountry || p.kind == PlaceKind::kDemonym ||
             (p.kind == PlaceKind::kCity && !w.caps_line && !w.sentence_start);
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

// "in Chad", "exports to Turkey", "aid from Israel": after a preposition of place a country name
// that is also a given name or a word is the country, unless a surname follows ("to Israel
// Singer").
bool after_place_preposition(const TextWords& t, size_t i, size_t length) {
  static const char* const kPrepositions[] = {"in", "into", "to", "from", "across", "throughout", "toward",
                                              "towards", "within", "against", "via", "inside", "visit", "visited"};
  const auto& w = t.words;
  if (i == 0 || !w[i].joined) return false;
  size_t next = i + length;
  if (next < w.size() && w[next].joined && w[next].shape == Shape::kCapital && !w[i].caps_line) return false;
  return one_of(w[i - 1].key, kPrepositions);
}

// "Greece and Turkey", "Morocco, Israel, Canary Islands": a weak name listed with a country named
// for certain is a country too.
bool listed_with(const TextWords& t, const Mention& a, const Mention& b) {
  const Mention& first = a.word < b.word ? a : b;
  const Mention& second = a.word < b.word ? b : a;
  size_t gap_begin = first.word + first.length;
  if (second.word == gap_begin) return t.words[second.word].comma_before;
  if (second.word != gap_begin + 1) return false;
  const std::string& k = t.words[gap_begin].key;
  return k == "and" || k == "or";
}

bool country_for_certain(const Mention& m) {
  return m.strong && (m.place->kind == PlaceKind::kCountry || m.place->kind == PlaceKind::kDemonym);
}

// Weak country names made strong by where they stand.
void strengthen_in_context(const TextWords& t, std::vector<Mention>& out, size_t first) {
  for (size_t k = first; k < out.size(); ++k) {
    Mention& m = out[k];
    if (m.strong || m.aside || m.place->kind != PlaceKind::kCountry ||
        (m.place->weak != Weakness::kName && m.place->weak != Weakness::kFalseFriend))
      continue;
    m.strong = after_place_preposition(t, m.word, m.length) ||
               (k > first && country_for_certain(out[k - 1]) && listed_with(t, out[k - 1], m)) ||
               (k + 1 < out.size() && country_for_certain(out[k + 1]) && listed_with(t, m, out[k + 1]));
  }
}

// "Bristol-Myers", "Saab-Scania": a place hyphenated to a capitalised word that is no place is
// part of a name. "U.S.-Japan" and "Soviet-American" are two places.
bool in_hyphenated_name(const std::vector<Word>& words, size_t i, size_t next) {
  // Combining forms join places, not names: "Sino-U.S.", "Franco-German", "Inter-American".
  static const char* const kCombining[] = {"sino", "franco", "anglo", "belgo", "italo", "indo", "afro", "russo",
                                           "austro", "hispano", "luso", "greco", "judeo", "nippo", "euro", "pan",
                                           "inter", "trans", "anti", "pro", "non", "ex", "mid", "pre", "post"};
  const PlaceLexicon& places = PlaceLexicon::instance();
  auto name_word = [&](size_t k) {
    if (words[k].shape != Shape::kCapital && words[k].shape != Shape::kUpper) return false;
    return !one_of(words[k].key, kCombining) && !places.match(words, k).place;
  };
  return (words[i].hyphen_before && name_word(i - 1)) ||
         (next < words.size() && words[next].hyphen_before && name_word(next));
}

void collect(TextWords& t, size_t from, std::vector<Mention>& out) {
  const PlaceLexicon& places = PlaceLexicon::instance();
  size_t first = out.size();
  t.is_place.assign(t.words.size(), false);
  for (size_t i = from; i < t.words.size();) {
    PlaceMatch m = places.match(t.words, i);
    if (!m.place || !in_running_text(t, i, m) || !well_written(t.words[i], *m.place) ||
        !well_written(t.words[i + m.length - 1], *m.place) || after_person_cue(t.words, i) ||
        in_hyphenated_name(t.words, i, i + m.length) ||
        (m.place->kind == PlaceKind::kCurrency && !after_amount(t.words, i))) {
      ++i;
      continue;
    }
    for (size_t k = i; k < i + m.length; ++k) t.is_place[k] = true;
    if (m.place->kind != PlaceKind::kNone) {
      // "U.S. dollars", "Canadian dlrs": a currency, which says less than the country's name.
      size_t next = i + m.length;
      bool currency = m.place->kind == PlaceKind::kCurrency ||
                      (next < t.words.size() && t.words[next].joined && is_money_word(t.words[next].key));
      // A currency, a company's name or an event only adds to other evidence.
      bool company = !currency && in_company_name(t.words, next);
      bool aside = currency || company || names_an_event(t.words, next, *m.place);
      double weight = position_weight(t, t.words[i]) * (aside ? kCurrencyFactor : kind_factor(*m.place));
      bool strong = is_strong(t.words, i, m);
      company &= strong;
      strong &= !aside;
      out.push_back({m.place, weight, strong, t.is_title ? kInTitle : static_cast<int>(t.words[i].paragraph), i, m.length,
                     aside, company});
    }
    i += m.length;
  }
  strengthen_in_context(t, out, first);
}

}  // namespace

size_t dateline_words(const TextWords& body) {
  const auto& w = body.words;
  size_t k = 0;
  bool mixed = false;  // "Cincinnati, March 11 -" as well as "CINCINNATI, March 11 -"
  while (k < w.size() && k < 4 && w[k].paragraph == 0 && (w[k].shape == Shape::kUpper || w[k].shape == Shape::kCapital) &&
         (k == 0 || w[k].joined)) {
    mixed |= w[k].shape == Shape::kCapital;
    ++k;
  }
  if (k == 0) return 0;
  for (size_t i = 0; i < w[0].begin; ++i)
    if (body.text[i] != ' ' && body.text[i] != '\n' && body.text[i] != '\t') return 0;
  size_t gap_end = k < w.size() ? w[k].begin : body.text.size();
  std::string_view gap = body.text.substr(w[k - 1].end, gap_end - w[k - 1].end);
  bool marked = gap.find(',') != std::string_view::npos || gap.find('-') != std::string_view::npos ||
                gap.find('(') != std::string_view::npos || gap.find("\xE2\x80\x94") != std::string_view::npos;
  if (!marked) return 0;
  if (mixed) {
    // A capitalised word may just open a sentence ("Washington, which..."): a dateline in mixed
    // case needs the dash that ends datelines on the same line ("Cincinnati, March 11 -").
    std::string_view rest = body.text.substr(w[k - 1].end, 60);
    rest = rest.substr(0, rest.find('\n'));
    if (rest.find(" - ") == std::string_view::npos && rest.find("--") == std::string_view::npos &&
        rest.find("\xE2\x80\x94") == std::string_view::npos && rest.find("\xE2\x80\x93") == std::string_view::npos)
      return 0;
  }
  return k;
}

CountryResult find_countries(TextWords& title, TextWords& body) {
  std::vector<Mention> mentions;
  collect(title, 0, mentions);
  size_t dl = dateline_words(body);
  const PlaceLexicon& places = PlaceLexicon::instance();
  PlaceMatch dateline = dl ? places.match(body.words, 0) : PlaceMatch{};
  auto names_a_place = [](const Place* p) {
    return p && p->kind != PlaceKind::kNone && p->kind != PlaceKind::kCurrency && p->kind != PlaceKind::kInstitution &&
           !p->codes.empty();
  };
  if (dateline.place && (dateline.length != dl || !names_a_place(dateline.place))) dateline = {};
  // "SANTA CRUZ, Calif., Feb 26 -": a state or province after the town settles the country.
  if (dl && dl < body.words.size() && body.words[dl].comma_before) {
    PlaceMatch region = places.match(body.words, dl);
    if (names_a_place(region.place)) {
      dateline = region;
      dl += region.length;
    }
  }
  collect(body, dateline.place ? dl : 0, mentions);
  if (dateline.place) {
    for (size_t k = 0; k < dl; ++k) body.is_place[k] = true;
    mentions.push_back({dateline.place, kDatelineWeight, true, kInDateline});
  }

  // "CANADIAN PACIFIC LTD 4TH QTR NET": when a company's name is all there is, it is the evidence.
  if (std::none_of(mentions.begin(), mentions.end(), [](const Mention& m) { return m.strong; }))
    for (Mention& m : mentions) m.strong = m.company;
  std::map<std::string, int> strong;  // unambiguous strong mentions per code
  for (const Mention& m : mentions)
    if (m.strong && m.place->codes.size() == 1) ++strong[m.place->codes[0]];
  std::map<std::string, Evidence> counts;
  std::vector<std::string> order;  // codes by first mention, to break ties
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
    Evidence& e = counts[code];
    ++e.mentions;
    e.score += m.weight;
    e.title |= m.where == kInTitle;
    e.dateline |= m.where == kInDateline;
    if (m.where >= 0) e.first_paragraph = std::min(e.first_paragraph, m.where);
    e.names += m.place->kind == PlaceKind::kCountry;
  }

  CountryResult r;
  std::vector<std::pair<std::string, Evidence>> sorted;
  for (const auto& code : order) sorted.push_back({code, counts[code]});
  std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) {
    return a.second.mentions != b.second.mentions ? a.second.mentions > b.second.mentions : a.second.score > b.second.score;
  });
  for (const auto& [code, e] : sorted) r.countries.push_back({code, e.mentions});
  std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.second.score > b.second.score; });
  double top = sorted.empty() ? 0 : sorted.front().second.score;
  for (size_t i = 0; i < sorted.size(); ++i) {
    const Evidence& e = sorted[i].second;
    double share = top > 0 ? e.score / top : 0;
    if (i == 0 || e.title || e.dateline || (share >= kMainShare && e.mentions >= 2) ||
        (e.mentions >= kManyMentions && share >= kManyShare) ||
        (e.first_paragraph == 0 && e.names >= 1 && share >= kLeadShare))
      r.main.push_back(sorted[i].first);
  }
  return r;
}

}  // namespace dsearch::entities
