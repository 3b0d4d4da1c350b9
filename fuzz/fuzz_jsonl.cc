// Reading a JSON Lines file of any bytes (through a memory file, as dindex reads files).
#include "targets.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return dsearch::fuzz::jsonl(data, size);
}
