// dsearch: search a dsearch index of news articles.
#include <CLI/CLI.hpp>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>

#include "dsearch/error.h"
#include "dsearch/paths.h"
#include "dsearch/searcher/printer.h"
#include "dsearch/searcher/search.h"

namespace {

// Exit codes: found, nothing found, usage or data error.
enum Exit { kFound = 0, kNothing = 1, kError = 2 };

std::string join_words(const std::vector<std::string>& words) {
  std::string q;
  for (const auto& w : words) q += (q.empty() ? "" : " ") + w;
  return q;
}

bool use_color(const std::string& mode) {
  if (mode == "always") return true;
  if (mode == "never") return false;
  const char* no_color = std::getenv("NO_COLOR");
  return isatty(STDOUT_FILENO) && !(no_color && *no_color);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Search news articles indexed by dindex.\n"
               "QUERY: words (OR, ranked), \"phrases\", AND OR NOT ( ), +must -mustnot, envo*,\n"
               "title: source: country: mentions: person: org: lang: date:2014-11-01..2014-11-30"};
  app.set_version_flag("--version", std::string("dsearch ") + DSEARCH_VERSION);
  dsearch::SearchRequest req;
  std::vector<std::string> words;
  std::string db, sort = "relevance", color = "auto";
  bool json = false;
  app.add_option("query", words, "Query words; none lists every article (filters apply), newest first");
  app.add_option("--db", db, "Index location (default: $DSEARCH_DB, else $XDG_DATA_HOME/dsearch/index)");
  app.add_option("--country", req.countries, "Articles about this country (ISO code or name); repeatable")
      ->allow_extra_args(false);
  app.add_option("--mentions", req.mentions, "Articles mentioning this country anywhere; repeatable")
      ->allow_extra_args(false);
  app.add_option("--person", req.people, "Articles naming this person; repeatable")
      ->allow_extra_args(false);
  app.add_option("--org", req.orgs, "Articles naming this organization; repeatable")
      ->allow_extra_args(false);
  app.add_option("--source", req.sources, "Articles from this publisher; repeatable")
      ->allow_extra_args(false);
  app.add_option("--lang", req.langs, "Articles in this language (ISO 639-1); repeatable")
      ->allow_extra_args(false);
  app.add_option("--since", req.since, "Articles dated on or after YYYY[-MM[-DD]]");
  app.add_option("--until", req.until, "Articles dated on or before YYYY[-MM[-DD]]");
  app.add_flag("--facets", req.facets, "Count countries, people, organizations and sources over all matches");
  app.add_option("--facet-values", req.facet_values, "Values shown per facet")->capture_default_str();
  app.add_option("-n,--limit", req.limit, "Results to show")->capture_default_str();
  app.add_option("--offset", req.offset, "Results to skip")->capture_default_str();
  app.add_option("--sort", sort, "Order: relevance or date (newest first)")
      ->check(CLI::IsMember({"relevance", "date"}))->capture_default_str();
  app.add_option("--snippet-chars", req.snippet_chars, "Snippet length in characters")->capture_default_str();
  app.add_flag("--json", json, "Print one JSON object (format in README)");
  app.add_option("--color", color, "Colour: auto (on a terminal, unless NO_COLOR), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}))->capture_default_str();
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // --help and --version exit 0; every usage error exits with our usage code, not CLI11's.
    return app.exit(e) == 0 ? 0 : kError;
  }

  req.query = join_words(words);
  req.sort = sort == "date" ? dsearch::SearchRequest::Sort::kDate : dsearch::SearchRequest::Sort::kRelevance;
  try {
    dsearch::Searcher searcher(dsearch::index_path(db));
    dsearch::SearchResult result = searcher.search(req);
    auto printer = json ? dsearch::make_json_printer(std::cout) : dsearch::make_text_printer(std::cout, use_color(color));
    printer->print(result);
    return result.total > 0 ? kFound : kNothing;
  } catch (const dsearch::Error& e) {
    std::fprintf(stderr, "dsearch: %s\n", e.what());
    return kError;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "dsearch: %s\n", e.what());
    return kError;
  }
}
