// One lookup table from a lower-cased word to the set of stopword lists (stopwords/) that hold it,
// so that language voting and boilerplate scoring cost one hash lookup per word.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "dsearch/word_set.h"

namespace dsearch::page_detail {

struct StopwordIndex {
  std::vector<std::string> langs;                       // bit i of a mask is langs[i]
  WordMap<uint32_t> masks;

  uint32_t mask(std::string_view lower_word) const {
    auto it = masks.find(lower_word);
    return it == masks.end() ? 0 : it->second;
  }
  uint32_t bit(std::string_view lang) const;  // 0 when `lang` has no list
};

// Built on first use, then shared read-only by all threads.
const StopwordIndex& stopword_index();

}  // namespace dsearch::page_detail
