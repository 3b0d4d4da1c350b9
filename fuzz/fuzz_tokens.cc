// The word order value of phrases: any bytes as a stored value, any text as written.
#include "targets.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return dsearch::fuzz::tokens(data, size);
}
