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

// Records packed and stored in their value slot alone: Glass would deflate a copy in the
// document data for nothing.
inline std::size_t packed_records(const Xapian::Database& db) {
  std::size_t n = 0;
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    Xapian::Document doc = db.get_document(*it);
    std::string data = stored_record(doc);
    n += !data.empty() && data[0] == kPackedRecord && doc.get_data().empty();
  }
  return n;
}

}  // namespace dsearch::test
