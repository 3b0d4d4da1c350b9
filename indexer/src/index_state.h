// What the index already holds, loaded from the origins that lead the record values (origin.h,
// record_codec.h; no record is unpacked), so that a re-run can skip unchanged articles and find
// the ones to remove. Compact, because a re-run holds it for every article of the index: ids,
// files and roots are kept as hashes (as strings an entry took about 280 bytes, 280 MB for an
// index of 1M articles; now about 70).
#pragma once

#include <xapian.h>

#include <cstdint>
#include <string_view>
#include <unordered_map>

#include "dsearch/deleted_docs.h"
#include "dsearch/hash.h"

namespace dsearch {

struct StoredArticle {
  Xapian::docid docid = 0;
  std::uint64_t hash = 0;
  std::uint32_t root = 0;  // short_key() of its root
  std::uint32_t file = 0;  // short_key() of its file relative to the root
  int shard = -1;          // in a resumed full build, the shard that holds it (shard_build.h)
  bool seen = false;       // met again in this run (or must be kept)
};

class IndexState {
 public:
  using Map = std::unordered_map<IdKey, StoredArticle, IdKeyHash>;

  // Loads `db`'s articles but its `deleted` documents; `shard` is set on each (a resumed build's
  // shards).
  void load(const Xapian::Database& db, int shard = -1, const DeletedDocs* deleted = nullptr);

  StoredArticle* find(std::string_view id);
  StoredArticle& at(std::string_view id);
  std::size_t size() const { return articles_.size(); }
  Map::const_iterator begin() const { return articles_.begin(); }
  Map::const_iterator end() const { return articles_.end(); }

 private:
  Map articles_;
};

}  // namespace dsearch
