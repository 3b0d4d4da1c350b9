// The first half of extract_page: the page's language and its lines, classified as article or
// template. Shared with tools/boilerplate_model's feature dump, so training sees what dindex sees.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "boilerplate.h"
#include "dsearch/indexer/page.h"

namespace dsearch::page_detail {

struct PageLines {
  std::string lang;         // hinted, else detected
  std::vector<Line> lines;  // `keep` set
  bool clean = false;       // no template signal: every line kept, no model consulted
};

PageLines page_lines(std::string_view text, const PageHints& hints);

}  // namespace dsearch::page_detail
