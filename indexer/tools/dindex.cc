// dindex: index news articles (text files, JSON Lines) into a dsearch index.
#include <CLI/CLI.hpp>
#include <malloc.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>

#include "dsearch/error.h"
#include "dsearch/indexer/extract.h"
#include "dsearch/indexer/indexer.h"
#include "dsearch/paths.h"

namespace {

// Exit codes.
enum Exit { kOk = 0, kSomeFailed = 1, kUsage = 2, kLocked = 3, kIndexError = 4, kInterrupted = 130 };

std::atomic<bool> g_stop{false};

void on_signal(int) { g_stop = true; }

void install_signal_handlers() {
  struct sigaction sa {};
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
}

void print_error(const dsearch::InputError& e) {
  std::fprintf(stderr, "dindex: %s: %s\n", e.where.c_str(), e.message.c_str());
}

std::string format_duration(double s) {
  char buf[32];
  int t = static_cast<int>(s);
  std::snprintf(buf, sizeof buf, "%d:%02d", t / 60, t % 60);
  return buf;
}

// One line on stderr, redrawn in place: articles, rate, share of bytes read, time left.
void print_progress(const dsearch::Progress& p) {
  if (p.rewriting) {
    std::fprintf(stderr, "\r\033[Krewriting the index without deleted articles: %llu of %llu",
                 static_cast<unsigned long long>(p.articles), static_cast<unsigned long long>(p.total_bytes));
    return;
  }
  double rate = p.seconds > 0 ? p.articles / p.seconds : 0;
  double share = p.total_bytes ? static_cast<double>(p.bytes) / p.total_bytes : 0;
  std::string eta = share > 0.01 ? format_duration(p.seconds * (1 - share) / share) : "?";
  std::fprintf(stderr, "\r\033[Kindexing: %llu articles, %.0f/s, %.0f%%, ETA %s",
               static_cast<unsigned long long>(p.articles), rate, share * 100, eta.c_str());
}

int exit_code(dsearch::ErrorKind k) {
  switch (k) {
    case dsearch::ErrorKind::kUsage: return kUsage;
    case dsearch::ErrorKind::kLocked: return kLocked;
    default: return kIndexError;
  }
}

// Quiet on success: the counts go to stdout only when asked for (--json, --verbose). Failures
// are always summed up on stderr, so that exit code 1 explains itself after a long error list.
void print_counts(const dsearch::IndexStats& s, bool json, bool verbose) {
  if (json) {
    nlohmann::ordered_json j{{"added", s.added},         {"updated", s.updated}, {"removed", s.removed},
                             {"unchanged", s.unchanged}, {"failed", s.failed},   {"total", s.total},
                             {"resumed", s.resumed},     {"deleted", s.deleted}, {"purged", s.purged}};
    std::cout << j.dump() << '\n';
  } else if (verbose) {
    if (s.resumed)
      std::printf("resumed an interrupted first build: %llu articles were already done\n",
                  static_cast<unsigned long long>(s.resumed));
    std::printf("added %llu, updated %llu, removed %llu, unchanged %llu, failed %llu, total %llu\n",
                static_cast<unsigned long long>(s.added), static_cast<unsigned long long>(s.updated),
                static_cast<unsigned long long>(s.removed), static_cast<unsigned long long>(s.unchanged),
                static_cast<unsigned long long>(s.failed), static_cast<unsigned long long>(s.total));
    if (s.purged)
      std::printf("rewrote the index without the %llu articles it held deleted\n",
                  static_cast<unsigned long long>(s.purged));
  }
  if (s.failed)
    std::fprintf(stderr, "dindex: %llu input%s failed (see above); everything else is indexed\n",
                 static_cast<unsigned long long>(s.failed), s.failed == 1 ? "" : "s");
}

// Indexing allocates and frees millions of small blocks per thread. With glibc's defaults each
// thread's heap is trimmed and regrown over and over, and the page faults of regrowing were ~10%
// of the CPU time of a fi-news build (perf). Keeping freed memory costs no extra peak RSS.
void keep_freed_memory() {
  mallopt(M_TRIM_THRESHOLD, 512 << 20);
  mallopt(M_TOP_PAD, 64 << 20);
}

}  // namespace

int main(int argc, char** argv) {
  keep_freed_memory();
  CLI::App app{"Index news articles (text files, JSON Lines, .jsonl.gz) for dsearch.\n"
               "With no PATH, re-indexes the paths the index was built from."};
  app.set_version_flag("--version", std::string("dindex ") + DSEARCH_VERSION);
  std::vector<std::string> paths;
  std::string db;
  bool json = false, verbose = false, extract = false, no_spelling = false, no_progress = false, compact = false,
       rebuild = false;
  unsigned threads = 0;
  std::size_t batch = dsearch::IndexOptions{}.batch_docs;
  app.add_option("paths", paths, "Files and directories to index (walked recursively)");
  app.add_option("--db", db, "Index location (default: $DSEARCH_DB, else $XDG_DATA_HOME/dsearch/index)");
  app.add_flag("--json", json, "Print the final counts as one JSON object");
  app.add_flag("-v,--verbose", verbose, "Print the final counts (quiet on success otherwise)");
  app.add_flag("--extract", extract, "Index nothing; print each article as the indexer sees it, as JSON Lines");
  app.add_option("-j,--threads", threads, "Analysis threads (default: one per core)");
  app.add_option("--batch", batch, "Commit after this many changed articles (or 10 s)")->capture_default_str();
  app.add_flag("--no-spelling", no_spelling, "Do not build \"did you mean\" data (faster)");
  app.add_flag("--no-progress", no_progress, "No progress line, even on a terminal");
  app.add_flag("--rebuild", rebuild,
               "Build the index again from scratch (from PATHs, else the paths it was built from) beside "
               "the old one, then replace it: for an index an older dindex built");
  app.add_flag("--compact", compact,
               "Then rewrite the index compactly, without the replaced and removed articles it still "
               "holds: smaller and faster after many runs (a first build is compact)");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // --help and --version exit 0; every usage error exits with our usage code, not CLI11's.
    return app.exit(e) == 0 ? 0 : kUsage;
  }

  if (extract) {
    if (paths.empty()) {
      std::fprintf(stderr, "dindex: --extract needs at least one PATH\n");
      return kUsage;
    }
    std::ios::sync_with_stdio(false);
    try {
      return dsearch::extract_articles(paths, std::cout, print_error) ? kSomeFailed : kOk;
    } catch (const std::exception& e) {
      std::fprintf(stderr, "dindex: %s\n", e.what());
      return kIndexError;
    }
  }

  dsearch::IndexOptions opt;
  opt.db_path = dsearch::index_path(db);
  opt.paths = paths;
  opt.threads = threads;
  opt.batch_docs = std::max<std::size_t>(1, batch);
  opt.spelling = !no_spelling;
  opt.compact = compact;
  opt.stop = &g_stop;
  install_signal_handlers();
  bool tty = isatty(STDERR_FILENO) && !no_progress;
  try {
    auto stats = rebuild ? dsearch::rebuild_index(opt, print_error, tty ? print_progress : nullptr)
                         : dsearch::run_index(opt, print_error, tty ? print_progress : nullptr);
    if (tty) std::fprintf(stderr, "\r\033[K");
    print_counts(stats, json, verbose);
    if (stats.interrupted) {
      std::fprintf(stderr, rebuild ? "dindex: interrupted; the old index is as it was\n"
                                   : "dindex: interrupted; what was analysed is committed; run dindex again to finish\n");
      return kInterrupted;
    }
    return stats.failed ? kSomeFailed : kOk;
  } catch (const dsearch::Error& e) {
    if (tty) std::fprintf(stderr, "\r\033[K");
    std::fprintf(stderr, "dindex: %s\n", e.what());
    return exit_code(e.kind());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "dindex: %s\n", e.what());
    return kIndexError;
  }
}
