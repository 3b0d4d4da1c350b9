// The query parser on any bytes, against a small in-memory index (wildcards, spelling).
#include "targets.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return dsearch::fuzz::query(data, size);
}
