// Finding a calendar date in a short piece of text ("Updated: 2014-11-17 16:10", "Nov. 14, 2014",
// "14. November 2014", "17.11.2014", "14 de noviembre de 2014", "2014年11月17日").
#pragma once

#include <string>
#include <string_view>

namespace dsearch::page_detail {

// The first valid date in `text` as YYYY-MM-DD, or "". Ambiguous numeric forms (3/4/2014) are
// skipped rather than guessed. Linear in the size of `text`; callers pass short lines.
std::string find_date(std::string_view text);

}  // namespace dsearch::page_detail
