// The words that tell people from organizations (common/data/name_cues.tsv), English given names
// (given_names.tsv) and well-known international organizations (orgs.tsv), by folded key.
#pragma once

#include <string>
#include <vector>

#include "dsearch/word_set.h"
#include "entity_text.h"

namespace dsearch::entities {

struct KnownOrg {
  std::string name;     // "International Monetary Fund"
  std::string acronym;  // "IMF", may be empty
  bool caps_ok = true;  // the acronym may be trusted in all-caps text
};

struct OrgMatch {
  const KnownOrg* org = nullptr;
  size_t length = 0;
};

class NameLexicon {
 public:
  static const NameLexicon& instance();

  bool is_title(const Word& w) const;     // "President", "spokesman"
  bool is_verb(const Word& w) const { return verbs_.contains(w.key); }
  bool is_head(const Word& w) const { return heads_.contains(w.key) && w.shape != Shape::kLower; }
  bool is_particle(const Word& w) const { return w.shape == Shape::kLower && particles_.contains(w.key); }
  bool is_joiner(const Word& w) const { return w.shape == Shape::kLower && joiners_.contains(w.key); }
  bool is_never(const Word& w) const { return never_.contains(w.key); }
  bool is_given_name(const Word& w) const { return given_.contains(w.key); }

  // The longest known organization name or acronym starting at words[i].
  OrgMatch match_org(const std::vector<Word>& words, size_t i) const;

 private:
  NameLexicon();

  WordSet capital_titles_, lower_titles_, verbs_, heads_, particles_, joiners_, never_, given_;
  std::vector<KnownOrg> orgs_;
  WordMap<size_t> org_names_;  // key -> index in orgs_
  WordMap<size_t> acronyms_;   // key -> index (matched in capitals only)
  WordSet name_prefixes_;      // the first words of the org_names_ of more than one word ("bank", "bank of")
  size_t max_words_ = 1;
};

}  // namespace dsearch::entities
