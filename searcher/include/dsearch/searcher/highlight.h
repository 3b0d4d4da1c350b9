// What a query matched, and snippets that show it: the best passage of a body with every matched
// word marked. Matching runs the same analysis chain as indexing, so a word that matched is a
// word that gets marked.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <functional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "dsearch/analyzer.h"

namespace dsearch {

struct Highlight {
  std::unordered_set<std::string> terms;  // analysed terms (Token::term) to mark
  std::vector<std::string> prefixes;      // wildcard prefixes (folded, unstemmed) to mark
  std::vector<std::vector<std::string>> phrases;  // phrase terms, to prefer passages holding them

  bool matches(const Token& t) const;
  bool empty() const { return terms.empty() && prefixes.empty(); }
};

// A piece of text, marked or not; a printer decides how marks look (ANSI, **, <mark>).
struct Fragment {
  std::string text;
  bool match = false;
};

// Said of a body when the index cannot tell how many highlight terms it holds.
inline constexpr std::size_t kUnknownTerms = static_cast<std::size_t>(-1);

// How many distinct terms of `h` the body holds, read from the document's stored word order
// (the value of schema::kSlotTokens), without analysing the body. kUnknownTerms when the value
// cannot tell: none stored, or `h` has wildcards or phrases, whose matches it does not record.
// `holds` says whether the document holds a term: the word order tells only of the stopword
// table's words, and maps any other word to some slot (token_sequence.h).
std::size_t terms_in_body(const Highlight& h, std::string_view token_order,
                          const std::function<bool(const std::string&)>& holds);

// Which terms of `h` each of some documents holds, from the terms' posting lists (the index has no
// termlists), for terms_in_body: one posting list a term, walked once over the documents in docid
// order. Empty when terms_in_body would not ask (`h` has wildcards or phrases).
class HeldTerms {
 public:
  HeldTerms(const Xapian::Database& db, const Highlight& h, std::vector<Xapian::docid> docids);
  bool holds(Xapian::docid did, const std::string& term) const { return held_.count({did, term}) > 0; }

 private:
  std::set<std::pair<Xapian::docid, std::string>> held_;
};

// The best passage of `body` of about `max_chars` characters: the one with the most distinct
// matched terms (then most matches), starting at a sentence start where it can, with "…" where it
// cuts text. Every matched word in it is a match fragment. With nothing to highlight, the start
// of the body. With `body_terms` (terms_in_body) known, the body is analysed only until a passage
// shows that many terms: news puts what a query asks for early, so most of a long body is skipped.
std::vector<Fragment> snippet(std::string_view body, Analyzer& analyzer, const Highlight& h,
                              std::size_t max_chars = 240, std::size_t body_terms = kUnknownTerms);

// The whole of `text` (a title) with matched words marked.
std::vector<Fragment> mark_all(std::string_view text, Analyzer& analyzer, const Highlight& h);

}  // namespace dsearch
