#include "dsearch/searcher/match_count.h"

#include <algorithm>
#include <cstdint>

namespace dsearch {
namespace {

MatchBounds bounds(const Xapian::Query& q, const Xapian::Database& db, Xapian::doccount all);

MatchBounds any_of(const Xapian::Query& q, const Xapian::Database& db, Xapian::doccount all) {
  MatchBounds b;
  for (std::size_t i = 0; i < q.get_num_subqueries(); ++i) {
    MatchBounds s = bounds(q.get_subquery(i), db, all);
    b.lower = std::max(b.lower, s.lower);
    b.upper = static_cast<Xapian::doccount>(std::min<uint64_t>(all, uint64_t{b.upper} + s.upper));
  }
  return b;
}

MatchBounds all_of(const Xapian::Query& q, const Xapian::Database& db, Xapian::doccount all) {
  MatchBounds b{0, all};
  for (std::size_t i = 0; i < q.get_num_subqueries(); ++i) {
    MatchBounds s = bounds(q.get_subquery(i), db, all);
    if (q.get_num_subqueries() == 1) b.lower = s.lower;
    b.upper = std::min(b.upper, s.upper);
  }
  return b;
}

// `all`: the index's document count, read once for the whole query.
MatchBounds bounds(const Xapian::Query& q, const Xapian::Database& db, Xapian::doccount all) {
  switch (q.get_type()) {
    case Xapian::Query::LEAF_TERM: {
      Xapian::doccount tf = db.get_termfreq(*q.get_terms_begin());
      return {tf, tf};
    }
    case Xapian::Query::LEAF_MATCH_ALL:
      return {all, all};
    case Xapian::Query::LEAF_MATCH_NOTHING:
      return {0, 0};
    case Xapian::Query::OP_OR:
    case Xapian::Query::OP_SYNONYM:
    case Xapian::Query::OP_MAX:
      return any_of(q, db, all);
    case Xapian::Query::OP_AND:
    case Xapian::Query::OP_FILTER:
    case Xapian::Query::OP_PHRASE:
    case Xapian::Query::OP_NEAR:
      return all_of(q, db, all);
    case Xapian::Query::OP_AND_MAYBE:
    case Xapian::Query::OP_SCALE_WEIGHT:
      return bounds(q.get_subquery(0), db, all);
    case Xapian::Query::OP_AND_NOT:
      return {0, bounds(q.get_subquery(0), db, all).upper};
    default:  // value ranges, posting sources, wildcards before expansion: anything
      return {0, all};
  }
}

}  // namespace

MatchBounds match_bounds(const Xapian::Query& q, const Xapian::Database& db) { return bounds(q, db, db.get_doccount()); }

Xapian::doccount matches_to_check(const Xapian::Query& query, const Xapian::Database& db, Xapian::doccount wanted,
                                  Xapian::doccount deleted) {
  MatchBounds b = match_bounds(query, db);
  b.lower = b.lower > deleted ? b.lower - deleted : 0;
  return b.lower == b.upper || b.lower >= wanted ? 0 : wanted;
}

}  // namespace dsearch
