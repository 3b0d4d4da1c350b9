#include "facets.h"

#include <algorithm>

#include "dsearch/gazetteer.h"
#include "dsearch/schema.h"

namespace dsearch {

void ListCountSpy::operator()(const Xapian::Document& doc, double) {
  std::string packed = doc.get_value(slot_);
  for (const auto& v : schema::unpack_list(packed))
    if (!v.empty()) ++counts_[v];
}

std::vector<std::pair<std::string, Xapian::doccount>> ListCountSpy::top(std::size_t n) const {
  std::vector<std::pair<std::string, Xapian::doccount>> all(counts_.begin(), counts_.end());
  auto by_count = [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  };
  n = std::min(n, all.size());
  std::partial_sort(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(n), all.end(), by_count);
  all.resize(n);
  return all;
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
