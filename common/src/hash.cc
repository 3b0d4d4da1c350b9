#include "dsearch/hash.h"

#include <xxhash.h>

#include <cstdio>

namespace dsearch {

std::string content_hash(std::string_view data) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(XXH3_64bits(data.data(), data.size())));
  return buf;
}

}  // namespace dsearch
