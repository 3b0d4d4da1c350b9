// Running a search: parse, filter, rank (BM25, title weighted), count facets over all matches,
// read the page of hits with snippets, suggest a spelling. A Searcher holds its analyzers and is
// not thread-safe: use one per thread.
#pragma once

#include <xapian.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "dsearch/analyzer.h"
#include "dsearch/article.h"
#include "dsearch/deleted_docs.h"
#include "dsearch/record_codec.h"
#include "dsearch/searcher/highlight.h"

namespace dsearch {

struct SearchRequest {
  std::string query;
  std::vector<std::string> countries, mentions, people, orgs, sources, langs;  // OR within, AND across
  std::string since, until;                     // YYYY[-MM[-DD]]
  std::size_t limit = 10, offset = 0;
  enum class Sort { kRelevance, kDate } sort = Sort::kRelevance;
  bool facets = false;
  std::size_t facet_values = 10;                // values shown per facet
  std::size_t snippet_chars = 240;
};

struct Hit {
  std::size_t rank = 0;                         // 1-based, counting the offset
  Xapian::docid docid = 0;
  double score = 0;
  Article article;
  std::vector<Fragment> title;                  // title with matches marked
  std::vector<Fragment> snippet;
};

struct FacetValue {
  std::string value;  // what a filter takes: ISO code, or the display name
  std::string label;  // what a person reads: "North Korea"
  Xapian::doccount count = 0;
};

struct Facet {
  std::string name;   // country, person, org, source
  std::vector<FacetValue> values;
};

struct SearchResult {
  std::string query;
  Xapian::doccount total = 0;   // matching articles (exact when total_exact)
  bool total_exact = false;
  std::size_t offset = 0;
  std::string suggestion;       // "did you mean" query, or empty
  std::vector<Hit> hits;
  std::vector<Facet> facets;    // counted over every matching article, when asked
  std::vector<std::string> warnings;
};

class Searcher {
 public:
  // Throws Error(kNoIndex) when there is no index at `db_path`, Error(kData) when it is unreadable.
  explicit Searcher(const std::string& db_path);
  ~Searcher();

  // Throws Error(kUsage) on a bad query or filter. Retries when a concurrent dindex commit
  // invalidates what it was reading.
  SearchResult search(const SearchRequest& request);

 private:
  SearchResult search_once(const SearchRequest& request);
  // The query with unknown words replaced by their closest spelling in the index, or "".
  std::string suggest(const std::string& query, const std::vector<std::string>& words, const Xapian::MSet& mset);
  Analyzer& analyzer_for(const std::string& lang);

  std::string path_;
  Xapian::Database db_;
  DeletedDocs deleted_;  // left out of every search
  Xapian::rev deleted_revision_ = 0;  // the revision of the index deleted_ is of (0: none yet)
  std::vector<std::unique_ptr<Analyzer>> query_analyzers_;
  std::map<std::string, Analyzer> snippet_analyzers_;
  RecordUnpacker unpacker_;
};

}  // namespace dsearch
