#include "stopword_index.h"

#include "dsearch/analyzer.h"

namespace dsearch::page_detail {
namespace {

StopwordIndex build() {
  StopwordIndex idx;
  for (const auto& lang : stopword_languages()) {
    if (idx.langs.size() == 32) break;  // a mask holds 32 languages
    uint32_t bit = 1u << idx.langs.size();
    idx.langs.push_back(lang);
    for (const auto& w : stopwords(lang)) idx.masks[w] |= bit;
  }
  return idx;
}

}  // namespace

uint32_t StopwordIndex::bit(std::string_view lang) const {
  for (std::size_t i = 0; i < langs.size(); ++i)
    if (langs[i] == lang) return 1u << i;
  return 0;
}

const StopwordIndex& stopword_index() {
  static const StopwordIndex idx = build();
  return idx;
}

}  // namespace dsearch::page_detail
