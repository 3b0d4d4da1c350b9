// person: and org: filters. The index has a term for each word of a name (XPvladimir, XPputin),
// so that person:Putin finds "Vladimir Putin", and for a name of one word; a name of several
// words has no term of its own (schema 13: those were 19,000 terms of the 14k mix, mostly of one
// article each, and 0.8 MB of its 19.3 MB). Its filter is the AND of its words' terms, kept where
// the article's name keys (the facet slot) hold the name's.
#pragma once

#include <xapian.h>

#include <string>
#include <string_view>

#include "value_filter.h"

namespace dsearch {

// The filter for the name `name` under the term prefix `prefix`, whose name keys are in `slot`.
Xapian::Query name_filter(std::string_view prefix, Xapian::valueno slot, std::string_view name);

// Keeps the documents whose value in its slot (schema::name_keys) holds one name key.
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
