#include "dsearch/origin.h"

#include "dsearch/varint.h"

namespace dsearch {

std::string encode_origin(const Origin& o) {
  std::string out;
  out.reserve(16 + o.file.size());
  put_u64(out, o.hash);
  put_u64(out, o.root);
  out += o.file;
  return out;
}

Origin decode_origin(std::string_view value) {
  if (value.size() < 16) return {};
  return Origin{get_u64(value), get_u64(value.substr(8)), std::string(value.substr(16))};
}

}  // namespace dsearch
