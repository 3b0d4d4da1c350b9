// What an index holds of "did you mean" data (spelling.h), read straight from its metadata.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <map>
#include <string>

#include "dsearch/schema.h"
#include "dsearch/spelling.h"

namespace dsearch::test {

// Every spelling word of the index at `db_path` with its count.
inline std::map<std::string, std::uint64_t> spelling_counts(const std::string& db_path) {
  Xapian::Database db(db_path);
  std::map<std::string, std::uint64_t> out;
  std::string prefix(schema::kMetaSpelling);
  for (auto k = db.metadata_keys_begin(prefix); k != db.metadata_keys_end(prefix); ++k)
    for (const auto& w : spelling::decode(db.get_metadata(*k))) out[w.word] = w.count;
  return out;
}

}  // namespace dsearch::test
