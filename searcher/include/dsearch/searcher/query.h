// The query language: words, "phrases", AND/OR/NOT, +/-, parentheses, fields (title:, source:,
// country:, mentions:, person:, org:, lang:, date:), date ranges and trailing wildcards.
// Words are OR-ed by default and ranked by BM25.
#pragma once

#include <xapian.h>

#include <string>
#include <string_view>
#include <vector>

#include "dsearch/analyzer.h"
#include "dsearch/searcher/highlight.h"

namespace dsearch {

struct QueryContext {
  Xapian::Database db;                  // for wildcard expansion
  std::vector<Analyzer*> analyzers;     // one per language in the index; the first one's stopwords apply
  unsigned max_wildcard_terms = 1000;   // wildcard expansion cap (most frequent kept)
};

struct ParsedQuery {
  Xapian::Query match;     // the ranked part; empty (Query()) when the query has no free words
  Xapian::Query filter;    // boolean filters from fields; empty when none
  Highlight highlight;     // what snippets and titles mark
  std::vector<std::string> words;     // free words as folded, for "did you mean"
  std::vector<std::string> warnings;  // e.g. "envo* matched 5000 words; used the 1000 most frequent"
};

// Throws dsearch::Error(kUsage, ...) saying where: "unbalanced quote at column 12",
// "unknown country 'Narnia' (did you mean ...)".
ParsedQuery parse_query(std::string_view query, QueryContext& ctx);

// The boolean filter for one field value, as the --country/--person/--org/--source/--lang options
// and the field syntax both need it: field_filter("country", "North Korea") -> XMKP.
// field is one of: country, mentions, person, org, source, lang. Throws Error(kUsage) when unknown.
// `analyzers` are QueryContext's: person and org filters find the name's words with them.
Xapian::Query field_filter(std::string_view field, std::string_view value, const std::vector<Analyzer*>& analyzers);

// Date range filter on the date slot; either end may be empty. Accepts YYYY, YYYY-MM, YYYY-MM-DD.
// Throws Error(kUsage) on a malformed date.
Xapian::Query date_filter(std::string_view since, std::string_view until);

}  // namespace dsearch
