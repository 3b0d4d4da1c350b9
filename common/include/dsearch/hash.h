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

}  // namespace dsearch
