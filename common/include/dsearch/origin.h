// Where an article came from and what it held, for re-runs, in 24 bytes at the start of
// schema::kSlotRecord's value (record_codec.h): its id's key, its content hash, and short keys of
// the root it was indexed under and of its file relative to that root. Re-runs read nothing else
// of an article. Until schema 9 the id's key was a value of its own, and the root key and file
// name took 8 bytes and the name: 48 bytes an article in all.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "dsearch/hash.h"

namespace dsearch {

struct Origin {
  IdKey id;                // id_key(article id)
  std::uint64_t hash = 0;  // hex_number(content_hash(raw article))
  std::uint32_t root = 0;  // short_key(absolute root)
  std::uint32_t file = 0;  // short_key(file relative to the root)
  bool operator==(const Origin&) const = default;
};

inline constexpr std::size_t kOriginBytes = 24;

std::string encode_origin(const Origin& o);

// What encode_origin() wrote. A value of another length (damage) reads as an empty Origin: the key
// of no id and hash 0, which match no article, so the next run indexes the article again.
Origin decode_origin(std::string_view value);

}  // namespace dsearch
