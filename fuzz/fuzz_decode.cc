// Decoding any bytes: the result is valid UTF-8 or a clear error.
#include <cstdlib>

#include "dsearch/indexer/decode.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  dsearch::Decoded d = dsearch::decode_text(bytes);
  if (d.error.empty() && dsearch::make_valid_utf8(d.text) != d.text) std::abort();
  std::string v = dsearch::make_valid_utf8(bytes);
  if (dsearch::make_valid_utf8(v) != v) std::abort();
  return 0;
}
