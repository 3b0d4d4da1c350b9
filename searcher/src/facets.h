// Facet counting over every matching article: a MatchSpy that reads a packed list of values from a
// slot (an article can be about several countries) and counts each.
#pragma once

#include <xapian.h>

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "dsearch/record_codec.h"
#include "dsearch/searcher/search.h"

namespace dsearch {

// The matcher hands over documents in ascending docid order, so the spy walks the slot's value
// stream forward alongside it: a Document::get_value per match costs a B-tree lookup each.
// A slot of single values (`list` false) counts each value whole: a source's key may hold any byte.
class ListCountSpy : public Xapian::MatchSpy {
 public:
  ListCountSpy(const Xapian::Database& db, Xapian::valueno slot, bool list = true)
      : slot_(slot), list_(list), it_(db.valuestream_begin(slot)), end_(db.valuestream_end(slot)) {}
  void operator()(const Xapian::Document& doc, double wt) override;

  // The `n` most frequent values, most frequent first (ties by value, for stable output).
  std::vector<std::pair<std::string, Xapian::doccount>> top(std::size_t n) const;

 private:
  void count(std::string_view packed);
  void count_one(std::string_view value);

  Xapian::valueno slot_;
  bool list_;
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
  bool list;  // the slot holds packed lists (schema::pack_list), not one value
};
const std::vector<FacetSpec>& facet_specs();

// The sources of kSlotSource's keys (schema::source_value): the few source terms are listed once,
// and a key's name is read from the record of an article its term finds.
class SourceNames {
 public:
  SourceNames(const Xapian::Database& db, RecordUnpacker& unpacker) : db_(db), unpacker_(unpacker) {}
  // "" for a key no source term of the index has.
  std::string name(const std::string& key);

 private:
  const Xapian::Database& db_;
  RecordUnpacker& unpacker_;
  std::unordered_map<std::string, std::string> terms_;  // key -> term, once listed
  bool listed_ = false;
};

// Labels the top values of a spy: countries get their English names, source keys their names.
Facet make_facet(const FacetSpec& spec, const ListCountSpy& spy, std::size_t n, SourceNames& sources);

}  // namespace dsearch
