// What an index holds of packed article records (record_codec.h), read straight from Xapian.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <string>

#include "dsearch/record_codec.h"
#include "dsearch/schema.h"

namespace dsearch::test {

inline std::size_t record_dictionaries(const Xapian::Database& db) {
  std::size_t n = 0;
  std::string prefix(schema::kMetaDictionary);
  for (auto it = db.metadata_keys_begin(prefix); it != db.metadata_keys_end(prefix); ++it) ++n;
  return n;
}

inline std::size_t packed_records(const Xapian::Database& db) {
  std::size_t n = 0;
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    std::string data = db.get_document(*it).get_data();
    n += !data.empty() && data[0] == kPackedRecord;
  }
  return n;
}

}  // namespace dsearch::test
