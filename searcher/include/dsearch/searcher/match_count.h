// How many matches a search must count. Counting `wanted` matches (Enquire's check_at_least)
// makes a total below `wanted` exact, but it forbids Xapian's max-weight pruning until then, and
// that doubles the time of a query for a frequent word (bench/SPEED.md). The index's term
// frequencies often settle the total beforehand: one word has exactly its frequency, and an OR
// has at least the frequency of its most frequent part. Then counting changes nothing shown.
#pragma once

#include <xapian.h>

namespace dsearch {

// Lower and upper bounds of the number of documents `query` matches, from term frequencies alone.
struct MatchBounds {
  Xapian::doccount lower = 0, upper = 0;
};
MatchBounds match_bounds(const Xapian::Query& query, const Xapian::Database& db);

// check_at_least for Enquire::get_mset so that a total below `wanted` is exact: 0 when the bounds
// already make it exact, or show that it is at least `wanted` (counting would not make it exact).
// `deleted` documents the index still holds count in its term frequencies, and any of them may
// be among the matches (deleted_docs.h).
Xapian::doccount matches_to_check(const Xapian::Query& query, const Xapian::Database& db, Xapian::doccount wanted,
                                  Xapian::doccount deleted = 0);

}  // namespace dsearch
