#include "name_filter.h"

#include <algorithm>
#include <set>

#include "dsearch/document_terms.h"
#include "dsearch/embedded.h"
#include "dsearch/error.h"

namespace dsearch {
namespace {

// The entity keys of the well-known organizations' names (the second column of orgs.tsv, the
// name the indexer gives them) and of each of their words.
const std::set<std::string>& gazetteer_org_keys() {
  static const std::set<std::string> keys = [] {
    std::set<std::string> out;
    std::string_view data = embedded_common_data("orgs.tsv");
    for (std::size_t at = 0; at < data.size();) {
      std::size_t end = std::min(data.find('\n', at), data.size());
      std::string_view line = data.substr(at, end - at);
      at = end + 1;
      if (line.empty() || line.front() == '#') continue;
      std::size_t tab = line.find('\t');
      if (tab == std::string_view::npos) continue;
      std::string_view name = line.substr(tab + 1, line.find('\t', tab + 1) - tab - 1);
      out.insert(schema::entity_key(name));
      for (auto& w : schema::name_words(name)) out.insert(std::move(w));
    }
    return out;
  }();
  return keys;
}

// One query per word of `name`: the OR of its terms in the index's languages. A word some
// language's articles hold no term for (an English stopword: "Will Smith") narrows nothing.
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
    if (!terms.empty()) out.emplace_back(Xapian::Query::OP_OR, terms.begin(), terms.end());
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
  if (slots.gazetteer && gazetteer_org_keys().count(key)) return names;
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
