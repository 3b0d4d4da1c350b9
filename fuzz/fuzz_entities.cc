// Entity extraction on any text: title and body split at the first newline.
#include "dsearch/indexer/decode.h"
#include "dsearch/indexer/entities.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text = dsearch::make_valid_utf8(std::string_view(reinterpret_cast<const char*>(data), size));
  auto nl = text.find('\n');
  std::string_view all(text);
  std::string_view title = all.substr(0, nl == std::string::npos ? 0 : nl);
  std::string_view body = nl == std::string::npos ? all : all.substr(nl + 1);
  dsearch::extract_entities(title, body, "en");
  return 0;
}
