#include "facets.h"

#include <algorithm>
#include <cstring>
#include <utility>

#include "dsearch/gazetteer.h"
#include "dsearch/schema.h"

namespace dsearch {
namespace {

// Sorts pointers and ranks only the first n: a facet of names over a whole archive has hundreds of
// thousands of values.
template <class Entry, class Before>
std::vector<const Entry*> first(std::vector<const Entry*> all, std::size_t n, Before before) {
  n = std::min(n, all.size());
  std::partial_sort(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(n), all.end(), before);
  all.resize(n);
  return all;
}

}  // namespace

std::uint64_t key_number(std::string_view key) {
  std::uint64_t n = 0;
  std::memcpy(&n, key.data(), std::min(key.size(), sizeof n));
  return n;
}

const std::vector<FacetSpec>& facet_specs() {
  static const std::vector<FacetSpec> specs = {
      {"country", schema::kSlotCountries, nullptr},
      {"person", schema::kSlotPeople, [](const Article& a) { return a.people; }},
      {"org", schema::kSlotOrgs, [](const Article& a) { return a.orgs; }},
      {"source", schema::kSlotSource, [](const Article& a) { return std::vector<std::string>{a.source}; }},
  };
  return specs;
}

std::string FacetNames::name(const FacetSpec& spec, Xapian::docid did, std::uint64_t key) {
  auto it = articles_.find(did);
  if (it == articles_.end()) {
    Article a;
    try {
      // The spy met `did` in the match: Xapian need not look up that it exists (2 us a name).
      a = deserialize(unpacker_.unpack(stored_record(db_.get_document(did, Xapian::DOC_ASSUME_VALID)), db_));
    } catch (const std::runtime_error&) {
      // a damaged record names nothing: the facet leaves its keys out
    }
    it = articles_.emplace(did, std::move(a)).first;
  }
  for (const auto& name : spec.names(it->second))
    if (key_number(schema::name_key(name)) == key) return name;
  return "";
}

void SlotSpy::operator()(const Xapian::Document& doc, double) {
  Xapian::docid did = doc.get_docid();
  if (did <= last_) {  // the matcher went back, which a value stream cannot: look it up
    count(doc.get_value(spec_.slot), did);
    return;
  }
  last_ = did;
  if (it_ != end_ && it_.get_docid() < did) it_.skip_to(did);
  if (it_ != end_ && it_.get_docid() == did) count(*it_, did);
}

void CodeCountSpy::count(std::string_view packed, Xapian::docid) {
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

Facet CodeCountSpy::facet(std::size_t n, FacetNames&) const {
  using Entry = std::pair<const std::string, Xapian::doccount>;
  std::vector<const Entry*> all;
  all.reserve(counts_.size());
  for (const auto& c : counts_) all.push_back(&c);
  Facet f{spec_.name, {}};
  for (const Entry* e : first(std::move(all), n, [](const Entry* a, const Entry* b) {
         return a->second != b->second ? a->second > b->second : a->first < b->first;
       }))
    f.values.push_back({e->first, Gazetteer::instance().label(e->first), e->second});
  return f;
}

void KeyCountSpy::count(std::string_view keys, Xapian::docid did) {
  for (; keys.size() >= schema::kNameKeyBytes; keys.remove_prefix(schema::kNameKeyBytes)) {
    Seen& s = counts_[key_number(keys.substr(0, schema::kNameKeyBytes))];
    if (s.count++ == 0) s.first = did;
  }
}

// Ranks by count and key, names the first n, then orders ties by name.
Facet KeyCountSpy::facet(std::size_t n, FacetNames& names) const {
  using Entry = std::pair<const std::uint64_t, Seen>;
  std::vector<const Entry*> all;
  all.reserve(counts_.size());
  for (const auto& c : counts_) all.push_back(&c);
  Facet f{spec_.name, {}};
  for (const Entry* e : first(std::move(all), n, [](const Entry* a, const Entry* b) {
         return a->second.count != b->second.count ? a->second.count > b->second.count : a->first < b->first;
       })) {
    std::string name = names.name(spec_, e->second.first, e->first);
    if (!name.empty()) f.values.push_back({name, name, e->second.count});
  }
  std::stable_sort(f.values.begin(), f.values.end(), [](const FacetValue& a, const FacetValue& b) {
    return a.count != b.count ? a.count > b.count : a.value < b.value;
  });
  return f;
}

}  // namespace dsearch
