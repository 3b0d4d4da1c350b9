// Facet counting over every matching article: a MatchSpy that reads a packed list of values from a
// slot (an article can be about several countries) and counts each.
#pragma once

#include <xapian.h>

#include <string>
#include <unordered_map>
#include <vector>

#include "dsearch/searcher/search.h"

namespace dsearch {

class ListCountSpy : public Xapian::MatchSpy {
 public:
  explicit ListCountSpy(Xapian::valueno slot) : slot_(slot) {}
  void operator()(const Xapian::Document& doc, double wt) override;

  // The `n` most frequent values, most frequent first (ties by value, for stable output).
  std::vector<std::pair<std::string, Xapian::doccount>> top(std::size_t n) const;

 private:
  Xapian::valueno slot_;
  std::unordered_map<std::string, Xapian::doccount> counts_;
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
