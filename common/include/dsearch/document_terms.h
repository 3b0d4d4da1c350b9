// How article text becomes Xapian terms; the writer uses it, and tests build indexes with it, so
// that the searcher's expectations and the index agree.
#pragma once

#include <xapian.h>

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "dsearch/analyzer.h"

namespace dsearch {

// Title words count this many times in the free-text field: BM25 then ranks a title match above
// a body match.
inline constexpr Xapian::termcount kTitleWdf = 3;

// Whether `folded`, analysed by `analyzer`, has no term in the index. Only English stopwords are
// left out, from English articles: queries drop English's stopwords whenever the index holds
// English, so those terms would never be asked for. Another language's stopwords can be query
// words there ("die", "man"), and a query of one alone would have to read every article's word
// order to find them.
inline bool unindexed(const Analyzer& analyzer, std::string_view folded) {
  return analyzer.lang() == "en" && analyzer.is_stopword(folded);
}

// Adds the free-text terms of an article: title words (wdf kTitleWdf), then body words, all
// unprefixed, without positions or unindexed() words; and the order of all the words, title then
// body, as a TokenSequence in schema::kSlotTokens, which phrase and title: queries read. Calls
// `on_token` for each word when given (the indexer collects spelling data from it without
// analysing the text twice).
void add_text_terms(Xapian::Document& doc, Analyzer& analyzer, std::string_view title,
                    std::string_view body,
                    const std::function<void(const Token&)>& on_token = nullptr);

// So that a person: or org: filter finds every word of the article's names among its terms
// (searcher/src/name_filter.h): a schema::kNameWord term for each word of `names` that has no
// free-text term in `doc` yet (call it after add_text_terms), and for every word of a name of
// nothing but unindexed() words ("The Who"). A name may hold words its article lacks: a
// well-known organization named by its acronym ("OPEC") gets its full name.
void add_name_words(Xapian::Document& doc, Analyzer& analyzer, const std::vector<std::string>& names);

}  // namespace dsearch
