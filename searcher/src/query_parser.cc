// The query language, parsed by recursive descent over the lexemes of query_lexer.cc:
//
//   query    := list
//   list     := or_expr*                     juxtaposition: OR, with +required and -excluded
//   or_expr  := and_expr ("OR" and_expr)*
//   and_expr := unary ("AND" unary)*
//   unary    := ("NOT" | "+" | "-")* primary
//   primary  := word | "phrase" | field:value | field:"value" | "(" list ")"
//
// so NOT binds tightest, then AND, then OR, then juxtaposition (which is also an OR, Lucene-style:
// +terms are required, plain terms optional and ranking, -terms excluded). Field filters are
// boolean: at the top level they go to ParsedQuery::filter, nested in an OR they are kept in the
// match with no weight. Several filters on the same field side by side are OR-ed
// (country:KP country:KR), different fields AND-ed.
#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>

#include "dsearch/document_terms.h"
#include "dsearch/error.h"
#include "dsearch/schema.h"
#include "dsearch/searcher/query.h"
#include "phrase_source.h"
#include "query_fields.h"
#include "query_lexer.h"

namespace dsearch {
namespace {

using query_internal::Lex;
using query_internal::Lexeme;

constexpr int kMaxDepth = 100;

enum class Occur { kShould, kMust, kMustNot };

struct Node {
  enum Kind { kText, kFilter, kAll, kList, kAnd } kind = kText;
  Occur occur = Occur::kShould;
  bool explicit_or = false;  // a list written with OR: its filters stay alternatives
  // kText
  bool title = false;
  bool quoted = false;
  bool wildcard = false;
  std::vector<std::string> folded;  // the word's tokens, folded with the first analyzer
  std::vector<std::string> words;   // the same tokens as written, which each language folds its way
  std::string raw;
  // kFilter
  std::string field;
  Xapian::Query filter;
  // kList, kAnd
  std::vector<std::unique_ptr<Node>> kids;
};
using NodePtr = std::unique_ptr<Node>;

bool pure_filter(const Node& n) {
  if (n.kind == Node::kFilter) return true;
  if (n.kind != Node::kList && n.kind != Node::kAnd) return false;
  if (n.kids.empty()) return false;
  for (const auto& k : n.kids)
    if (!pure_filter(*k)) return false;
  return true;
}

Xapian::Query combine(Xapian::Query::op op, std::vector<Xapian::Query>& qs) {
  if (qs.size() == 1) return qs.front();
  return Xapian::Query(op, qs.begin(), qs.end());
}

// Accents stripped, nothing else: how wildcard prefixes meet the (accent-free) indexed terms.
std::string strip_accents(std::string_view folded) {
  static thread_local Analyzer plain("");  // no stemmer: stem() only strips accents
  return plain.stem(folded);
}

// ---------------------------------------------------------------------------------------------
// Parsing: lexemes -> Node tree.

class Parser {
 public:
  Parser(std::string_view query, std::vector<Lexeme> lexemes, Analyzer& first, const std::vector<Analyzer*>& analyzers)
      : query_(query), lx_(std::move(lexemes)), first_(first), analyzers_(analyzers) {}

  NodePtr parse() {
    NodePtr root = parse_list(0);
    return root;
  }

 private:
  const Lexeme* peek() const { return pos_ < lx_.size() ? &lx_[pos_] : nullptr; }
  bool at(Lex k) const { return pos_ < lx_.size() && lx_[pos_].kind == k; }

  NodePtr parse_list(int depth) {
    auto list = std::make_unique<Node>();
    list->kind = Node::kList;
    while (const Lexeme* l = peek()) {
      if (l->kind == Lex::kClose) {
        if (depth > 0) break;
        ++pos_;  // a stray ')' at the top level
        continue;
      }
      if (l->kind == Lex::kAnd || l->kind == Lex::kOr) {  // dangling operator
        ++pos_;
        continue;
      }
      std::size_t before = pos_;
      if (NodePtr n = parse_or(depth)) list->kids.push_back(std::move(n));
      if (pos_ == before) ++pos_;  // never loop without progress
    }
    return list;
  }

  NodePtr parse_or(int depth) {
    std::vector<NodePtr> kids;
    bool saw_or = false;
    if (NodePtr n = parse_and(depth)) kids.push_back(std::move(n));
    while (at(Lex::kOr)) {
      ++pos_;
      saw_or = true;
      if (NodePtr n = parse_and(depth)) kids.push_back(std::move(n));
    }
    if (kids.empty()) return nullptr;
    if (kids.size() == 1) return std::move(kids.front());
    auto n = std::make_unique<Node>();
    n->kind = Node::kList;
    n->explicit_or = saw_or;
    n->kids = std::move(kids);
    return n;
  }

  NodePtr parse_and(int depth) {
    std::vector<NodePtr> kids;
    if (NodePtr n = parse_unary(depth)) kids.push_back(std::move(n));
    while (at(Lex::kAnd)) {
      ++pos_;
      if (NodePtr n = parse_unary(depth)) kids.push_back(std::move(n));
    }
    if (kids.empty()) return nullptr;
    if (kids.size() == 1) return std::move(kids.front());
    auto n = std::make_unique<Node>();
    n->kind = Node::kAnd;
    n->kids = std::move(kids);
    return n;
  }

  NodePtr parse_unary(int depth) {
    Occur occur = Occur::kShould;
    while (at(Lex::kNot)) {
      ++pos_;
      occur = Occur::kMustNot;
    }
    const Lexeme* l = peek();
    if (!l || l->kind == Lex::kAnd || l->kind == Lex::kOr || l->kind == Lex::kClose || l->kind == Lex::kNot)
      return nullptr;
    if (l->sign == '-') occur = Occur::kMustNot;
    else if (l->sign == '+' && occur != Occur::kMustNot) occur = Occur::kMust;
    NodePtr n;
    if (l->kind == Lex::kOpen) {
      if (depth + 1 > kMaxDepth)
        throw Error(ErrorKind::kUsage, "parentheses nested more than " + std::to_string(kMaxDepth) +
                                           " deep at column " + column(l->offset));
      ++pos_;
      n = parse_list(depth + 1);
      if (at(Lex::kClose)) ++pos_;  // a missing ')' closes at the end
      if (n->kids.empty()) return nullptr;  // "()"
      if (n->kids.size() == 1 && n->kids.front()->occur == Occur::kShould) n = std::move(n->kids.front());
    } else {
      ++pos_;
      n = leaf(*l);
      if (!n) return nullptr;
    }
    if (occur != Occur::kShould) n->occur = occur;
    return n;
  }

  NodePtr leaf(const Lexeme& l) {
    auto n = std::make_unique<Node>();
    if (l.field.empty() || l.field == "title") {
      n->kind = Node::kText;
      n->title = l.field == "title";
      n->quoted = l.kind == Lex::kPhrase;
      n->wildcard = l.wildcard && l.kind == Lex::kWord;
      n->raw = l.text;
      first_.tokenize(l.text, [&](const Token& t) {
        n->folded.push_back(t.folded);
        n->words.emplace_back(t.raw);
      });
      if (n->folded.empty()) {
        if (n->wildcard && l.text.empty()) n->kind = Node::kAll;  // a bare '*'
        else return nullptr;
      }
      return n;
    }
    n->kind = Node::kFilter;
    n->field = l.field;
    try {
      n->filter = l.field == "date" ? query_internal::date_value_filter(l.text) : field_filter(l.field, l.text, analyzers_);
    } catch (const Error& e) {
      if (l.field == "country" || l.field == "mentions") throw;
      throw Error(e.kind(), std::string(e.what()) + " at column " + column(l.offset));
    }
    return n;
  }

  std::string column(std::size_t offset) const {
    return std::to_string(query_internal::column_of(query_, offset));
  }

  std::string_view query_;
  std::vector<Lexeme> lx_;
  std::size_t pos_ = 0;
  Analyzer& first_;
  const std::vector<Analyzer*>& analyzers_;
};

// ---------------------------------------------------------------------------------------------
// Building: Node tree -> Xapian queries and highlight data.

class Builder {
 public:
  Builder(QueryContext& ctx, Analyzer& first, const std::vector<Analyzer*>& analyzers, ParsedQuery& out)
      : ctx_(ctx), first_(first), out_(out), analyzers_(analyzers) {}

  void build_top(const Node& root) {
    // A query of nothing but stopwords keeps them; otherwise they are dropped outside phrases.
    drop_stops_ = has_content(root, true);
    Parts p;
    std::unordered_map<std::string, std::vector<Xapian::Query>> groups;
    std::vector<const Node*> shoulds;
    for (const auto& kid : root.kids) {
      if (kid->occur == Occur::kMustNot) negate(*kid, p);
      else if (kid->kind == Node::kFilter && kid->occur == Occur::kShould) groups[kid->field].push_back(kid->filter);
      else if (kid->occur == Occur::kMust || pure_filter(*kid)) require(*kid, p);
      else shoulds.push_back(kid.get());
    }
    for (auto& [field, qs] : groups) p.filter.push_back(combine(Xapian::Query::OP_OR, qs));
    if (p.must.empty() && shoulds.size() == 1) {
      require(*shoulds.front(), p);  // the only ranked clause: it must match
    } else {
      std::vector<std::pair<Xapian::Query, const Node*>> qs;
      for (const Node* s : shoulds)
        if (auto q = build(*s, true)) qs.emplace_back(*q, s);
      prune(qs, !p.must.empty(), p.should);
    }

    std::optional<Xapian::Query> match;
    if (!p.must.empty()) {
      match = combine(Xapian::Query::OP_AND, p.must);
      if (!p.should.empty())
        match = Xapian::Query(Xapian::Query::OP_AND_MAYBE, *match, combine(Xapian::Query::OP_OR, p.should));
    } else if (!p.should.empty()) {
      match = combine(Xapian::Query::OP_OR, p.should);
    }
    if (!p.text_neg.empty()) {
      if (match) match = Xapian::Query(Xapian::Query::OP_AND_NOT, *match, combine(Xapian::Query::OP_OR, p.text_neg));
      else p.filter_neg.insert(p.filter_neg.end(), p.text_neg.begin(), p.text_neg.end());
    }
    if (match) out_.match = *match;
    if (!p.filter.empty() || !p.filter_neg.empty()) {
      Xapian::Query f = p.filter.empty() ? Xapian::Query::MatchAll : combine(Xapian::Query::OP_AND, p.filter);
      if (!p.filter_neg.empty())
        f = Xapian::Query(Xapian::Query::OP_AND_NOT, f, combine(Xapian::Query::OP_OR, p.filter_neg));
      out_.filter = f;
    }
  }

 private:
  struct Parts {
    std::vector<Xapian::Query> must, should, text_neg, filter, filter_neg;
  };

  // `n` must match: its filters go to the filter, its ranked parts to `must`.
  void require(const Node& n, Parts& p) {
    if (pure_filter(n)) {
      if (auto q = build(n, true)) p.filter.push_back(*q);
    } else if (n.kind == Node::kAnd) {
      for (const auto& kid : n.kids) {
        if (kid->occur == Occur::kMustNot) negate(*kid, p);
        else require(*kid, p);
      }
    } else if (auto q = build(n, true)) {
      p.must.push_back(*q);
    }
  }

  void negate(const Node& n, Parts& p) {
    auto q = build(n, false);
    if (!q) return;
    (pure_filter(n) ? p.filter_neg : p.text_neg).push_back(*q);
  }

  bool has_content(const Node& n, bool positive) {
    if (n.occur == Occur::kMustNot) positive = !positive;
    switch (n.kind) {
      case Node::kText:
        return positive && (n.quoted || n.wildcard || n.folded.size() > 1 || !first_.is_stopword(n.folded.front()));
      case Node::kList:
      case Node::kAnd:
        for (const auto& k : n.kids)
          if (has_content(*k, positive)) return true;
        return false;
      default:
        return false;
    }
  }

  std::optional<Xapian::Query> build(const Node& n, bool positive) {
    switch (n.kind) {
      case Node::kText: return text(n, positive);
      case Node::kFilter: return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, n.filter, 0.0);
      case Node::kAll: return Xapian::Query::MatchAll;
      case Node::kAnd: {
        std::vector<Xapian::Query> pos, neg;
        for (const auto& k : n.kids) {
          bool excluded = k->occur == Occur::kMustNot;
          if (auto q = build(*k, positive && !excluded)) (excluded ? neg : pos).push_back(*q);
        }
        return combine_parts(pos, {}, neg);
      }
      case Node::kList: {
        std::vector<Xapian::Query> must, should, neg;
        std::vector<std::pair<Xapian::Query, const Node*>> maybe;
        std::unordered_map<std::string, std::vector<Xapian::Query>> groups;
        for (const auto& k : n.kids) {
          bool excluded = k->occur == Occur::kMustNot;
          auto q = build(*k, positive && !excluded);
          if (!q) continue;
          if (excluded) neg.push_back(*q);
          else if (!n.explicit_or && k->kind == Node::kFilter && k->occur == Occur::kShould) groups[k->field].push_back(*q);
          else if (k->occur == Occur::kMust || (!n.explicit_or && pure_filter(*k))) must.push_back(*q);
          else maybe.emplace_back(*q, k.get());
        }
        for (auto& [field, qs] : groups) must.push_back(combine(Xapian::Query::OP_OR, qs));
        prune(maybe, !must.empty(), should);
        return combine_parts(must, should, neg);
      }
    }
    return std::nullopt;
  }

  // Whether `n` is a plain word none of whose terms is in the index. Such alternatives of an OR
  // add nothing to the ranking, and Xapian 1.4 spends seconds on ORs of thousands of terms (a
  // pasted text), so they are dropped while something else is left to match.
  bool absent(const Node& n) {
    if (n.kind != Node::kText || n.wildcard || n.folded.size() != 1 || ctx_.db.size() == 0) return false;
    for (const auto& t : terms_of(n.words.front()))
      if (ctx_.db.term_exists(t)) return false;
    return true;
  }

  // A short OR is left as it is: an absent term costs the matcher nothing, while looking each
  // one up was a B-tree read per word and language, most of the parsing time of a 2-word query.
  static constexpr std::size_t kPruneAbove = 32;

  void prune(std::vector<std::pair<Xapian::Query, const Node*>>& maybe, bool other, std::vector<Xapian::Query>& out) {
    if (maybe.size() <= kPruneAbove) {
      for (auto& m : maybe) out.push_back(m.first);
      return;
    }
    std::vector<bool> gone;
    for (const auto& m : maybe) gone.push_back(absent(*m.second));
    bool any_present = std::find(gone.begin(), gone.end(), false) != gone.end();
    for (std::size_t i = 0; i < maybe.size(); ++i)
      if (!gone[i] || !(other || any_present)) out.push_back(maybe[i].first);
  }

  static std::optional<Xapian::Query> combine_parts(std::vector<Xapian::Query>& must, std::vector<Xapian::Query> should,
                                                    std::vector<Xapian::Query>& neg) {
    std::optional<Xapian::Query> q;
    if (!must.empty()) {
      q = combine(Xapian::Query::OP_AND, must);
      if (!should.empty()) q = Xapian::Query(Xapian::Query::OP_AND_MAYBE, *q, combine(Xapian::Query::OP_OR, should));
    } else if (!should.empty()) {
      q = combine(Xapian::Query::OP_OR, should);
    } else if (!neg.empty()) {
      q = Xapian::Query::MatchAll;
    }
    if (q && !neg.empty()) q = Xapian::Query(Xapian::Query::OP_AND_NOT, *q, combine(Xapian::Query::OP_OR, neg));
    return q;
  }

  // The distinct terms of one word across the index languages, each folding it its own way:
  // Italian and French articles index "D'Alema" as "alem", English ones as "dalema".
  std::vector<std::string> terms_of(std::string_view word) {
    std::vector<std::string> ts;
    for (Analyzer* a : analyzers_) {
      std::string t = a->stem(folded(a, word));
      if (!t.empty() && std::find(ts.begin(), ts.end(), t) == ts.end()) ts.push_back(std::move(t));
    }
    return ts;
  }

  Xapian::Query position(const std::vector<std::string>& terms, Xapian::Query::op op) {
    std::vector<Xapian::Query> qs;
    for (const auto& t : terms) qs.emplace_back(t);
    return combine(op, qs);
  }

  std::optional<Xapian::Query> text(const Node& n, bool positive) {
    const auto& f = n.folded;
    if (n.wildcard) return wildcard(n, positive);
    if (f.size() == 1 && !n.quoted && drop_stops_ && first_.is_stopword(f.front())) return std::nullopt;

    std::vector<std::vector<std::string>> pos_terms;
    for (const auto& w : n.words) pos_terms.push_back(terms_of(w));
    if (positive) note(n, pos_terms);
    // A stopword kept (a query of nothing else) has no term: the word order finds it. So does a
    // title word: titles have no terms of their own (schema.h).
    if (f.size() == 1 && !n.title && !unindexed_somewhere(n.words.front()))
      return position(pos_terms.front(), Xapian::Query::OP_SYNONYM);
    return phrase(pos_terms, n.words, n.title);
  }

  // Whether the articles of some index language hold no term for `word` (document_terms.h).
  bool unindexed_somewhere(std::string_view word) {
    return std::any_of(analyzers_.begin(), analyzers_.end(), [&](Analyzer* a) { return unindexed(*a, folded(a, word)); });
  }

  // `word` as `a` folds it, folded once per query: ICU folding of a word that is not ASCII is most
  // of the cost, and the builder asks for a word's folds several times.
  const std::string& folded(Analyzer* a, std::string_view word) {
    auto [it, fresh] = folds_.try_emplace({a, std::string(word)});
    if (fresh) it->second = a->fold(word);
    return it->second;
  }

  // Words side by side, in order: the AND of one OR per indexed position (it ranks the phrase as
  // OP_PHRASE did, and finds the candidates), checked against the documents' word order, which
  // also holds the stopwords. `words` are those of the first positions (a wildcard's is not).
  // A title word alone is a phrase of one position, ranked as the word is elsewhere (a synonym).
  Xapian::Query phrase(const std::vector<std::vector<std::string>>& pos_terms, const std::vector<std::string>& words,
                       bool title) {
    auto op = pos_terms.size() == 1 ? Xapian::Query::OP_SYNONYM : Xapian::Query::OP_OR;
    std::vector<Xapian::Query> subs;
    std::vector<bool> indexed;
    for (std::size_t i = 0; i < pos_terms.size(); ++i) {
      indexed.push_back(i >= words.size() || !unindexed_somewhere(words[i]));
      if (indexed.back()) subs.push_back(position(pos_terms[i], op));
    }
    return phrase_query(subs, pos_terms, title, indexed);
  }

  // Records what a positive text node matches, for highlighting and "did you mean".
  void note(const Node& n, const std::vector<std::vector<std::string>>& pos_terms) {
    const auto& f = n.folded;
    for (const auto& w : f) out_.words.push_back(w);
    if (f.size() == 1) {
      for (const auto& t : pos_terms.front()) out_.highlight.terms.insert(t);
      return;
    }
    // Stopwords inside a phrase are marked only where the whole phrase is (the snippet does that),
    // unless the phrase is nothing but stopwords.
    bool all_stops = std::all_of(f.begin(), f.end(), [&](const std::string& w) { return first_.is_stopword(w); });
    for (std::size_t i = 0; i < f.size(); ++i)
      if (all_stops || !first_.is_stopword(f[i]))
        for (const auto& t : pos_terms[i]) out_.highlight.terms.insert(t);
    for (Analyzer* a : analyzers_) {
      std::vector<std::string> seq;
      for (const auto& w : n.words) seq.push_back(a->stem(folded(a, w)));
      auto& ph = out_.highlight.phrases;
      if (std::find(ph.begin(), ph.end(), seq) == ph.end()) ph.push_back(std::move(seq));
    }
  }

  std::optional<Xapian::Query> wildcard(const Node& n, bool positive) {
    const auto& f = n.folded;
    // Each language folds the prefix its own way, as it does whole words: "D'Alem*" is "dalem" in
    // English articles and "alem" in Italian ones. An empty prefix would expand to every term, ids
    // included, and is left out.
    std::vector<std::string> prefixes;
    for (Analyzer* a : analyzers_)
      if (std::string p = strip_accents(folded(a, n.words.back()));
          !p.empty() && std::find(prefixes.begin(), prefixes.end(), p) == prefixes.end())
        prefixes.push_back(std::move(p));
    if (prefixes.empty()) return Xapian::Query::MatchNothing;
    unsigned cap = ctx_.max_wildcard_terms;
    if (positive) {
      out_.highlight.prefixes.insert(out_.highlight.prefixes.end(), prefixes.begin(), prefixes.end());
      count_expansions(prefixes, n.raw);
    }
    if (f.size() == 1 && !n.title) {
      std::vector<Xapian::Query> qs;
      for (const auto& p : prefixes) qs.emplace_back(Xapian::Query::OP_WILDCARD, p, cap, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
      return combine(Xapian::Query::OP_OR, qs);
    }
    // "Byeong-ch*": a phrase whose last position is the expansion, the most frequent terms first.
    std::vector<std::vector<std::string>> pos_terms;
    for (std::size_t i = 0; i + 1 < f.size(); ++i) {
      pos_terms.push_back(terms_of(n.words[i]));
      if (positive)
        for (const auto& t : pos_terms.back()) out_.highlight.terms.insert(t);
    }
    std::vector<std::pair<Xapian::doccount, std::string>> found;
    for (const auto& p : prefixes)
      for (auto it = ctx_.db.allterms_begin(p); it != ctx_.db.allterms_end(p); ++it) found.emplace_back(it.get_termfreq(), *it);
    // One prefix may begin another's expansions: each term once, the most frequent first.
    std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
    found.erase(std::unique(found.begin(), found.end()), found.end());
    std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    if (cap && found.size() > cap * prefixes.size()) found.resize(cap * prefixes.size());  // as the ORs above
    auto& expansions = pos_terms.emplace_back();
    for (auto& [freq, t] : found) expansions.push_back(t);
    return phrase(pos_terms, {n.words.begin(), n.words.end() - 1}, n.title);  // no expansion: an empty OR, so nothing matches
  }

  void count_expansions(const std::vector<std::string>& prefixes, const std::string& raw) {
    unsigned cap = ctx_.max_wildcard_terms;
    if (cap == 0) return;
    std::size_t count = 0, limit = std::size_t(cap) * 100;
    for (const auto& p : prefixes)
      for (auto it = ctx_.db.allterms_begin(p); it != ctx_.db.allterms_end(p) && count <= limit; ++it) ++count;
    if (count <= cap * prefixes.size()) return;
    std::string n = count > limit ? "more than " + std::to_string(limit) : std::to_string(count);
    out_.warnings.push_back(raw + "* matched " + n + " words; used the " + std::to_string(cap) + " most frequent");
  }

  QueryContext& ctx_;
  Analyzer& first_;
  ParsedQuery& out_;
  const std::vector<Analyzer*>& analyzers_;
  bool drop_stops_ = false;
  std::map<std::pair<Analyzer*, std::string>, std::string> folds_;
};

}  // namespace

ParsedQuery parse_query(std::string_view query, QueryContext& ctx) {
  static thread_local Analyzer fallback("");
  Analyzer& first = !ctx.analyzers.empty() && ctx.analyzers.front() ? *ctx.analyzers.front() : fallback;
  std::vector<Analyzer*> analyzers;
  for (Analyzer* a : ctx.analyzers)
    if (a) analyzers.push_back(a);
  if (analyzers.empty()) analyzers.push_back(&first);
  std::string clean = query_internal::sanitize_query(query);
  Parser parser(clean, query_internal::lex_query(clean), first, analyzers);
  NodePtr root = parser.parse();
  ParsedQuery out;
  try {
    Builder(ctx, first, analyzers, out).build_top(*root);
  } catch (const Xapian::Error& e) {
    throw Error(ErrorKind::kData, "cannot expand the query: " + e.get_msg());
  }
  return out;
}

}  // namespace dsearch
