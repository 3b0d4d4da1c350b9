// Stored records (record_codec.h, article.h): any bytes unpacked and read, any bytes packed.
#include "targets.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return dsearch::fuzz::record(data, size);
}
