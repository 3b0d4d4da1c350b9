// The analysis chain and snippets on any text: offsets stay inside the text.
#include <cstdlib>

#include "dsearch/indexer/decode.h"
#include "dsearch/searcher/highlight.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static dsearch::Analyzer en("en"), fi("fi");
  std::string text = dsearch::make_valid_utf8(std::string_view(reinterpret_cast<const char*>(data), size));
  dsearch::Highlight h;
  for (auto* a : {&en, &fi})
    a->tokenize(text, [&](const dsearch::Token& t) {
      if (t.end > text.size() || t.begin >= t.end) std::abort();
      if (h.terms.size() < 3) h.terms.insert(t.term);
    });
  dsearch::snippet(text, en, h, 120);
  dsearch::mark_all(text, en, h);
  return 0;
}
