#include "dsearch/origin.h"

namespace dsearch {
namespace {

void put64(std::string& out, std::uint64_t n) {
  for (int shift = 56; shift >= 0; shift -= 8) out.push_back(static_cast<char>((n >> shift) & 0xff));
}

std::uint64_t get64(std::string_view in) {
  std::uint64_t n = 0;
  for (int i = 0; i < 8; ++i) n = (n << 8) | static_cast<unsigned char>(in[i]);
  return n;
}

}  // namespace

std::string encode_origin(const Origin& o) {
  std::string out;
  out.reserve(16 + o.file.size());
  put64(out, o.hash);
  put64(out, o.root);
  out += o.file;
  return out;
}

Origin decode_origin(std::string_view value) {
  if (value.size() < 16) return {};
  return Origin{get64(value), get64(value.substr(8)), std::string(value.substr(16))};
}

}  // namespace dsearch
