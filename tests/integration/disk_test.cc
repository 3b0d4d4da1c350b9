// A full disk or a read-only index: dindex reports the error with exit code 4 and the last
// committed state stays intact and searchable; once space is back, a re-run converges.
#include <gtest/gtest.h>
#include <xapian.h>

#include "cli_runner.h"

namespace dsearch::test {
namespace {

namespace fs = std::filesystem;

std::string corpus(const std::string& rel) {
  std::string f = std::string(DSEARCH_SHARED_DIR) + "/corpora/" + rel;
  return fs::exists(f) ? f : std::string();
}

std::uintmax_t largest_file(const std::string& dir) {
  std::uintmax_t most = 0;
  for (const auto& e : fs::directory_iterator(dir)) most = std::max(most, e.file_size());
  return most;
}

TEST(Disk, FullDiskKeepsTheLastCommitAndReportsIt) {
  std::string bbc = corpus("bbc-news/bbc-news.jsonl.gz"), reuters = corpus("reuters21578/reuters21578.jsonl.gz");
  if (bbc.empty() || reuters.empty()) GTEST_SKIP() << "../shared/corpora is absent";
  TempDir tmp;
  std::string db = tmp / "index";
  ASSERT_EQ(run(dindex("--db " + db + " " + bbc)).exit, 0);
  Output before = run(dsearch("--json --limit 5 --db " + db + " election"));

  // Files may grow by 1 MB and no more: writes then fail with EFBIG, as on a full disk.
  std::uintmax_t limit_kb = largest_file(db) / 1024 + 1024;
  Output full = run("bash -c \"trap '' XFSZ; ulimit -f " + std::to_string(limit_kb) + "; exec " +
                    dindex("--batch 500 --db " + db + " " + bbc + " " + reuters) + "\"");
  EXPECT_EQ(full.exit, 4) << full.err;
  EXPECT_NE(full.err.find("cannot write index"), std::string::npos) << full.err;
  EXPECT_NE(full.err.find("last committed state"), std::string::npos) << full.err;

  Xapian::Database after(db);
  EXPECT_GE(after.get_doccount(), 2225u);
  Output still = run(dsearch("--json --limit 5 --db " + db + " election"));
  ASSERT_EQ(still.exit, 0) << still.err;
  EXPECT_EQ(still.json()["results"][0]["id"], before.json()["results"][0]["id"]);

  Output again = run(dindex("--json --db " + db + " " + bbc + " " + reuters));
  ASSERT_EQ(again.exit, 0) << again.err;
  EXPECT_EQ(again.json()["total"], 2225 + 11000);
}

TEST(Disk, ReadOnlyIndexIsReportedAndUntouched) {
  std::string bbc = corpus("bbc-news/bbc-news.jsonl.gz");
  if (bbc.empty()) GTEST_SKIP() << "../shared/corpora is absent";
  if (run("unshare -m true").exit != 0) GTEST_SKIP() << "no mount namespaces here (needs root)";
  TempDir tmp;
  std::string db = tmp / "index", docs = tmp / "docs";
  fs::create_directories(docs);
  fs::copy(bbc, docs + "/bbc.jsonl.gz");
  ASSERT_EQ(run(dindex("--db " + db + " " + docs)).exit, 0);
  std::ofstream(docs + "/new.txt") << "Envoy arrives\n\nOfficials in Moscow said the special envoy arrived on Monday.\n";
  Output ro = run("unshare -m sh -c 'mount --bind " + db + " " + db + " && mount -o remount,bind,ro " + db + " && " +
                  dindex("--db " + db + " " + docs) + "'");
  EXPECT_EQ(ro.exit, 4) << ro.err;
  EXPECT_FALSE(ro.err.empty());
  EXPECT_EQ(Xapian::Database(db).get_doccount(), 2225u);
  EXPECT_EQ(run(dsearch("--db " + db + " election")).exit, 0);
}

}  // namespace
}  // namespace dsearch::test
