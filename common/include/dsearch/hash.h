// Content hashing for change detection on re-index.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace dsearch {

// XXH3-64 of `data` as 16 lowercase hex digits.
std::string content_hash(std::string_view data);

// content_hash()'s form of a number: 16 lowercase hex digits.
std::string hex_digits(std::uint64_t n);

// The number of content_hash()'s 16 hex digits; 0 for anything else.
std::uint64_t hex_number(std::string_view hex);

// An article id as its XXH3-64 hash: 8 bytes whatever the id's length. Re-runs find articles by it;
// the id itself is only in the article's record. Two ids of one key are about one chance in 10^8
// among a million articles (16 bytes took 2.8 MB more of fi-news's index); a new article whose key
// an indexed one has is checked against that one's record before it replaces it (indexer.cc).
struct IdKey {
  std::uint64_t value = 0;
  bool operator==(const IdKey&) const = default;
};
struct IdKeyHash {
  std::size_t operator()(const IdKey& k) const noexcept { return k.value; }
};
IdKey id_key(std::string_view id);

// A root or file name as 32 bits (origin.h): enough to tell apart the few roots of an index
// (dindex checks that they differ) and the files of one root.
std::uint32_t short_key(std::string_view name);

}  // namespace dsearch
