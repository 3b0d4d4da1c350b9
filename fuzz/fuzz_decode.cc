// Decoding any bytes: the result is valid UTF-8 or a clear error.
#include "targets.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return dsearch::fuzz::decode(data, size);
}
