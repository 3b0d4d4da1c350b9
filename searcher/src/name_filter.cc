#include "name_filter.h"

#include <algorithm>

#include "dsearch/document_terms.h"
#include "dsearch/error.h"

namespace dsearch {
namespace {

// One query per word of `name`: the OR of its terms in the index's languages and of its
// kNameWord term, which the indexer gave the articles whose text lacks it (add_name_words). A
// word some language's articles hold no term for (an English stopword: "Will Smith") narrows
// nothing.
std::vector<Xapian::Query> word_terms(std::string_view name, const std::vector<Analyzer*>& analyzers) {
  std::vector<Xapian::Query> out;
  if (analyzers.empty()) return out;
  for (const Token& t : analyzers.front()->tokens(name)) {
    if (std::any_of(analyzers.begin(), analyzers.end(), [&](Analyzer* a) { return unindexed(*a, t.folded); }))
      continue;
    std::vector<std::string> terms;
    for (Analyzer* a : analyzers)
      if (std::string s = a->stem(t.folded); !s.empty() && std::find(terms.begin(), terms.end(), s) == terms.end())
        terms.push_back(std::move(s));
    if (std::string word = schema::entity_key(t.raw); !word.empty()) terms.push_back(schema::term(schema::kNameWord, word));
    out.emplace_back(Xapian::Query::OP_OR, terms.begin(), terms.end());
  }
  return out;
}

}  // namespace

Xapian::Query name_filter(const NameSlots& slots, std::string_view name, const std::vector<Analyzer*>& analyzers) {
  std::string key = schema::entity_key(name);
  ensure(!key.empty(), ErrorKind::kUsage, "no words in '" + std::string(name) + "'");
  auto* check = key.find(' ') == std::string::npos ? new NameKeyFilter(slots.words, schema::name_word_hash(key))
                                                   : new NameKeyFilter(slots.names, schema::name_key(name));
  Xapian::Query names(check->release());
  std::vector<Xapian::Query> words = word_terms(name, analyzers);
  if (words.empty()) return names;
  return Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query(Xapian::Query::OP_AND, words.begin(), words.end()),
                       names);
}

std::string NameKeyFilter::get_description() const { return "dsearch::NameKeyFilter(slot " + std::to_string(slot_) + ")"; }

bool NameKeyFilter::passes(Xapian::docid, const std::string& value) {
  for (std::size_t at = 0; at + key_.size() <= value.size(); at += key_.size())
    if (value.compare(at, key_.size(), key_) == 0) return true;
  return false;
}

}  // namespace dsearch
