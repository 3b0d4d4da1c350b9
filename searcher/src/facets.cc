#include "facets.h"

#include <algorithm>

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

// Packed lists (schema::pack_list) are counted in place, without splitting them into strings.
void ListCountSpy::count(std::string_view packed) {
  while (!packed.empty()) {
    auto sep = packed.find('\x1f');
    std::string_view v = packed.substr(0, sep);
    if (!v.empty()) {
      auto found = counts_.find(v);
      if (found != counts_.end())
        ++found->second;
      else
        counts_.emplace(std::string(v), 1);
    }
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
      {"country", schema::kSlotCountries},
      {"person", schema::kSlotPeople},
      {"org", schema::kSlotOrgs},
      {"source", schema::kSlotSource},
  };
  return specs;
}

Facet make_facet(const FacetSpec& spec, const ListCountSpy& spy, std::size_t n) {
  Facet f{spec.name, {}};
  bool countries = spec.slot == schema::kSlotCountries;
  for (const auto& [value, count] : spy.top(n))
    f.values.push_back({value, countries ? Gazetteer::instance().label(value) : value, count});
  return f;
}

}  // namespace dsearch
