// Numbers in strings: base-128 (7 bits a byte, the high bit set on all but the last), as the
// article records, the deleted-docid lists and the spelling data store them, and fixed 8-byte
// big-endian, as the origin and id-key values do.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace dsearch {

inline void put_varint(std::string& out, std::uint64_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<char>((v & 0x7F) | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
}

// Reads a number from the front of `in` and drops its bytes; false (and `in` unusable) when the
// bytes end inside it or it overflows 64 bits.
inline bool get_varint(std::string_view& in, std::uint64_t& v) {
  v = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (in.empty()) return false;
    auto byte = static_cast<unsigned char>(in.front());
    in.remove_prefix(1);
    if (shift == 63 && byte > 1) return false;  // bits past the 64th
    v |= static_cast<std::uint64_t>(byte & 0x7F) << shift;
    if (!(byte & 0x80)) return true;
  }
  return false;
}

// Fixed-width numbers, most significant byte first, so that byte order is number order.
template <class T>
void put_fixed(std::string& out, T v) {
  for (int shift = 8 * (static_cast<int>(sizeof(T)) - 1); shift >= 0; shift -= 8)
    out.push_back(static_cast<char>((v >> shift) & 0xFF));
}

// The number in the first sizeof(T) bytes of `in`, which must hold them.
template <class T>
T get_fixed(std::string_view in) {
  T v = 0;
  for (std::size_t i = 0; i < sizeof(T); ++i) v = static_cast<T>(v << 8) | static_cast<unsigned char>(in[i]);
  return v;
}

inline void put_u32(std::string& out, std::uint32_t v) { put_fixed(out, v); }
inline void put_u64(std::string& out, std::uint64_t v) { put_fixed(out, v); }
inline std::uint32_t get_u32(std::string_view in) { return get_fixed<std::uint32_t>(in); }
inline std::uint64_t get_u64(std::string_view in) { return get_fixed<std::uint64_t>(in); }

}  // namespace dsearch
