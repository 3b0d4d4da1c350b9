// Spelling data (spelling.h): any bytes as a stored length's words, any lines as words.
#include "targets.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return dsearch::fuzz::spelling(data, size);
}
