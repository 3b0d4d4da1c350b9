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

IdKey id_key(std::string_view id) {
  XXH128_hash_t h = XXH3_128bits(id.data(), id.size());
  return {h.low64, h.high64};
}

std::string encode_id_key(const IdKey& key) {
  std::string out(16, '\0');
  for (int i = 0; i < 8; ++i) {
    out[i] = static_cast<char>((key.low >> (8 * i)) & 0xff);
    out[8 + i] = static_cast<char>((key.high >> (8 * i)) & 0xff);
  }
  return out;
}

IdKey decode_id_key(std::string_view value) {
  if (value.size() != 16) return {};
  IdKey key;
  for (int i = 7; i >= 0; --i) {
    key.low = (key.low << 8) | static_cast<unsigned char>(value[i]);
    key.high = (key.high << 8) | static_cast<unsigned char>(value[8 + i]);
  }
  return key;
}

}  // namespace dsearch
