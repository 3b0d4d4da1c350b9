// Page extraction (boilerplate, title, date, source, language) on any text.
#include "targets.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return dsearch::fuzz::page(data, size);
}
