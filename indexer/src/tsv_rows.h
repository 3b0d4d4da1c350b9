// Rows of an embedded common/data/*.tsv file: '#' lines are comments, fields are tab-separated.
#pragma once

#include <functional>
#include <string_view>
#include <vector>

#include "dsearch/embedded.h"

namespace dsearch::entities {

inline void for_each_tsv_row(std::string_view file, const std::function<void(const std::vector<std::string_view>&)>& fn) {
  std::string_view text = embedded_common_data(file);
  std::vector<std::string_view> fields;
  while (!text.empty()) {
    auto nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    if (line.empty() || line.front() == '#') continue;
    fields.clear();
    for (size_t p = 0;;) {
      auto tab = line.find('\t', p);
      fields.push_back(line.substr(p, tab == std::string_view::npos ? std::string_view::npos : tab - p));
      if (tab == std::string_view::npos) break;
      p = tab + 1;
    }
    fn(fields);
  }
}

}  // namespace dsearch::entities
