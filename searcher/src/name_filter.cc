#include "name_filter.h"

#include <algorithm>
#include <stdexcept>

#include "dsearch/document_terms.h"
#include "dsearch/error.h"

namespace dsearch {
namespace {

// One query per word of `name`: the OR of its terms in the index's languages, each folding it its
// own way ("D'Alema" is "alema" in Italian, "dalema" in English), and of its kNameWord term, which
// the indexer gave the articles whose text lacks it (add_name_words). A word some language's
// articles hold no term for (an English stopword: "Will Smith") narrows nothing, unless all the
// name's words are such ("The Who"): those have kNameWord terms.
std::vector<Xapian::Query> word_terms(std::string_view name, const std::vector<Analyzer*>& analyzers) {
  struct Word {
    std::vector<std::string> terms;
    bool unindexed = false;
  };
  std::vector<Word> words;
  for (const Token& t : analyzers.front()->tokens(name)) {
    Word w;
    for (Analyzer* a : analyzers) {
      std::string folded = a->fold(t.raw);
      if (unindexed(*a, folded)) {
        w.unindexed = true;
        continue;
      }
      if (std::string s = a->stem(folded); !s.empty() && std::find(w.terms.begin(), w.terms.end(), s) == w.terms.end())
        w.terms.push_back(std::move(s));
    }
    if (std::string word = schema::entity_key(t.raw); !word.empty()) w.terms.push_back(schema::term(schema::kNameWord, word));
    words.push_back(std::move(w));
  }
  bool all_unindexed = std::all_of(words.begin(), words.end(), [](const Word& w) { return w.unindexed; });
  std::vector<Xapian::Query> out;
  for (const auto& w : words)
    if ((all_unindexed || !w.unindexed) && !w.terms.empty()) out.emplace_back(Xapian::Query::OP_OR, w.terms.begin(), w.terms.end());
  return out;
}

}  // namespace

Xapian::Query name_filter(const NameSlots& slots, std::string_view name, const std::vector<Analyzer*>& analyzers) {
  std::string key = schema::entity_key(name);
  ensure(!key.empty(), ErrorKind::kUsage, "no words in '" + std::string(name) + "'");
  if (analyzers.empty() || std::find(analyzers.begin(), analyzers.end(), nullptr) != analyzers.end())
    throw std::invalid_argument("name_filter: no analyzer, or a null one");
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
