// In-process query timing for dsearch, in the peer harness's format (../shared/peers/README.md).
//
//   bench_query queries --db INDEX --queries queries.tsv --out PREFIX [--warmup N] [--reps N]
//   bench_query e2e --dsearch BIN --db INDEX [--reps N] QUERY...
//
// `queries` reads the harness's queries.tsv (CLASS TAB QUERY [TAB INFO]), translates its neutral
// syntax into dsearch's (see translate()), and over WARMUP untimed and REPS timed passes times, per
// query:
//   lat   Searcher::search with snippets off (--snippet-chars 0): parse, match, top 10, read the
//         10 hits (dsearch has no cheaper way to hand out ids: a hit is its whole article) and the
//         spelling check; ids are the hits' article ids.
//   snip  dsearch::snippet() with the default 240 characters on each of those 10 hits' bodies, with
//         the query's Highlight and the hit's language analyzer -- the call Searcher::search makes
//         per hit when snippets are on. Timed directly rather than as "search with snippets minus
//         search without": the difference of two noisy timings was often negative on short bodies.
//   core  parse_query + Xapian::Enquire with the settings search.cc uses, the hits' id keys (in
//         hex) from the origin value slot, no document data: the matching cost alone, as the
//         plain-Xapian peer measures it.
// Extra classes, for dsearch only (peers have no facets or country filters):
//   Country+MedTerm, Country+HighTerm  the term queries filtered to one of the index's five most
//                                      frequent main countries (rotating), as --country does
//   Facets+MedTerm, Facets+HighTerm    the term queries with --facets (counts over every match)
//   Country+Browse                     no words, --country only: newest first, as a browse
// Writes PREFIX.results.tsv and PREFIX.snippets.tsv (harness format), PREFIX.core.tsv and
// PREFIX.extra.tsv (results.tsv format: snip "-").
//
// `e2e` times whole dsearch processes (start, open, query, snippets, print to /dev/null), REPS
// runs per query after one untimed run, and prints one TSV line per query: query, then the
// wall times in microseconds.
#include <spawn.h>
#include <sys/wait.h>
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "dsearch/analyzer.h"
#include "dsearch/deleted_docs.h"
#include "dsearch/error.h"
#include "dsearch/origin.h"
#include "dsearch/schema.h"
#include "dsearch/searcher/query.h"
#include "dsearch/searcher/highlight.h"
#include "dsearch/searcher/match_count.h"
#include "dsearch/searcher/search.h"

extern char** environ;

namespace {

using Clock = std::chrono::steady_clock;

long micros(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration_cast<std::chrono::microseconds>(b - a).count();
}

struct Query {
  std::string cls, text;     // class and query as the harness wrote them
  std::string dsearch;       // translated
  std::vector<std::string> countries;
  bool facets = false;
};

// The harness's neutral syntax is `a b` (OR), `+a +b` (AND), `"a b"` (phrase), which is dsearch's
// own syntax for the same things. What dsearch reads differently is neutralised: upper-case
// AND/OR/NOT (operators in dsearch) are lower-cased, and outside quotes the characters that are
// syntax in dsearch but text in the neutral form -- ( ) * and a colon after letters (field:) --
// become spaces.
std::string translate(const std::string& q) {
  std::string out;
  bool quoted = false;
  for (char c : q) {
    if (c == '"') quoted = !quoted;
    if (!quoted && (c == '(' || c == ')' || c == '*' || c == ':')) c = ' ';
    out.push_back(c);
  }
  std::istringstream in(out);
  std::string word, result;
  quoted = false;
  while (in >> word) {
    bool starts_quote = !quoted && word[0] == '"';
    if (!quoted && !starts_quote) {
      std::string bare = word[0] == '+' ? word.substr(1) : word;
      if (bare == "AND" || bare == "OR" || bare == "NOT")
        for (char& c : word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    for (char c : word)
      if (c == '"') quoted = !quoted;
    result += (result.empty() ? "" : " ") + word;
  }
  return result;
}

std::vector<Query> read_queries(const std::string& path) {
  std::ifstream in(path);
  dsearch::ensure(bool(in), dsearch::ErrorKind::kIo, "cannot read " + path);
  std::vector<Query> qs;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    Query q;
    auto t1 = line.find('\t');
    if (t1 == std::string::npos) {
      q.cls = "default";
      q.text = line;
    } else {
      q.cls = line.substr(0, t1);
      auto t2 = line.find('\t', t1 + 1);
      q.text = line.substr(t1 + 1, t2 == std::string::npos ? std::string::npos : t2 - t1 - 1);
    }
    q.dsearch = translate(q.text);
    qs.push_back(q);
  }
  return qs;
}

std::string clean(std::string s) {
  for (auto& c : s)
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  return s;
}

std::string render(const std::vector<dsearch::Fragment>& fs) {
  std::string s;
  for (const auto& f : fs) s += f.match ? "<b>" + f.text + "</b>" : f.text;
  return clean(s);
}

// One row of a results.tsv-format file.
struct Row {
  std::string cls;
  long total = 0;
  std::vector<long> lat, snip;  // -1: failed
  std::vector<std::string> ids;
  std::vector<std::string> snippets;
};

void write_rows(const std::string& path, const std::vector<Row>& rows) {
  std::ofstream o(path);
  dsearch::ensure(bool(o), dsearch::ErrorKind::kIo, "cannot write " + path);
  o << "#qno\tclass\ttotal\tlat_us\tsnip_us\tids\n";
  auto list = [](const std::vector<long>& xs) {
    if (xs.empty()) return std::string("-");
    std::string s;
    for (std::size_t k = 0; k < xs.size(); ++k) {
      if (k) s += ',';
      s += xs[k] < 0 ? std::string("-") : std::to_string(xs[k]);
    }
    return s;
  };
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const Row& r = rows[i];
    std::string ids;
    for (std::size_t k = 0; k < r.ids.size(); ++k) {
      if (k) ids += ' ';
      ids += r.ids[k];
    }
    o << i << '\t' << r.cls << '\t' << r.total << '\t' << list(r.lat) << '\t' << list(r.snip) << '\t' << ids << '\n';
  }
}

// The matching cost alone: what Searcher::search_once does up to the MSet, id keys from their slot.
class Core {
 public:
  explicit Core(const std::string& db_path) : db_(db_path) {
    std::istringstream in(db_.get_metadata(std::string(dsearch::schema::kMetaLangs)));
    std::vector<std::string> langs;
    for (std::string l; std::getline(in, l);)
      if (!l.empty()) langs.push_back(l);
    auto en = std::find(langs.begin(), langs.end(), "en");
    if (en != langs.end()) std::rotate(langs.begin(), en, en + 1);
    if (langs.empty()) langs.push_back("en");
    for (const auto& l : langs) analyzers_.push_back(std::make_unique<dsearch::Analyzer>(l));
  }

  dsearch::ParsedQuery parse(const std::string& query) {
    dsearch::QueryContext ctx{db_, {}};
    for (auto& a : analyzers_) ctx.analyzers.push_back(a.get());
    return dsearch::parse_query(query, ctx);
  }

  // The analyzer snippets of an article in `lang` use, as Searcher::analyzer_for makes it.
  dsearch::Analyzer& analyzer_for(const std::string& lang) {
    auto it = snippet_analyzers_.find(lang);
    if (it == snippet_analyzers_.end())
      it = snippet_analyzers_.emplace(lang, dsearch::Analyzer(lang.empty() ? "en" : lang)).first;
    return it->second;
  }

  long run(const std::string& query, std::vector<std::string>& ids) {
    dsearch::ParsedQuery parsed = parse(query);
    Xapian::Query q = parsed.match.empty() ? Xapian::Query::MatchAll : parsed.match;
    if (!parsed.filter.empty()) q = Xapian::Query(Xapian::Query::OP_FILTER, q, parsed.filter);
    Xapian::Enquire enquire(db_);
    enquire.set_query(deleted_.exclude_from(q));
    enquire.set_weighting_scheme(Xapian::BM25Weight(1.2, 0, 1, 0.75, 0.5));
    Xapian::doccount n = db_.get_doccount();
    Xapian::MSet mset = enquire.get_mset(0, std::min<Xapian::doccount>(10, n),
                                         dsearch::matches_to_check(q, db_, std::min<Xapian::doccount>(n, 1010),
                                                                   static_cast<Xapian::doccount>(deleted_.size())));
    ids.clear();
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      dsearch::IdKey key = dsearch::stored_origin(it.get_document().get_value(dsearch::schema::kSlotRecord)).id;
      ids.push_back(dsearch::hex_digits(key.value));
    }
    return static_cast<long>(mset.get_matches_estimated());
  }

  const Xapian::Database& db() const { return db_; }

 private:
  Xapian::Database db_;
  dsearch::DeletedDocs deleted_ = dsearch::DeletedDocs::load(db_);
  std::vector<std::unique_ptr<dsearch::Analyzer>> analyzers_;
  std::map<std::string, dsearch::Analyzer> snippet_analyzers_;
};

int run_queries(const std::string& db, const std::string& qfile, const std::string& out, int warmup, int reps) {
  std::vector<Query> qs = read_queries(qfile);
  dsearch::Searcher searcher(db);
  Core core(db);

  // Extra classes: the five most frequent main countries of the index, by the facet itself.
  std::vector<std::string> top_countries;
  {
    dsearch::SearchRequest all;
    all.facets = true;
    all.facet_values = 5;
    all.limit = 0;
    for (const auto& f : searcher.search(all).facets)
      if (f.name == "country")
        for (const auto& v : f.values) top_countries.push_back(v.value);
  }
  std::vector<Query> extra;
  std::size_t rot = 0;
  for (const auto& q : qs) {
    if (q.cls != "MedTerm" && q.cls != "HighTerm") continue;
    if (!top_countries.empty()) {
      Query c = q;
      c.cls = "Country+" + q.cls;
      c.countries = {top_countries[rot++ % top_countries.size()]};
      extra.push_back(c);
    }
    Query f = q;
    f.cls = "Facets+" + q.cls;
    f.facets = true;
    extra.push_back(f);
  }
  for (std::size_t i = 0; i < 3 * top_countries.size(); ++i) {
    Query b;
    b.cls = "Country+Browse";
    b.countries = {top_countries[i % top_countries.size()]};
    extra.push_back(b);
  }
  std::cerr << "queries=" << qs.size() << " extra=" << extra.size() << " top countries:";
  for (const auto& c : top_countries) std::cerr << ' ' << c;
  std::cerr << '\n';

  // What each query highlights, as Searcher::search derives it (untimed).
  std::vector<dsearch::Highlight> highlights(qs.size());
  for (std::size_t i = 0; i < qs.size(); ++i) {
    try {
      highlights[i] = core.parse(qs[i].dsearch).highlight;
    } catch (const std::exception&) {
    }
  }
  std::vector<Row> rows(qs.size()), core_rows(qs.size()), extra_rows(extra.size());
  auto request = [](const Query& q, std::size_t snippet_chars) {
    dsearch::SearchRequest r;
    r.query = q.dsearch;
    r.countries = q.countries;
    r.facets = q.facets;
    r.snippet_chars = snippet_chars;
    return r;
  };
  std::size_t sink = 0, failures = 0;
  for (int pass = 0; pass < warmup + reps; ++pass) {
    bool timed = pass >= warmup;
    for (std::size_t i = 0; i < qs.size(); ++i) {
      Row& row = rows[i];
      Row& crow = core_rows[i];
      row.cls = crow.cls = qs[i].cls;
      long lat = -1, snip = -1, clat = -1;
      try {
        auto t0 = Clock::now();
        dsearch::SearchResult ids_only = searcher.search(request(qs[i], 0));
        auto t1 = Clock::now();
        std::vector<std::vector<dsearch::Fragment>> snippets;
        std::vector<Xapian::docid> docids;
        for (const auto& h : ids_only.hits) docids.push_back(h.docid);
        dsearch::HeldTerms held(core.db(), highlights[i], docids);
        for (const auto& h : ids_only.hits) {
          // As Searcher::search does: how many query terms the body holds, from its word order.
          std::size_t terms = dsearch::terms_in_body(
              highlights[i], core.db().get_document(h.docid).get_value(dsearch::schema::kSlotTokens),
              [&](const std::string& t) { return held.holds(h.docid, t); });
          snippets.push_back(dsearch::snippet(h.article.body, core.analyzer_for(h.article.lang), highlights[i], 240, terms));
        }
        auto t2 = Clock::now();
        std::vector<std::string> cids;
        long ctotal = core.run(qs[i].dsearch, cids);
        auto t3 = Clock::now();
        lat = micros(t0, t1);
        snip = micros(t1, t2);
        clat = micros(t2, t3);
        row.total = static_cast<long>(ids_only.total);
        row.ids.clear();
        row.snippets.clear();
        for (const auto& h : ids_only.hits) row.ids.push_back(h.article.id);
        for (const auto& sn : snippets) row.snippets.push_back(render(sn));
        crow.total = ctotal;
        crow.ids = cids;
        sink += snippets.size() + cids.size();
      } catch (const std::exception& e) {
        if (pass == 0) {
          std::cerr << "query " << i << " (" << qs[i].dsearch << "): " << e.what() << '\n';
          ++failures;
        }
        row.total = crow.total = -1;
      }
      if (timed) {
        row.lat.push_back(lat);
        row.snip.push_back(snip);
        crow.lat.push_back(clat);
      }
    }
    for (std::size_t i = 0; i < extra.size(); ++i) {
      Row& row = extra_rows[i];
      row.cls = extra[i].cls;
      long lat = -1;
      try {
        auto t0 = Clock::now();
        dsearch::SearchResult r = searcher.search(request(extra[i], 0));
        lat = micros(t0, Clock::now());
        row.total = static_cast<long>(r.total);
        row.ids.clear();
        for (const auto& h : r.hits) row.ids.push_back(h.article.id);
        sink += r.facets.size();
      } catch (const std::exception& e) {
        if (pass == 0) std::cerr << "extra " << i << ": " << e.what() << '\n';
        row.total = -1;
      }
      if (timed) row.lat.push_back(lat);
    }
  }
  write_rows(out + ".results.tsv", rows);
  write_rows(out + ".core.tsv", core_rows);
  write_rows(out + ".extra.tsv", extra_rows);
  std::ofstream o(out + ".snippets.tsv");
  for (std::size_t i = 0; i < rows.size(); ++i)
    for (std::size_t k = 0; k < rows[i].snippets.size() && k < rows[i].ids.size(); ++k)
      o << i << '\t' << k << '\t' << rows[i].ids[k] << '\t' << rows[i].snippets[k] << '\n';
  std::cerr << "failed=" << failures << " sink=" << sink << '\n';
  return 0;
}

// Runs `argv` with stdout and stderr on /dev/null; returns the wall time in microseconds.
long spawn_timed(const std::vector<std::string>& args) {
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
  auto t0 = Clock::now();
  pid_t pid = 0;
  int rc = posix_spawn(&pid, argv[0], &fa, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&fa);
  dsearch::ensure(rc == 0, dsearch::ErrorKind::kIo, "cannot run " + args[0] + ": " + std::strerror(rc));
  int status = 0;
  waitpid(pid, &status, 0);
  long us = micros(t0, Clock::now());
  // dsearch exits 1 when nothing is found: still a timed run. 2 is an error.
  dsearch::ensure(WIFEXITED(status) && WEXITSTATUS(status) <= 1, dsearch::ErrorKind::kData,
                  "dsearch failed on: " + args.back());
  return us;
}

int run_e2e(const std::string& bin, const std::string& db, int reps, const std::vector<std::string>& queries) {
  for (const auto& q : queries) {
    std::vector<std::string> args{bin, "--db", db, "--color", "never"};
    std::istringstream in(q);  // the shell's word splitting, minus quotes: enough for these queries
    for (std::string w; in >> w;) args.push_back(w);
    spawn_timed(args);
    std::cout << q;
    for (int r = 0; r < reps; ++r) std::cout << '\t' << spawn_timed(args);
    std::cout << '\n';
  }
  return 0;
}

int usage() {
  std::cerr << "usage: bench_query queries --db INDEX --queries FILE --out PREFIX [--warmup N] [--reps N]\n"
               "       bench_query e2e --dsearch BIN --db INDEX [--reps N] QUERY...\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return usage();
  std::string mode = argv[1], db, qfile, out, bin;
  int warmup = 3, reps = 5;
  std::vector<std::string> rest;
  for (int i = 2; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw dsearch::Error(dsearch::ErrorKind::kUsage, a + " needs a value");
      return argv[++i];
    };
    try {
      if (a == "--db") db = value();
      else if (a == "--queries") qfile = value();
      else if (a == "--out") out = value();
      else if (a == "--dsearch") bin = value();
      else if (a == "--warmup") warmup = std::stoi(value());
      else if (a == "--reps") reps = std::stoi(value());
      else rest.push_back(a);
    } catch (const std::exception& e) {
      std::cerr << "bench_query: " << e.what() << '\n';
      return usage();
    }
  }
  try {
    if (mode == "queries" && !db.empty() && !qfile.empty() && !out.empty() && rest.empty())
      return run_queries(db, qfile, out, warmup, reps);
    if (mode == "e2e" && !db.empty() && !bin.empty() && !rest.empty()) return run_e2e(bin, db, reps, rest);
  } catch (const std::exception& e) {
    std::cerr << "bench_query: " << e.what() << '\n';
    return 1;
  }
  return usage();
}
