#include "name_lexicon.h"

#include <algorithm>

#include "tsv_rows.h"

namespace dsearch::entities {

const NameLexicon& NameLexicon::instance() {
  static const NameLexicon lexicon;
  return lexicon;
}

NameLexicon::NameLexicon() {
  for_each_tsv_row("name_cues.tsv", [&](const auto& f) {
    if (f.size() < 2) return;
    std::string key = phrase_key(f[1]);
    bool lower = !f[1].empty() && f[1][0] >= 'a' && f[1][0] <= 'z';
    if (f[0] == "title") (lower ? lower_titles_ : capital_titles_).insert(key);
    else if (f[0] == "verb") verbs_.insert(key);
    else if (f[0] == "head") heads_.insert(key);
    else if (f[0] == "particle") particles_.insert(key);
    else if (f[0] == "joiner") joiners_.insert(key);
    else if (f[0] == "never") never_.insert(key);
  });
  for_each_tsv_row("given_names.tsv", [&](const auto& f) { given_.insert(phrase_key(f[0])); });
  for_each_tsv_row("orgs.tsv", [&](const auto& f) {
    if (f.size() < 2) return;
    KnownOrg org{std::string(f[1]), std::string(f[0]), f.size() < 4 || f[3] != "no"};
    size_t index = orgs_.size();
    orgs_.push_back(org);
    auto add_name = [&](std::string_view name) {
      std::string key = phrase_key(name);
      if (key.empty()) return;
      max_words_ = std::max(max_words_, 1 + static_cast<size_t>(std::count(key.begin(), key.end(), ' ')));
      add_key_prefixes(name_prefixes_, key);
      org_names_.emplace(key, index);
    };
    add_name(f[1]);
    if (f.size() > 2)
      for (size_t p = 0; p < f[2].size();) {
        auto bar = std::min(f[2].find('|', p), f[2].size());
        std::string_view alt = f[2].substr(p, bar - p);
        bool caps = std::all_of(alt.begin(), alt.end(), [](char c) { return (c >= 'A' && c <= 'Z') || c == '.' || c == '-' || (c >= '0' && c <= '9'); });
        if (caps) acronyms_.emplace(phrase_key(alt), index);
        else add_name(alt);
        p = bar + 1;
      }
    if (!f[0].empty()) acronyms_.emplace(phrase_key(f[0]), index);
  });
}

bool NameLexicon::is_title(const Word& w) const {
  if (w.shape == Shape::kLower) return lower_titles_.contains(w.key);
  return capital_titles_.contains(w.key) || lower_titles_.contains(w.key);
}

OrgMatch NameLexicon::match_org(const std::vector<Word>& words, size_t i) const {
  OrgMatch best;
  const Word& first = words[i];
  if (first.key.empty() || first.shape == Shape::kLower) return best;
  // An acronym counts when written in capitals, and in all-caps text only when it is not a word.
  if (auto it = acronyms_.find(first.key); it != acronyms_.end()) {
    const KnownOrg& org = orgs_[it->second];
    bool capitals = first.shape == Shape::kUpper || (first.shape == Shape::kOther && first.key.size() > 1);
    bool mixed_ok = capitals || (!org.acronym.empty() && org.acronym[0] >= 'A' && org.acronym.back() >= 'a' && !first.sentence_start);
    if (mixed_ok && (!first.caps_line || org.caps_ok)) best = {&org, 1};
  }
  if (auto it = org_names_.find(first.key); it != org_names_.end()) best = {&orgs_[it->second], 1};
  for_each_longer_key(words, i, max_words_, name_prefixes_, [&](const std::string& key, size_t n) {
    auto it = org_names_.find(key);
    if (it != org_names_.end() && words[i + n - 1].shape != Shape::kLower) best = {&orgs_[it->second], n};
  });
  return best;
}

}  // namespace dsearch::entities
