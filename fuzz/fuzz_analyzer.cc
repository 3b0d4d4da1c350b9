// The analysis chain and snippets on any text: offsets stay inside the text.
#include "targets.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return dsearch::fuzz::analyzer(data, size);
}
