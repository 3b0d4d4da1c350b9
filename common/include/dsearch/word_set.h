// Sets and maps keyed by words, looked up by std::string_view without copying the key: Abseil's
// SwissTable (open addressing, no division per probe) with XXH3. The node-based std::unordered_set
// paid a cache miss per node and a division per bucket; its lookups of folded words in the
// stopword and entity lexicons were about a quarter of entity extraction's time on the news
// corpora. (Debian's Abseil has its own string_view, hence the hash of our own.)
#pragma once

#include <absl/container/flat_hash_map.h>
#include <absl/container/flat_hash_set.h>
#include <xxhash.h>

#include <functional>
#include <string>
#include <string_view>

namespace dsearch {

struct WordHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept { return XXH3_64bits(s.data(), s.size()); }
};

using WordSet = absl::flat_hash_set<std::string, WordHash, std::equal_to<>>;

template <class Value>
using WordMap = absl::flat_hash_map<std::string, Value, WordHash, std::equal_to<>>;

}  // namespace dsearch
