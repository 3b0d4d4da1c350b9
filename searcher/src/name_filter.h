// person: and org: filters. Names have no terms (schema 14: a term per name word cost the 14k mix
// 0.7 MB of its 18.5). A filter finds the name's words among the article's free-text terms, which
// the indexer made from the same text the name came from (or, for the few words a name holds that
// its text lacks, among the kNameWord terms: document_terms.h), and keeps the articles whose facet
// values hold the name: a name of several words as one of the article's name keys, a single word
// as one of the words of its names (schema::name_word_hashes), so that person:Putin finds
// "Vladimir Putin".
#pragma once

#include <xapian.h>

#include <string>
#include <string_view>
#include <vector>

#include "dsearch/analyzer.h"
#include "dsearch/schema.h"
#include "value_filter.h"

namespace dsearch {

// The slots of one kind of name: whole names' keys, and their words' hashes.
struct NameSlots {
  Xapian::valueno names, words;
};
inline constexpr NameSlots kPeopleSlots{schema::kSlotPeople, schema::kSlotPeopleWords};
inline constexpr NameSlots kOrgSlots{schema::kSlotOrgs, schema::kSlotOrgWords};

// The filter for `name`; `analyzers` are those of the index's languages (at least one, none null).
Xapian::Query name_filter(const NameSlots& slots, std::string_view name, const std::vector<Analyzer*>& analyzers);

// Keeps the documents whose value in its slot, a list of keys the size of `key`, holds `key`.
class NameKeyFilter : public ValueFilter {
 public:
  NameKeyFilter(Xapian::valueno slot, std::string key) : ValueFilter(slot), slot_(slot), key_(std::move(key)) {}
  NameKeyFilter* clone() const override { return new NameKeyFilter(slot_, key_); }
  std::string get_description() const override;

 private:
  bool passes(Xapian::docid did, const std::string& value) override;

  Xapian::valueno slot_;
  std::string key_;
};

}  // namespace dsearch
