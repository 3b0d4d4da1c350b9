// Killing dindex at any moment loses nothing: after each SIGKILL the index opens, dsearch answers,
// no article is present twice and the count never goes back; a final run converges to exactly a
// clean build (same ids, same content hashes). SIGTERM commits and stops cleanly.
#include <gtest/gtest.h>
#include <xapian.h>

#include <chrono>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <thread>

#include "cli_runner.h"
#include "dsearch/deleted_docs.h"
#include "dsearch/origin.h"
#include "dsearch/schema.h"
#include "process.h"
#include "spelling_words.h"

namespace dsearch::test {
namespace {

std::string reuters() {
  std::string f = std::string(DSEARCH_SHARED_DIR) + "/corpora/reuters21578/reuters21578.jsonl.gz";
  return std::filesystem::exists(f) ? f : std::string();
}

// The id key of each article in the index (not of its deleted documents), with its whole origin:
// content hash, root and file keys (origin.h).
std::map<std::string, std::string> contents(const std::string& db_path) {
  Xapian::Database db(db_path);
  DeletedDocs deleted = DeletedDocs::load(db);
  std::map<std::string, std::string> out;
  for (auto it = db.valuestream_begin(schema::kSlotRecord); it != db.valuestream_end(schema::kSlotRecord); ++it)
    if (!deleted.contains(it.get_docid())) out[(*it).substr(0, 8)] = (*it).substr(0, kOriginBytes);
  return out;
}

// The index opens, every id (key) names exactly one live article, and dsearch agrees on the count.
Xapian::doccount check_consistent(const std::string& db_path) {
  Xapian::Database db(db_path);
  DeletedDocs deleted = DeletedDocs::load(db);
  std::set<std::string> ids;
  for (auto it = db.valuestream_begin(schema::kSlotRecord); it != db.valuestream_end(schema::kSlotRecord); ++it) {
    if (deleted.contains(it.get_docid())) continue;
    EXPECT_TRUE(ids.insert((*it).substr(0, 8)).second) << "article " << it.get_docid() << "'s id present twice";
  }
  EXPECT_EQ(ids.size(), live_doccount(db));
  Output o = run(dsearch("--json --limit 3 --db " + db_path + " oil"));
  EXPECT_LE(o.exit, 1) << o.err;
  if (o.exit <= 1) {
    EXPECT_LE(o.json()["results"].size(), 3u);
  }
  Output all = run(dsearch("--json --limit 0 --facets --db " + db_path));
  EXPECT_LE(all.exit, 1) << all.err;
  if (all.exit <= 1) {
    EXPECT_EQ(all.json()["total"], live_doccount(db));
  }
  return live_doccount(db);
}

TEST(Kill, SigkillAtRandomMomentsLosesNothingAndConverges) {
  if (reuters().empty()) GTEST_SKIP() << "../shared/corpora is absent";
  TempDir tmp;
  std::string clean = tmp / "clean", killed = tmp / "killed";
  // Both start from the seeds, so that Reuters goes in by updates, batch by batch (a first build is
  // written as shards instead: SigkillInAFirstBuildIsResumedFromItsShards).
  std::string seeds = std::string(DSEARCH_SOURCE_DIR) + "/corpus";
  for (const auto& db : {clean, killed}) ASSERT_EQ(run(dindex("--db " + db + " " + seeds)).exit, 0);
  ASSERT_EQ(run(dindex("--db " + clean + " " + reuters())).exit, 0);

  std::mt19937 rng(20261123);  // seeded: the same kill points on every run
  std::uniform_int_distribution<int> delay_ms(30, 300);
  Xapian::doccount last = 0;
  int kills = 0, survived = 0;
  // Small batches and short runs keep work left for every kill; a run that finished first is no kill.
  // (Updates got twice as fast in schema 7, and delays up to 700 ms ran out of work.)
  for (int i = 0; i < 60 && kills < 24; ++i) {
    pid_t pid = spawn({DINDEX_BIN, "--batch", "100", "--db", killed, reuters()});
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms(rng)));
    kill(pid, SIGKILL);
    bool killed_it = wait_exit(pid) == 128 + SIGKILL;
    kills += killed_it;
    if (!std::filesystem::exists(killed)) continue;  // killed before the index was created
    bool failed_before = HasFailure();
    Xapian::doccount now = check_consistent(killed);
    EXPECT_GE(now, last) << "kill " << i << " lost committed articles";
    survived += killed_it && !failed_before && !HasFailure();
    last = now;
  }
  std::printf("kills survived: %d of %d made; %u articles committed before the final run\n", survived, kills, last);
  EXPECT_GE(kills, 20);
  EXPECT_EQ(survived, kills);

  Output final_run = run(dindex("--json --db " + killed + " " + reuters()));
  ASSERT_EQ(final_run.exit, 0) << final_run.err;
  EXPECT_EQ(contents(killed), contents(clean));
  // Spelling counts are committed with their batch: none lost with a killed batch, none twice.
  EXPECT_EQ(spelling_counts(killed), spelling_counts(clean));
}

// Replacing an article adds its new copy and lists the old one as deleted (deleted_docs.h): both
// must reach the index in the same commit, or a kill leaves two live copies that no later run can
// tell apart. Xapian commits by itself every XAPIAN_FLUSH_THRESHOLD documents; here that is every
// 50, inside batches of 100,000, so only the batch's own commit can keep the two together.
TEST(Kill, SigkillWhileReplacingNeverLeavesTwoLiveCopies) {
  if (reuters().empty()) GTEST_SKIP() << "../shared/corpora is absent";
  TempDir tmp;
  std::string db = tmp / "index", docs = tmp / "docs";
  std::filesystem::create_directories(docs);
  Output slice = run("zcat " + shell_quote(reuters()));
  ASSERT_EQ(slice.exit, 0) << slice.err;
  std::ofstream(docs + "/r.jsonl") << slice.out;
  ASSERT_EQ(run(dindex("--db " + db + " " + docs)).exit, 0);
  std::string changed;
  std::istringstream in(slice.out);
  for (std::string line; std::getline(in, line);) {
    nlohmann::json j = nlohmann::json::parse(line);
    j["body"] = j["body"].get<std::string>() + " Revised.";
    changed += j.dump() + "\n";
  }
  std::ofstream(docs + "/r.jsonl", std::ios::trunc) << changed;

  setenv("XAPIAN_FLUSH_THRESHOLD", "50", 1);
  pid_t pid = spawn({DINDEX_BIN, "--batch", "100000", "--db", db, docs});
  unsetenv("XAPIAN_FLUSH_THRESHOLD");
  // Analysing 11,000 changed articles takes seconds; the batch's commit comes at the end.
  std::this_thread::sleep_for(std::chrono::milliseconds(700));
  kill(pid, SIGKILL);
  ASSERT_EQ(wait_exit(pid), 128 + SIGKILL) << "the run ended before it could be killed";
  EXPECT_EQ(check_consistent(db), 11000u);
  Output rest = run(dindex("--json --db " + db + " " + docs));
  ASSERT_EQ(rest.exit, 0) << rest.err;
  EXPECT_EQ(rest.json()["updated"], 11000) << "nothing of the killed batch was committed";
  EXPECT_EQ(check_consistent(db), 11000u);
}

// Articles the shards of a first build hold, summed over the shards (read while they are written).
Xapian::doccount in_shards(const std::string& db_path) {
  Xapian::doccount n = 0;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(db_path + ".build", ec)) {
    if (e.path().filename().string().rfind("shard", 0) != 0) continue;
    try {
      n += Xapian::Database(e.path().string()).get_doccount();
    } catch (const Xapian::Error&) {
    }
  }
  return n;
}

// Starts a first build of Reuters into `db` and kills it once its shards hold 1,000 articles or
// more; returns how many they hold.
Xapian::doccount killed_first_build(const std::string& db) {
  pid_t pid = spawn({DINDEX_BIN, "--batch", "400", "--db", db, reuters()});
  Xapian::doccount done = 0;
  for (int i = 0; i < 600 && (done = in_shards(db)) < 1000; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  kill(pid, SIGKILL);
  EXPECT_EQ(wait_exit(pid), 128 + SIGKILL) << "the build ended before it could be killed";
  EXPECT_EQ(Xapian::Database(db).get_doccount(), 0u) << "the index is written at the merge only";
  return done;
}

TEST(Kill, SigtermCommitsWhatWasAnalysedAndSaysSo) {
  if (reuters().empty()) GTEST_SKIP() << "../shared/corpora is absent";
  TempDir tmp;
  std::string db = tmp / "index";
  std::string err = tmp / "err";
  pid_t pid = fork();
  if (pid == 0) {
    int fd = open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(fd, 2);
    int null = open("/dev/null", O_WRONLY);
    dup2(null, 1);
    execl(DINDEX_BIN, DINDEX_BIN, "--batch", "400", "--db", db.c_str(), reuters().c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  // Signalled once the shards hold 1,000 articles, not after a fixed time: a build that got
  // faster had analysed all 11,000 within the 1.5 s this test waited.
  for (int i = 0; i < 600 && in_shards(db) < 1000; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  kill(pid, SIGTERM);
  EXPECT_EQ(wait_exit(pid), 130);
  EXPECT_NE(slurp(err).find("interrupted"), std::string::npos) << slurp(err);
  Xapian::doccount committed = check_consistent(db);
  EXPECT_GT(committed, 0u) << "SIGTERM must commit what was analysed";
  EXPECT_LT(committed, 11000u);
  Output rest = run(dindex("--json --db " + db + " " + reuters()));
  EXPECT_EQ(rest.exit, 0);
  EXPECT_EQ(rest.json()["total"], 11000);
  EXPECT_EQ(rest.json()["unchanged"], committed);
}

TEST(Kill, SigkillInAFirstBuildIsResumedFromItsShards) {
  if (reuters().empty()) GTEST_SKIP() << "../shared/corpora is absent";
  TempDir tmp;
  std::string clean = tmp / "clean", db = tmp / "index";
  ASSERT_EQ(run(dindex("--db " + clean + " " + reuters())).exit, 0);
  EXPECT_FALSE(std::filesystem::exists(clean + ".build")) << "a finished build leaves no shards";

  Xapian::doccount done = killed_first_build(db);
  ASSERT_GE(done, 1000u);

  Output resumed = run(dindex("--json --db " + db + " " + reuters()));
  ASSERT_EQ(resumed.exit, 0) << resumed.err;
  EXPECT_GE(resumed.json()["resumed"], done) << "what the shards held is not analysed again";
  EXPECT_EQ(resumed.json()["added"], 11000);
  EXPECT_EQ(check_consistent(db), 11000u);
  EXPECT_EQ(contents(db), contents(clean));
  EXPECT_FALSE(std::filesystem::exists(db + ".build"));
}

// Shards an older dindex left (another layout of documents) are not resumed: the merge would carry
// their documents into an index of this schema.
TEST(Kill, AFirstBuildOfAnotherSchemaIsNotResumed) {
  if (reuters().empty()) GTEST_SKIP() << "../shared/corpora is absent";
  TempDir tmp;
  std::string clean = tmp / "clean", db = tmp / "index";
  ASSERT_EQ(run(dindex("--db " + clean + " " + reuters())).exit, 0);
  ASSERT_GE(killed_first_build(db), 1000u);
  for (const auto& e : std::filesystem::directory_iterator(db + ".build"))
    if (e.path().filename().string().rfind("shard", 0) == 0 && std::filesystem::is_directory(e.path()))
    {
      Xapian::WritableDatabase shard(e.path().string(), Xapian::DB_OPEN | Xapian::DB_NO_TERMLIST);
      shard.set_metadata(std::string(schema::kMetaSchema), "5");
      shard.commit();
    }

  Output rebuilt = run(dindex("--json --db " + db + " " + reuters()));
  ASSERT_EQ(rebuilt.exit, 0) << rebuilt.err;
  EXPECT_EQ(rebuilt.json()["resumed"], 0);
  EXPECT_EQ(rebuilt.json()["added"], 11000);
  EXPECT_EQ(check_consistent(db), 11000u);
  EXPECT_EQ(contents(db), contents(clean));
}

// Shards are written without syncing (a first build commits each some 90 times, and fdatasync
// held a worker up to 5% of the build), so a power loss can leave one with a table that is empty or
// short. Such a shard is analysed again, as one of another schema is, and the build completes.
TEST(Kill, AFirstBuildWithADamagedShardAnalysesItAgain) {
  if (reuters().empty()) GTEST_SKIP() << "../shared/corpora is absent";
  TempDir tmp;
  std::string clean = tmp / "clean", db = tmp / "index";
  ASSERT_EQ(run(dindex("--db " + clean + " " + reuters())).exit, 0);
  Xapian::doccount done = killed_first_build(db);
  ASSERT_GE(done, 1000u);
  std::string damaged = db + ".build/shard0/postlist.glass";
  ASSERT_TRUE(std::filesystem::exists(damaged));
  Xapian::doccount kept = Xapian::Database(db + ".build/shard1").get_doccount();
  std::filesystem::resize_file(damaged, std::filesystem::file_size(damaged) / 3);

  Output rebuilt = run(dindex("--json --db " + db + " " + reuters()));
  ASSERT_EQ(rebuilt.exit, 0) << rebuilt.err;
  EXPECT_EQ(rebuilt.json()["resumed"], kept) << "the intact shard is resumed, the damaged one is not";
  EXPECT_EQ(rebuilt.json()["added"], 11000);
  EXPECT_EQ(check_consistent(db), 11000u);
  EXPECT_EQ(contents(db), contents(clean));
}

}  // namespace
}  // namespace dsearch::test
