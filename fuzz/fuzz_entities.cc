// Entity extraction on any text: title and body split at the first newline.
#include "targets.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return dsearch::fuzz::entities(data, size);
}
