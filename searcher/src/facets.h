// Facet counting over every matching article: MatchSpies that read a slot per match. Countries are
// packed lists of codes (schema::pack_list), counted as they are; people, organizations and
// sources are name keys (schema::name_keys), counted as numbers and named, for the values shown,
// from the record of an article that has them.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "dsearch/article.h"
#include "dsearch/record_codec.h"
#include "dsearch/searcher/search.h"
#include "dsearch/word_set.h"

namespace dsearch {

// The facets dsearch shows, in order, with their slots. `names` is null for a slot of codes;
// otherwise it gives the names an article's record holds for the slot's keys.
struct FacetSpec {
  const char* name;
  Xapian::valueno slot;
  std::vector<std::string> (*names)(const Article&);
};
const std::vector<FacetSpec>& facet_specs();

// The names of keys, from the records of the articles the spies saw them in; each record is read
// once per search.
class FacetNames {
 public:
  FacetNames(const Xapian::Database& db, RecordUnpacker& unpacker) : db_(db), unpacker_(unpacker) {}
  // "" when the record of `did` holds no name of that key (damage).
  std::string name(const FacetSpec& spec, Xapian::docid did, std::uint64_t key);

 private:
  const Xapian::Database& db_;
  RecordUnpacker& unpacker_;
  std::map<Xapian::docid, Article> articles_;
};

// The matcher hands over documents in ascending docid order, so the spy walks the slot's value
// stream forward alongside it: a Document::get_value per match costs a B-tree lookup each.
class SlotSpy : public Xapian::MatchSpy {
 public:
  SlotSpy(const Xapian::Database& db, const FacetSpec& spec)
      : spec_(spec), it_(db.valuestream_begin(spec.slot)), end_(db.valuestream_end(spec.slot)) {}
  void operator()(const Xapian::Document& doc, double wt) override;

  // The `n` most frequent values, most frequent first, ties by value.
  virtual Facet facet(std::size_t n, FacetNames& names) const = 0;

 protected:
  virtual void count(std::string_view value, Xapian::docid did) = 0;
  const FacetSpec& spec_;

 private:
  Xapian::ValueIterator it_, end_;
  Xapian::docid last_ = 0;
};

// Counts the codes of packed lists in place, without splitting them into strings.
class CodeCountSpy : public SlotSpy {
 public:
  using SlotSpy::SlotSpy;
  Facet facet(std::size_t n, FacetNames& names) const override;

 private:
  void count(std::string_view packed, Xapian::docid did) override;
  WordMap<Xapian::doccount> counts_;
};

// Counts name keys as numbers, each with the first article it was seen in, to name it by.
class KeyCountSpy : public SlotSpy {
 public:
  using SlotSpy::SlotSpy;
  Facet facet(std::size_t n, FacetNames& names) const override;

 private:
  void count(std::string_view keys, Xapian::docid did) override;
  struct Seen {
    Xapian::doccount count = 0;
    Xapian::docid first = 0;
  };
  std::unordered_map<std::uint64_t, Seen> counts_;
};

// The number a name key stands for in the spies.
std::uint64_t key_number(std::string_view key);

}  // namespace dsearch
