#include "dsearch/hash.h"

#include <xxhash.h>

#include <charconv>
#include <cstdio>

namespace dsearch {

std::string content_hash(std::string_view data) { return hex_digits(XXH3_64bits(data.data(), data.size())); }

std::string hex_digits(std::uint64_t n) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(n));
  return buf;
}

std::uint64_t hex_number(std::string_view hex) {
  std::uint64_t n = 0;
  auto [end, ec] = std::from_chars(hex.data(), hex.data() + hex.size(), n, 16);
  return hex.size() == 16 && ec == std::errc() && end == hex.data() + hex.size() ? n : 0;
}

IdKey id_key(std::string_view id) { return {XXH3_64bits(id.data(), id.size())}; }

std::uint32_t short_key(std::string_view name) { return static_cast<std::uint32_t>(XXH3_64bits(name.data(), name.size())); }

}  // namespace dsearch
