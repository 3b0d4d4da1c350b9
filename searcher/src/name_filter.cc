#include "name_filter.h"

#include <vector>

#include "dsearch/error.h"
#include "dsearch/schema.h"

namespace dsearch {

Xapian::Query name_filter(std::string_view prefix, Xapian::valueno slot, std::string_view name) {
  std::string key = schema::entity_key(name);
  ensure(!key.empty(), ErrorKind::kUsage, "no words in '" + std::string(name) + "'");
  std::vector<std::string> words = schema::name_terms(prefix, name);
  if (key.find(' ') == std::string::npos) return Xapian::Query(words.front());
  Xapian::Query source((new NameKeyFilter(slot, schema::name_key(name)))->release());
  return Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query(Xapian::Query::OP_AND, words.begin(), words.end()),
                       source);
}

std::string NameKeyFilter::get_description() const { return "dsearch::NameKeyFilter(slot " + std::to_string(slot_) + ")"; }

bool NameKeyFilter::passes(Xapian::docid, const std::string& value) {
  for (std::size_t at = 0; at + key_.size() <= value.size(); at += schema::kNameKeyBytes)
    if (value.compare(at, key_.size(), key_) == 0) return true;
  return false;
}

}  // namespace dsearch
