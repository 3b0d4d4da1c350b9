#include "entities_names.h"

#include <algorithm>
#include <limits>
#include <map>

#include "dsearch/analyzer.h"
#include "dsearch/schema.h"
#include "name_lexicon.h"

namespace dsearch::entities {
namespace {

constexpr size_t kMaxPersonWords = 5;
constexpr size_t kMaxAcronymSpan = 10;

struct Candidate {
  std::string display;
  int count = 0;
  bool evidence = false;
  size_t first = std::numeric_limits<size_t>::max();
  std::string first_word, last_word;  // keys, for "Putin" -> "Vladimir Putin", "Choe" -> "Choe Ryong Hae"
};

bool capitalised(const Word& w) {
  return !w.caps_line && (w.shape == Shape::kCapital || w.shape == Shape::kUpper);
}

class Finder {
 public:
  explicit Finder(std::string_view lang) : noun_stops_(capitalises_nouns(lang) ? stopwords(lang) : stopwords("")) {}
  NameResult run(const TextWords& title, const TextWords& body);

 private:
  void define_acronyms(const TextWords& t, std::vector<bool>& used);
  void scan(const TextWords& t, std::vector<bool>& used);
  size_t sequence_end(const TextWords& t, size_t i) const;
  void classify(const TextWords& t, size_t a, size_t b);
  void add_org(const TextWords& t, size_t a, size_t b);
  void add_org(const std::string& display, size_t pos);
  void add_person(const TextWords& t, size_t a, size_t b, bool evidence);
  bool has_head(const TextWords& t, size_t a, size_t b) const;
  bool context_evidence(const TextWords& t, size_t a, size_t b) const;
  std::string display(const TextWords& t, size_t a, size_t b) const;

  const NameLexicon& lex_ = NameLexicon::instance();
  const WordSet& stops_ = stopwords("en");
  // The article's stopwords, where its language capitalises nouns. German capitalises every noun,
  // so "Der Konzern", "Den Streit", "Mit Erfolg" read as names to English cues: a name starts with
  // none of them. Elsewhere a capitalised run after "Le", "Di", "Van" is a name ("Le Pen").
  static bool capitalises_nouns(std::string_view lang) { return lang == "de" || lang == "lb"; }
  const WordSet& noun_stops_;
  bool never_first(const Word& w) const { return noun_stops_.contains(w.key); }
  std::map<std::string, Candidate> people_, singles_, orgs_;
  std::map<std::string, std::string> acronyms_;  // acronym key -> org key
  size_t offset_ = 0;                            // orders title words before body words
};

std::string Finder::display(const TextWords& t, size_t a, size_t b) const {
  std::string s = squeeze_spaces(t.text.substr(t.words[a].begin, t.words[b - 1].end - t.words[a].begin));
  bool lower = false;
  for (size_t k = a; k < b; ++k) lower |= t.words[k].shape == Shape::kLower && !lex_.is_joiner(t.words[k]) && !t.words[k].hyphen_before;
  bool caps = std::all_of(t.words.begin() + a, t.words.begin() + b, [](const Word& w) { return w.shape != Shape::kLower && w.shape != Shape::kCapital; });
  if (!lower && !(caps && b - a > 1)) return s;
  // Title-case words, keeping joiners lowercase: "Korean central news agency" -> "Korean Central News Agency".
  std::string out;
  size_t pos = t.words[a].begin;
  for (size_t k = a; k < b; ++k) {
    out += squeeze_spaces(t.text.substr(pos, t.words[k].begin - pos));
    // "Suleiman\nAbdulaziz al-Salim": a line break between two words is a space too.
    if (k > a && is_ascii_space(t.text[t.words[k].begin - 1]) && (out.empty() || out.back() != ' ')) out += ' ';
    std::string_view raw = t.text.substr(t.words[k].begin, t.words[k].end - t.words[k].begin);
    out += lex_.is_joiner(t.words[k]) ? std::string(raw) : title_case(raw);
    pos = t.words[k].end;
  }
  return out;
}

bool Finder::has_head(const TextWords& t, size_t a, size_t b) const {
  for (size_t k = a; k < b; ++k)
    if (lex_.is_head(t.words[k])) return true;
  return false;
}

void Finder::add_org(const std::string& shown, size_t pos) {
  std::string key = schema::entity_key(shown);
  if (key.empty()) return;
  Candidate& c = orgs_[key];
  if (c.display.empty()) c.display = shown;
  ++c.count;
  c.first = std::min(c.first, pos);
}

void Finder::add_org(const TextWords& t, size_t a, size_t b) {
  while (a < b && (lex_.is_joiner(t.words[a]) || stops_.contains(t.words[a].key) || never_first(t.words[a]))) ++a;
  while (b > a && lex_.is_joiner(t.words[b - 1])) --b;
  if (b - a < 2 || (!lex_.is_head(t.words[b - 1]) && !has_head(t, a, b))) return;
  // "Soviet Union", "United Arab Emirates": a place, not an organization.
  if (std::all_of(t.is_place.begin() + a, t.is_place.begin() + b, [](bool p) { return p; })) return;
  add_org(display(t, a, b), offset_ + a);
}

void Finder::add_person(const TextWords& t, size_t a, size_t b, bool evidence) {
  while (a < b && (lex_.is_never(t.words[a]) || lex_.is_title(t.words[a]))) ++a;
  if (a >= b || b - a > kMaxPersonWords) return;
  for (size_t k = a; k < b; ++k) {
    const Word& w = t.words[k];
    bool inner_ok = w.hyphen_before || lex_.is_particle(w);
    if (t.is_place[k] || lex_.is_never(w) || lex_.is_head(w) || (w.shape != Shape::kCapital && !inner_ok)) return;
  }
  const Word& first = t.words[a];
  bool one = b - a == 1;
  if (never_first(first)) return;
  if (one && ((first.sentence_start && !evidence) || stops_.contains(first.key))) return;
  evidence |= !one && lex_.is_given_name(first) && !stops_.contains(first.key);
  std::string shown = display(t, a, b);
  std::string key = schema::entity_key(shown);
  Candidate& c = (one ? singles_ : people_)[key];
  if (c.display.empty()) c.display = shown;
  ++c.count;
  c.evidence |= evidence;
  c.first = std::min(c.first, offset_ + a);
  c.first_word = first.key;
  c.last_word = t.words[b - 1].key;
}

// "said Lim", "Lim said", "Cheong Seong-chang, a senior analyst", "spokesman Lim Byeong-cheol".
bool Finder::context_evidence(const TextWords& t, size_t a, size_t b) const {
  const auto& w = t.words;
  if (a > 0 && (lex_.is_verb(w[a - 1]) || (lex_.is_title(w[a - 1]) && w[a].joined))) return true;
  if (b < w.size()) {
    const Word& next = w[b];
    if (next.joined && lex_.is_verb(next)) return true;
    if (next.comma_before && (next.key == "a" || next.key == "an" || next.key == "the" || next.key == "who" ||
                              next.shape == Shape::kOther || (next.shape == Shape::kLower && lex_.is_title(next))))
      return true;
  }
  return false;
}

void Finder::classify(const TextWords& t, size_t a, size_t b) {
  const auto& w = t.words;
  while (a < b && (lex_.is_never(w[a]) || (w[a].sentence_start && stops_.contains(w[a].key)) || never_first(w[a]))) ++a;
  if (a >= b) return;
  // "Federal Reserve Board Chairman Paul Volcker": the last title splits an organization or a
  // place from the person.
  size_t title = b;
  for (size_t k = a; k < b; ++k)
    if (lex_.is_title(w[k]) && w[k].shape != Shape::kLower) title = k;
  if (title < b - 1 && !has_head(t, title + 1, b)) {
    size_t p = title;
    while (p > a && lex_.is_title(w[p - 1])) --p;
    if (p > a && lex_.is_head(w[p - 1])) add_org(t, a, p);
    add_person(t, title + 1, b, true);
    return;
  }
  if (title == b - 1) return;  // a bare title: "Minister"
  if (has_head(t, a, b)) {
    // "Central Committee of the Workers' Party of Korea" is two organizations.
    for (size_t k = b; k-- > a + 1;)
      if (lex_.is_joiner(w[k]) && has_head(t, a, k) && has_head(t, k + 1, b)) {
        add_org(t, a, k);
        add_org(t, k + 1, b);
        return;
      }
    add_org(t, a, b);
    return;
  }
  add_person(t, a, b, context_evidence(t, a, b));
}

// The end of the capitalised sequence starting at i: names span hyphens ("Byeong-cheol"),
// particles ("bin"), possessives inside organization names ("Workers' Party") and, once an
// organization's head word is seen, joiners ("Bank of Japan").
size_t Finder::sequence_end(const TextWords& t, size_t i) const {
  const auto& w = t.words;
  bool head = lex_.is_head(w[i]);
  size_t j = i + 1;
  for (; j < w.size() && w[j].joined; ++j) {
    if (w[j - 1].possessive) {
      bool org_follows = false;
      for (size_t k = j; k < w.size() && k < j + 4 && w[k].joined && capitalised(w[k]); ++k) org_follows |= lex_.is_head(w[k]);
      if (!org_follows || t.is_place[j - 1]) break;
    }
    bool next_cap = j + 1 < w.size() && w[j + 1].joined && capitalised(w[j + 1]);
    if (w[j].hyphen_before || capitalised(w[j]) || (lex_.is_particle(w[j]) && next_cap)) {
      head |= lex_.is_head(w[j]);
      continue;
    }
    if (head && lex_.is_joiner(w[j])) {
      size_t k = j + 1;
      if (k < w.size() && w[k].key == "the" && w[k].joined) ++k;
      if (k < w.size() && w[k].joined && capitalised(w[k]) && w[j].key != "and") {
        j = k;
        continue;
      }
    }
    break;
  }
  return j;
}

void Finder::define_acronyms(const TextWords& t, std::vector<bool>& used) {
  const auto& w = t.words;
  for (size_t i = 1; i < w.size(); ++i) {
    const std::string& acro = w[i].key;
    if (w[i].shape != Shape::kUpper || w[i].caps_line || !w[i].paren_before || !w[i].paren_after || t.is_place[i] ||
        acro.size() < 2 || acro.size() > 8 || acronyms_.count(acro))
      continue;
    size_t need = acro.size(), j = i;
    while (j > 0 && need > 0 && i - j < kMaxAcronymSpan) {
      const Word& prev = w[j - 1];
      if (prev.key.empty() || prev.paragraph != w[i].paragraph) break;
      if (prev.key[0] == acro[need - 1]) --need;
      else if (!lex_.is_joiner(prev)) break;
      --j;
      if (prev.sentence_start) break;
    }
    if (need > 0 || std::all_of(t.is_place.begin() + j, t.is_place.begin() + i, [](bool p) { return p; })) continue;
    std::string shown = display(t, j, i);
    add_org(shown, offset_ + j);
    acronyms_[acro] = schema::entity_key(shown);
    for (size_t k = j; k <= i; ++k) used[k] = true;
  }
}

void Finder::scan(const TextWords& t, std::vector<bool>& used) {
  const auto& w = t.words;
  for (size_t i = 0; i < w.size();) {
    if (used[i]) { ++i; continue; }
    OrgMatch known = lex_.match_org(w, i);
    if (known.org) {
      add_org(known.org->name, offset_ + i);
      if (!known.org->acronym.empty()) acronyms_.emplace(phrase_key(known.org->acronym), schema::entity_key(known.org->name));
      i += known.length;
      continue;
    }
    if (w[i].shape == Shape::kUpper && acronyms_.count(w[i].key) && (!w[i].caps_line || !w[i].sentence_start)) {
      ++orgs_[acronyms_[w[i].key]].count;
      ++i;
      continue;
    }
    if (!capitalised(w[i])) { ++i; continue; }
    size_t j = sequence_end(t, i);
    classify(t, i, j);
    i = j;
  }
}

std::vector<std::string> ranked(const std::map<std::string, Candidate>& m) {
  std::vector<const Candidate*> v;
  for (const auto& [k, c] : m)
    if (c.count > 0) v.push_back(&c);
  std::stable_sort(v.begin(), v.end(), [](const Candidate* a, const Candidate* b) {
    return a->count != b->count ? a->count > b->count : a->first < b->first;
  });
  std::vector<std::string> out;
  for (const Candidate* c : v) out.push_back(c->display);
  return out;
}

NameResult Finder::run(const TextWords& title, const TextWords& body) {
  std::vector<bool> title_used(title.words.size()), body_used(body.words.size());
  offset_ = 0;
  define_acronyms(title, title_used);
  offset_ = title.words.size();
  define_acronyms(body, body_used);
  offset_ = 0;
  scan(title, title_used);
  offset_ = title.words.size();
  scan(body, body_used);

  // A multi-word name is a person when it or its one-word form had evidence somewhere.
  std::map<std::string, std::vector<std::string>> by_word;  // first/last word key -> people keys
  for (auto& [key, c] : people_) {
    for (const auto& [skey, s] : singles_)
      if (s.evidence && (skey == c.last_word || skey == c.first_word)) c.evidence = true;
    if (!c.evidence) { c.count = 0; continue; }
    by_word[c.last_word].push_back(key);
    by_word[c.first_word].push_back(key);
  }
  for (auto& [skey, s] : singles_) {
    auto it = by_word.find(skey);
    if (it != by_word.end() && it->second.size() <= 2) {
      Candidate& full = people_[it->second.front()];
      full.count += s.count;
      full.first = std::min(full.first, s.first);
    } else if (s.evidence && !orgs_.count(skey) && !acronyms_.count(s.first_word)) {
      people_[skey] = s;
    }
  }
  for (const auto& [key, org] : orgs_) people_.erase(key);
  return {ranked(people_), ranked(orgs_)};
}

}  // namespace

NameResult find_names(const TextWords& title, const TextWords& body, std::string_view lang) {
  Finder f(lang);
  return f.run(title, body);
}

}  // namespace dsearch::entities
