#include "dsearch/searcher/search.h"

#include <algorithm>
#include <filesystem>
#include <sstream>
#include <utility>

#include "dsearch/error.h"
#include "dsearch/schema.h"
#include "dsearch/searcher/match_count.h"
#include "dsearch/searcher/query.h"
#include "dsearch/spelling.h"
#include "facets.h"

namespace dsearch {
namespace {

// A concurrent dindex commit can invalidate blocks a reader is using; reopening and retrying
// is the documented cure, and a few tries always suffice unless commits come back to back.
constexpr int kRetries = 10;

// Returns read(attempt), run again on `db` reopened while dindex's commits invalidate what it
// reads; other Xapian errors become Error(kData) naming `path`.
template <class Read>
auto read_retrying(Xapian::Database& db, const std::string& path, Read&& read) {
  for (int attempt = 0;; ++attempt) {
    try {
      return read(attempt);
    } catch (const Xapian::DatabaseModifiedError&) {
      if (attempt == kRetries) throw Error(ErrorKind::kData, "the index kept changing while being read; try again");
      db.reopen();
    } catch (const Xapian::Error& e) {
      throw Error(ErrorKind::kData, "cannot read index " + path + ": " + e.get_msg());
    }
  }
}

Xapian::Database open_index(const std::string& path) {
  std::error_code ec;
  ensure(std::filesystem::exists(path, ec), ErrorKind::kNoIndex,
         "no index at " + path + "; build one with: dindex --db " + path + " FILES-OR-DIRECTORIES");
  try {
    return Xapian::Database(path);
  } catch (const Xapian::DatabaseNotFoundError&) {
    throw Error(ErrorKind::kNoIndex, "no index at " + path + "; build one with: dindex --db " + path +
                                         " FILES-OR-DIRECTORIES");
  } catch (const Xapian::Error& e) {
    throw Error(ErrorKind::kData, "cannot open index " + path + ": " + e.get_msg());
  }
}

// Languages of the index, English first when present: its stopwords apply to queries.
std::vector<std::string> index_languages(const Xapian::Database& db) {
  std::vector<std::string> langs;
  std::istringstream in(db.get_metadata(std::string(schema::kMetaLangs)));
  for (std::string l; std::getline(in, l);)
    if (!l.empty()) langs.push_back(l);
  auto en = std::find(langs.begin(), langs.end(), "en");
  if (en != langs.end()) std::rotate(langs.begin(), en, en + 1);
  if (langs.empty()) langs.push_back("en");
  return langs;
}

// Options give values of one field: OR within the field.
Xapian::Query any_of(std::string_view field, const std::vector<std::string>& values,
                     const std::vector<Analyzer*>& analyzers) {
  std::vector<Xapian::Query> qs;
  for (const auto& v : values) qs.push_back(field_filter(field, v, analyzers));
  return Xapian::Query(Xapian::Query::OP_OR, qs.begin(), qs.end());
}

Xapian::Query and_filter(const Xapian::Query& a, const Xapian::Query& b) {
  if (a.empty()) return b;
  if (b.empty()) return a;
  return Xapian::Query(Xapian::Query::OP_AND, a, b);
}

Xapian::Query request_filter(const SearchRequest& r, const std::vector<Analyzer*>& analyzers) {
  Xapian::Query f;
  const std::pair<std::string_view, const std::vector<std::string>*> fields[] = {
      {"country", &r.countries}, {"mentions", &r.mentions}, {"person", &r.people},
      {"org", &r.orgs},          {"source", &r.sources},    {"lang", &r.langs}};
  for (const auto& [name, values] : fields)
    if (!values->empty()) f = and_filter(f, any_of(name, *values, analyzers));
  if (!r.since.empty() || !r.until.empty()) f = and_filter(f, date_filter(r.since, r.until));
  return f;
}

std::string ascii_lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

Searcher::Searcher(const std::string& db_path) : path_(db_path), db_(open_index(db_path)) {
  // The revision just opened is gone once dindex has committed twice since: a dindex committing
  // every hundred articles did that between the open and the first read.
  auto [version, langs] = read_retrying(db_, path_, [&](int) {
    return std::pair(db_.get_metadata(std::string(schema::kMetaSchema)), index_languages(db_));
  });
  if (!version.empty()) schema::ensure_schema(version, path_);  // empty: nothing indexed yet
  for (const auto& lang : langs) query_analyzers_.push_back(std::make_unique<Analyzer>(lang));
}

Searcher::~Searcher() = default;

Analyzer& Searcher::analyzer_for(const std::string& lang) {
  auto it = snippet_analyzers_.find(lang);
  if (it == snippet_analyzers_.end()) it = snippet_analyzers_.emplace(lang, Analyzer(lang.empty() ? "en" : lang)).first;
  return it->second;
}

SearchResult Searcher::search(const SearchRequest& request) {
  try {
    db_.reopen();  // a long-lived Searcher sees what dindex committed since the last search
  } catch (const Xapian::Error& e) {
    throw Error(ErrorKind::kData, "cannot read index " + path_ + ": " + e.get_msg());
  }
  return read_retrying(db_, path_, [&](int attempt) {
    if (Xapian::rev r = db_.get_revision(); r != deleted_revision_ || attempt > 0) {
      deleted_ = DeletedDocs::load(db_);  // of the same revision as what the search reads
      deleted_revision_ = r;
    }
    return search_once(request);
  });
}

SearchResult Searcher::search_once(const SearchRequest& request) {
  QueryContext ctx{db_, {}};
  for (auto& a : query_analyzers_) ctx.analyzers.push_back(a.get());
  ParsedQuery parsed = parse_query(request.query, ctx);

  bool ranked = !parsed.match.empty();
  Xapian::Query filter = and_filter(parsed.filter, request_filter(request, ctx.analyzers));
  Xapian::Query query = ranked ? parsed.match : Xapian::Query::MatchAll;
  if (!filter.empty()) query = Xapian::Query(Xapian::Query::OP_FILTER, query, filter);

  Xapian::Enquire enquire(db_);
  enquire.set_weighting_scheme(Xapian::BM25Weight(1.2, 0, 1, 0.75, 0.5));
  if (!ranked || request.sort == SearchRequest::Sort::kDate)
    enquire.set_sort_by_value_then_relevance(schema::kSlotDate, true);  // newest first

  std::vector<std::unique_ptr<SlotSpy>> spies;
  if (request.facets)
    for (const auto& spec : facet_specs()) {
      if (spec.names)
        spies.push_back(std::make_unique<KeyCountSpy>(db_, spec));
      else
        spies.push_back(std::make_unique<CodeCountSpy>(db_, spec));
      enquire.add_matchspy(spies.back().get());
    }
  Xapian::doccount doccount = db_.get_doccount();
  auto limit = static_cast<Xapian::doccount>(std::min<std::size_t>(request.limit, doccount));
  auto offset = static_cast<Xapian::doccount>(std::min<std::size_t>(request.offset, doccount));
  // Facets must see every match; otherwise counting a little past the page keeps totals honest,
  // unless the term frequencies already tell what counting would (match_count.h).
  Xapian::doccount check =
      request.facets ? doccount
                     : matches_to_check(query, db_, std::min<Xapian::doccount>(doccount, offset + limit + 1000),
                                        static_cast<Xapian::doccount>(deleted_.size()));
  enquire.set_query(deleted_.exclude_from(query));
  Xapian::MSet mset = enquire.get_mset(offset, limit, check);

  SearchResult result;
  result.query = request.query;
  result.offset = request.offset;
  result.total = mset.get_matches_estimated();
  result.total_exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
  result.warnings = parsed.warnings;
  std::vector<Xapian::docid> docids;
  if (request.snippet_chars > 0)
    for (auto it = mset.begin(); it != mset.end(); ++it) docids.push_back(*it);
  HeldTerms held(db_, parsed.highlight, std::move(docids));
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    Hit hit;
    hit.rank = request.offset + 1 + result.hits.size();
    hit.score = ranked ? it.get_weight() : 0;
    hit.docid = *it;
    Xapian::Document doc = it.get_document();
    try {
      hit.article = deserialize(unpacker_.unpack(stored_record(doc), db_));
    } catch (const std::runtime_error& e) {
      throw Error(ErrorKind::kData, "index " + path_ + ": document " + std::to_string(*it) + ": " + e.what());
    }
    Analyzer& a = analyzer_for(hit.article.lang);
    hit.title = mark_all(hit.article.title, a, parsed.highlight);
    if (request.snippet_chars > 0) {
      std::size_t body_terms = terms_in_body(parsed.highlight, doc.get_value(schema::kSlotTokens),
                                             [&](const std::string& t) { return held.holds(*it, t); });
      hit.snippet = snippet(hit.article.body, a, parsed.highlight, request.snippet_chars, body_terms);
    }
    result.hits.push_back(std::move(hit));
  }
  FacetNames names(db_, unpacker_);
  for (const auto& spy : spies) result.facets.push_back(spy->facet(request.facet_values, names));
  result.suggestion = suggest(request.query, parsed.words, mset);
  return result;
}

std::string Searcher::suggest(const std::string& query, const std::vector<std::string>& words,
                              const Xapian::MSet& mset) {
  std::string suggestion = ascii_lower(query);
  bool changed = false;
  for (const auto& w : words) {
    bool known = false;
    // The match already knows the frequencies of the query's terms; only others cost a lookup.
    // A stopword has no term, and is no misspelling.
    for (auto& a : query_analyzers_) known = known || a->is_stopword(w) || mset.get_termfreq(a->stem(w)) > 0;
    if (known) continue;
    std::string better = spelling::suggest(db_, w);
    auto at = suggestion.find(w);
    if (better.empty() || at == std::string::npos) continue;
    suggestion.replace(at, w.size(), better);
    changed = true;
  }
  return changed ? suggestion : std::string();
}

}  // namespace dsearch
