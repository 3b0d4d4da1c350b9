// Where an article came from and what it held, for re-runs: its content hash, the key of the root
// it was indexed under and its file relative to that root, in one value (schema::kSlotOrigin):
// 8 bytes of hash, 8 of root key, then the file. As three values of hex digits and names they
// took about 50 bytes an article, 15 MB of fi-news's index.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "dsearch/hash.h"

namespace dsearch {

struct Origin {
  std::uint64_t hash = 0;  // hex_number(content_hash(raw article))
  std::uint64_t root = 0;  // hex_number(content_hash(absolute root)); 0: indexed under no root
  std::string file;        // relative to the root
};

std::string encode_origin(const Origin& o);

// What encode_origin() wrote; a value too short for it (damage) reads as an empty Origin, which
// matches no article, so the next run indexes the article again.
Origin decode_origin(std::string_view value);

}  // namespace dsearch
