// Readers during writes: while dindex adds, updates and removes thousands of articles, in-process
// searchers and dsearch processes query in a loop with facets and snippets; no query fails and
// every result is a whole article.
#include <gtest/gtest.h>
#include <zlib.h>

#include <atomic>
#include <thread>

#include "cli_runner.h"
#include "dsearch/error.h"
#include "dsearch/searcher/search.h"
#include "process.h"

namespace dsearch::test {
namespace {

std::string corpus(const std::string& rel) {
  std::string f = std::string(DSEARCH_SHARED_DIR) + "/corpora/" + rel;
  return std::filesystem::exists(f) ? f : std::string();
}

// A copy of a .jsonl.gz where every 3rd article's body changes and every 5th is left out.
void write_modified(const std::string& from, const std::string& to) {
  gzFile in = gzopen(from.c_str(), "rb");
  gzFile out = gzopen(to.c_str(), "wb1");
  char buf[1 << 16];
  std::string line;
  int n = 0;
  auto flush = [&] {
    ++n;
    if (n % 5 == 0) return;
    if (n % 3 == 0) {
      auto j = nlohmann::json::parse(line);
      j["body"] = j["body"].get<std::string>() + "\nUpdated: officials later confirmed the report.";
      line = j.dump();
    }
    line += '\n';
    gzwrite(out, line.data(), static_cast<unsigned>(line.size()));
  };
  for (int got; (got = gzread(in, buf, sizeof buf)) > 0;)
    for (int i = 0; i < got; ++i) {
      if (buf[i] != '\n') { line.push_back(buf[i]); continue; }
      flush();
      line.clear();
    }
  gzclose(in);
  gzclose(out);
}

struct Tally {
  std::atomic<long> queries{0}, failures{0}, broken_hits{0};
};

void search_loop(const std::string& db, const std::atomic<bool>& stop, Tally& t) {
  const char* queries[] = {"oil prices", "\"interest rates\"", "bank", "election", "country:GB trade", "Regierung"};
  std::unique_ptr<Searcher> s;
  for (int i = 0; !stop; ++i) {
    try {
      if (!s) s = std::make_unique<Searcher>(db);
      SearchRequest r;
      r.query = queries[i % 6];
      r.facets = true;
      SearchResult res = s->search(r);
      for (const auto& h : res.hits) t.broken_hits += h.article.id.empty() || (h.article.title.empty() && h.article.body.empty());
    } catch (const std::exception& e) {
      ++t.failures;
      ADD_FAILURE() << "query failed during indexing: " << e.what();
    }
    ++t.queries;
  }
}

TEST(Concurrency, ReadersNeverFailWhileDindexWrites) {
  std::string german = corpus("gnad10k-test/gnad10k-test.jsonl.gz"), bbc = corpus("bbc-news/bbc-news.jsonl.gz");
  if (german.empty() || bbc.empty()) GTEST_SKIP() << "../shared/corpora is absent";
  TempDir tmp;
  std::string db = tmp / "index", docs = tmp / "docs";
  std::filesystem::create_directories(docs);
  std::filesystem::copy(german, docs + "/german.jsonl.gz");
  ASSERT_EQ(run(dindex("--db " + db + " " + docs)).exit, 0);

  std::atomic<bool> stop{false};
  Tally in_process;
  std::vector<std::thread> readers;
  for (int i = 0; i < 2; ++i) readers.emplace_back(search_loop, db, std::cref(stop), std::ref(in_process));
  // Two dsearch processes in a loop; a failure is exit code 2.
  std::string fails = tmp / "process-failures", runs = tmp / "process-runs";
  std::string loop = "while [ ! -e " + tmp / "stop" + " ]; do " + std::string(DSEARCH_BIN) + " --db " + db +
                     " --facets --json 'oil OR bank' >/dev/null 2>&1; [ $? -ge 2 ] && echo x >>" + fails +
                     "; echo x >>" + runs + "; done";
  pid_t p1 = spawn({"/bin/sh", "-c", loop}), p2 = spawn({"/bin/sh", "-c", loop});

  // Adds (BBC), then updates and removals (a modified BBC), committing often.
  std::filesystem::copy(bbc, docs + "/bbc.jsonl.gz");
  Output add = run(dindex("--json --batch 100 --db " + db + " " + docs));
  write_modified(bbc, docs + "/bbc.tmp.gz");
  std::filesystem::rename(docs + "/bbc.tmp.gz", docs + "/bbc.jsonl.gz");
  Output change = run(dindex("--json --batch 100 --db " + db + " " + docs));

  stop = true;
  std::ofstream(tmp / "stop").close();
  for (auto& r : readers) r.join();
  wait_exit(p1);
  wait_exit(p2);

  ASSERT_EQ(add.exit, 0) << add.err;
  ASSERT_EQ(change.exit, 0) << change.err;
  EXPECT_EQ(add.json()["added"], 2225);
  EXPECT_EQ(change.json()["removed"], 2225 / 5);
  int updated = 0;
  for (int n = 1; n <= 2225; ++n) updated += n % 3 == 0 && n % 5 != 0;
  EXPECT_EQ(change.json()["updated"], updated);
  long process_runs = static_cast<long>(slurp(runs).size() / 2), process_failures = static_cast<long>(slurp(fails).size() / 2);
  std::printf("in-process queries %ld, failed %ld, broken hits %ld; dsearch processes %ld, failed %ld\n",
              in_process.queries.load(), in_process.failures.load(), in_process.broken_hits.load(), process_runs,
              process_failures);
  EXPECT_GT(in_process.queries.load(), 50);
  EXPECT_EQ(in_process.failures.load(), 0);
  EXPECT_EQ(in_process.broken_hits.load(), 0);
  EXPECT_GT(process_runs, 10);
  EXPECT_EQ(process_failures, 0);
}

}  // namespace
}  // namespace dsearch::test
