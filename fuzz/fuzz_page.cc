// Page extraction (boilerplate, title, date, source, language) on any text.
#include "dsearch/indexer/decode.h"
#include "dsearch/indexer/page.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text = dsearch::make_valid_utf8(std::string_view(reinterpret_cast<const char*>(data), size));
  dsearch::extract_page(text);
  dsearch::PageHints hints;
  hints.lang = "de";
  dsearch::extract_page(text, hints);
  return 0;
}
