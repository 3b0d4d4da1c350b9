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

// An article id as its XXH3-128 hash: 16 bytes whatever the id's length. Re-runs find articles by
// it; the id itself is only in the article's record.
struct IdKey {
  std::uint64_t low = 0, high = 0;
  bool operator==(const IdKey&) const = default;
};
struct IdKeyHash {
  std::size_t operator()(const IdKey& k) const noexcept { return k.low; }
};
IdKey id_key(std::string_view id);

// The key as the value schema::kSlotId holds (16 bytes), and back; a value of another length
// (damage) reads as the key of no id, so the next run indexes that article again.
std::string encode_id_key(const IdKey& key);
IdKey decode_id_key(std::string_view value);

}  // namespace dsearch
