// How article text becomes Xapian terms; the writer uses it, and tests build indexes with it, so
// that the searcher's expectations and the index agree.
#pragma once

#include <xapian.h>

#include <functional>
#include <string_view>

#include "dsearch/analyzer.h"

namespace dsearch {

// Title words count this many times in the free-text field: BM25 then ranks a title match above
// a body match.
inline constexpr Xapian::termcount kTitleWdf = 3;

// Adds the free-text terms of an article: title words unprefixed (wdf kTitleWdf) and under
// schema::kTitle, then body words unprefixed, without positions; and their order, title then
// body, as a TokenSequence in schema::kSlotTokens, which phrase queries read. Calls `on_token`
// for each word when given (the indexer collects spelling data from it without analysing the
// text twice).
void add_text_terms(Xapian::Document& doc, Analyzer& analyzer, std::string_view title,
                    std::string_view body,
                    const std::function<void(const Token&)>& on_token = nullptr);

}  // namespace dsearch
