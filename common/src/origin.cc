#include "dsearch/origin.h"

#include "dsearch/varint.h"

namespace dsearch {

std::string encode_origin(const Origin& o) {
  std::string out;
  out.reserve(kOriginBytes);
  put_u64(out, o.id.value);
  put_u64(out, o.hash);
  put_u32(out, o.root);
  put_u32(out, o.file);
  return out;
}

Origin decode_origin(std::string_view value) {
  if (value.size() != kOriginBytes) return {};
  return Origin{{get_u64(value)}, get_u64(value.substr(8)), get_u32(value.substr(16)), get_u32(value.substr(20))};
}

}  // namespace dsearch
