// Facet counting over every matching article: a MatchSpy that reads a packed list of values from a
// slot (an article can be about several countries) and counts each.
#pragma once

#include <xapian.h>

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "dsearch/searcher/search.h"

namespace dsearch {

// The matcher hands over documents in ascending docid order, so the spy walks the slot's value
// stream forward alongside it: a Document::get_value per match costs a B-tree lookup each.
class ListCountSpy : public Xapian::MatchSpy {
 public:
  ListCountSpy(const Xapian::Database& db, Xapian::valueno slot)
      : slot_(slot), it_(db.valuestream_begin(slot)), end_(db.valuestream_end(slot)) {}
  void operator()(const Xapian::Document& doc, double wt) override;

  // The `n` most frequent values, most frequent first (ties by value, for stable output).
  std::vector<std::pair<std::string, Xapian::doccount>> top(std::size_t n) const;

 private:
  void count(std::string_view packed);

  Xapian::valueno slot_;
  Xapian::ValueIterator it_, end_;
  Xapian::docid last_ = 0;
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };
  std::unordered_map<std::string, Xapian::doccount, Hash, std::equal_to<>> counts_;
};

// The facets dsearch shows, in order, with their slots.
struct FacetSpec {
  const char* name;
  Xapian::valueno slot;
};
const std::vector<FacetSpec>& facet_specs();

// Labels the top values of a spy: countries get their English names.
Facet make_facet(const FacetSpec& spec, const ListCountSpy& spy, std::size_t n);

}  // namespace dsearch
