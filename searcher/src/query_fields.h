// Private helpers shared by the query parser and field_filter(): the boolean query for one
// field:value of the query language.
#pragma once

#include <xapian.h>

#include <string_view>

namespace dsearch::query_internal {

// The filter for `date:` values: "2014", "2014-11", "2014-11-01", "2014-11-01..2014-11-30",
// "..2014-11-30", "2014-11-01..". Throws Error(kUsage) on a malformed value.
Xapian::Query date_value_filter(std::string_view value);

}  // namespace dsearch::query_internal
