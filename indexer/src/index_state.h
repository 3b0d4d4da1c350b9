// What the index already holds, loaded from value slots (no document data is read), so that a
// re-run can skip unchanged articles and find the ones to remove. Compact, because a re-run holds
// it for every article of the index: an id is kept as its 128-bit hash, the content hash as a
// number and files and roots once each (as strings an entry took about 280 bytes, 280 MB for an
// index of 1M articles; now about 90).
#pragma once

#include <xapian.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "dsearch/deleted_docs.h"
#include "dsearch/hash.h"

namespace dsearch {

struct StoredArticle {
  Xapian::docid docid = 0;
  std::uint64_t hash = 0;
  std::uint32_t file = 0;  // index into IndexState::strings: relative to its root
  std::uint32_t root = 0;  // index into IndexState::strings: the root's key
  int shard = -1;          // in a resumed full build, the shard that holds it (shard_build.h)
  bool seen = false;       // met again in this run (or must be kept)
};

class IndexState {
 public:
  using Map = std::unordered_map<IdKey, StoredArticle, IdKeyHash>;

  IndexState();

  // Loads `db`'s articles but its `deleted` documents; `shard` is set on each (a resumed build's
  // shards).
  void load(const Xapian::Database& db, int shard = -1, const DeletedDocs* deleted = nullptr);

  StoredArticle* find(std::string_view id);
  StoredArticle& at(std::string_view id);
  std::size_t size() const { return articles_.size(); }
  Map::const_iterator begin() const { return articles_.begin(); }
  Map::const_iterator end() const { return articles_.end(); }

  const std::string& file(const StoredArticle& s) const { return strings_[s.file]; }
  const std::string& root_key(const StoredArticle& s) const { return strings_[s.root]; }

 private:
  std::uint32_t intern(const std::string& s);

  Map articles_;
  std::vector<std::string> strings_;
  std::unordered_map<std::string, std::uint32_t> string_ids_;
};

}  // namespace dsearch
