// What the index already holds, loaded from value slots (no document data is read), so that a
// re-run can skip unchanged articles and find the ones to remove.
#pragma once

#include <xapian.h>

#include <string>
#include <unordered_map>

namespace dsearch {

struct StoredArticle {
  Xapian::docid docid = 0;
  std::string hash;
  std::string file;      // relative to its root
  std::string root_key;
  int shard = -1;        // in a resumed full build, the shard that holds it (shard_build.h)
  bool seen = false;     // met again in this run (or must be kept)
};

using IndexState = std::unordered_map<std::string, StoredArticle>;  // by article id

IndexState load_state(const Xapian::Database& db);

}  // namespace dsearch
