#include "facets.h"

#include <algorithm>
#include <utility>

#include "dsearch/article.h"
#include "dsearch/gazetteer.h"
#include "dsearch/schema.h"

namespace dsearch {

void ListCountSpy::operator()(const Xapian::Document& doc, double) {
  Xapian::docid did = doc.get_docid();
  if (did <= last_) {  // the matcher went back, which a value stream cannot: look it up
    count(doc.get_value(slot_));
    return;
  }
  last_ = did;
  if (it_ != end_ && it_.get_docid() < did) it_.skip_to(did);
  if (it_ != end_ && it_.get_docid() == did) count(*it_);
}

void ListCountSpy::count_one(std::string_view v) {
  if (v.empty()) return;
  auto found = counts_.find(v);
  if (found != counts_.end())
    ++found->second;
  else
    counts_.emplace(std::string(v), 1);
}

// Packed lists (schema::pack_list) are counted in place, without splitting them into strings.
void ListCountSpy::count(std::string_view packed) {
  if (!list_) return count_one(packed);
  while (!packed.empty()) {
    auto sep = packed.find('\x1f');
    count_one(packed.substr(0, sep));
    if (sep == std::string_view::npos) break;
    packed.remove_prefix(sep + 1);
  }
}

std::vector<std::pair<std::string, Xapian::doccount>> ListCountSpy::top(std::size_t n) const {
  // Sorts pointers: a facet of names over a whole archive has hundreds of thousands of values.
  std::vector<const std::pair<const std::string, Xapian::doccount>*> all;
  all.reserve(counts_.size());
  for (const auto& c : counts_) all.push_back(&c);
  auto by_count = [](const auto* a, const auto* b) {
    return a->second != b->second ? a->second > b->second : a->first < b->first;
  };
  n = std::min(n, all.size());
  std::partial_sort(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(n), all.end(), by_count);
  std::vector<std::pair<std::string, Xapian::doccount>> out;
  for (std::size_t i = 0; i < n; ++i) out.emplace_back(all[i]->first, all[i]->second);
  return out;
}

const std::vector<FacetSpec>& facet_specs() {
  static const std::vector<FacetSpec> specs = {
      {"country", schema::kSlotCountries, true},
      {"person", schema::kSlotPeople, true},
      {"org", schema::kSlotOrgs, true},
      {"source", schema::kSlotSource, false},
  };
  return specs;
}

std::string SourceNames::name(const std::string& key) {
  if (!std::exchange(listed_, true)) {
    std::string prefix(schema::kSource);
    for (auto t = db_.allterms_begin(prefix); t != db_.allterms_end(prefix); ++t)
      terms_.emplace(schema::source_value(*t), *t);
  }
  auto term = terms_.find(key);
  if (term == terms_.end()) return "";
  auto post = db_.postlist_begin(term->second);
  if (post == db_.postlist_end(term->second)) return "";
  try {
    return deserialize(unpacker_.unpack(stored_record(db_.get_document(*post)), db_)).source;
  } catch (const std::runtime_error&) {
    return "";  // a damaged record: the facet leaves this source out
  }
}

Facet make_facet(const FacetSpec& spec, const ListCountSpy& spy, std::size_t n, SourceNames& sources) {
  Facet f{spec.name, {}};
  for (const auto& [value, count] : spy.top(n)) {
    if (spec.slot == schema::kSlotCountries) {
      f.values.push_back({value, Gazetteer::instance().label(value), count});
    } else if (spec.slot == schema::kSlotSource) {
      std::string name = sources.name(value);
      if (!name.empty()) f.values.push_back({name, name, count});
    } else {
      f.values.push_back({value, value, count});
    }
  }
  return f;
}

}  // namespace dsearch
