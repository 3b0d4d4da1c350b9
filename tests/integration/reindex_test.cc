// Re-running dindex: new files are added, changed ones re-indexed, unchanged ones skipped, gone
// ones removed; one writer at a time; the default index location.
#include <gtest/gtest.h>
#include <xapian.h>

#include <set>
#include <sstream>
#include <unordered_map>

#include "cli_runner.h"
#include "records.h"
#include "dsearch/deleted_docs.h"
#include "dsearch/hash.h"
#include "dsearch/origin.h"
#include "dsearch/schema.h"
#include "dsearch/spelling.h"
#include "spelling_words.h"

namespace dsearch::test {
namespace {

namespace fs = std::filesystem;

nlohmann::json index_json(const std::string& db, const std::string& paths, int expect_exit = 0) {
  Output o = run(dindex("--json --db " + db + " " + paths));
  EXPECT_EQ(o.exit, expect_exit) << o.err;
  return o.out.empty() ? nlohmann::json() : nlohmann::json::parse(o.out);
}

// Changes what an index records, as an older or damaged dindex might have left it.
void set_metadata(const std::string& db, const std::string& key, const std::string& value) {
  Xapian::WritableDatabase w(db, Xapian::DB_OPEN | Xapian::DB_NO_TERMLIST);
  w.set_metadata(key, value);
  w.commit();
}

// `deleted`: replaced or removed articles the index still holds; `purged`: those a rewrite dropped.
// In these small indexes one is already a fifth of the index, so the run rewrites it.
nlohmann::json counts(int added, int updated, int removed, int unchanged, int failed, int total, int deleted = 0,
                      int purged = 0) {
  return {{"added", added},   {"updated", updated}, {"removed", removed}, {"unchanged", unchanged},
          {"failed", failed}, {"total", total},     {"resumed", 0},       {"deleted", deleted},
          {"purged", purged}};
}

class Reindex : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::copy(std::string(DSEARCH_SOURCE_DIR) + "/corpus", docs_, fs::copy_options::recursive);
  }
  TempDir tmp_;
  std::string docs_ = tmp_ / "docs", db_ = tmp_ / "index";
};

TEST_F(Reindex, AddsChangesSkipsAndRemoves) {
  EXPECT_EQ(index_json(db_, docs_), counts(2, 0, 0, 0, 0, 2));
  EXPECT_EQ(index_json(db_, docs_), counts(0, 0, 0, 2, 0, 2));

  std::string dw = docs_ + "/001_e3b90086b74f9351.txt";
  std::string text = slurp(dw);
  std::string anchor = "The specific purpose behind the meeting remains unclear.";
  text.insert(text.find(anchor) + anchor.size(), " He will fly to Vladivostok aboard a zeppelin.");
  std::ofstream(dw, std::ios::binary | std::ios::trunc) << text;
  fs::create_directories(docs_ + "/sub");
  std::ofstream(docs_ + "/sub/new.txt") << "Xinhua envoy\n\nMONGOLIA -- A special envoy from Ulaanbaatar "
                                           "visited Tokyo on Tuesday to discuss trade and energy ties.\n";
  EXPECT_EQ(index_json(db_, docs_), counts(1, 1, 0, 1, 0, 3, 0, 1));

  Output found = run(dsearch("--json --db " + db_ + " zeppelin"));
  ASSERT_EQ(found.exit, 0);
  EXPECT_EQ(found.json()["total"], 1);
  EXPECT_EQ(found.json()["results"][0]["id"], "001_e3b90086b74f9351.txt");

  fs::remove(docs_ + "/000_b45b558db81f4ae8.txt");
  EXPECT_EQ(index_json(db_, docs_), counts(0, 0, 1, 2, 0, 2, 0, 1));
  EXPECT_EQ(run(dsearch("--db " + db_ + " Unification Ministry")).exit, 1);
}

// A first build keeps the words of two articles or more for "did you mean"; later runs add all.
TEST_F(Reindex, SpellingDataOfAFirstBuildAndOfLaterRuns) {
  index_json(db_, docs_);
  {
    Xapian::Database db(db_);
    EXPECT_EQ(spelling::frequency(db, "envoy"), 2u);  // in both seeds
    EXPECT_EQ(spelling::frequency(db, "unification"), 0u);  // in one only
  }
  std::ofstream(docs_ + "/new.txt") << "Seoul talks\n\nThe Unification Ministry in Seoul said the "
                                        "envoy would travel to Ulaanbaatar next week.\n";
  EXPECT_EQ(index_json(db_, docs_), counts(1, 0, 0, 2, 0, 3));
  Xapian::Database db(db_);
  EXPECT_EQ(spelling::frequency(db, "envoy"), 3u);
  EXPECT_EQ(spelling::frequency(db, "unification"), 1u);
  EXPECT_EQ(spelling::frequency(db, "ulaanbaatar"), 1u);
}

std::uintmax_t folder_bytes(const std::string& dir) {
  std::uintmax_t n = 0;
  for (const auto& e : fs::recursive_directory_iterator(dir)) n += e.is_regular_file() ? e.file_size() : 0;
  return n;
}

TEST_F(Reindex, CompactRewritesTheIndexAndLaterRunsGoOn) {
  index_json(db_, docs_);
  for (int i = 0; i < 30; ++i) {  // many small runs leave blocks part-empty
    std::ofstream(docs_ + "/update" + std::to_string(i) + ".txt")
        << "Update " << i << "\n\nThe envoy met officials in Seoul, round " << i << ".\n";
    index_json(db_, docs_);
  }
  Output before = run(dsearch("--json --db " + db_ + " envoy"));
  std::uintmax_t bytes = folder_bytes(db_);
  EXPECT_EQ(index_json(db_, "--compact"), counts(0, 0, 0, 32, 0, 32));
  EXPECT_LT(folder_bytes(db_), bytes);
  EXPECT_FALSE(fs::exists(db_ + ".build"));
  Output after = run(dsearch("--json --db " + db_ + " envoy"));
  ASSERT_EQ(after.exit, 0) << after.err;
  EXPECT_EQ(after.json()["results"], before.json()["results"]);
  fs::remove(docs_ + "/update0.txt");
  EXPECT_EQ(index_json(db_, docs_), counts(0, 0, 1, 31, 0, 31, 1, 0));
}

// The ids of every article `query` matches, and their count as dsearch reports it.
std::pair<std::set<std::string>, int> matches(const std::string& db, const std::string& query) {
  Output o = run(dsearch("--json --limit 1000 --db " + db + " " + shell_quote(query)));
  EXPECT_LE(o.exit, 1) << o.err;
  std::set<std::string> ids;
  if (o.exit > 1) return {ids, -1};
  nlohmann::json j = o.json();
  for (const auto& r : j["results"]) ids.insert(r["id"].get<std::string>());
  return {ids, j["total"].get<int>()};
}

// The index keeps no termlists, so a replaced or removed article stays in it, listed as deleted
// (deleted_docs.h): no search may find it, and once such articles are a fifth of the index, or on
// --compact, dindex rewrites the index without them, from the records, changing no answer.
TEST_F(Reindex, DeletedArticlesAreNeverFoundAndARewriteDropsThem) {
  std::string reuters = std::string(DSEARCH_SHARED_DIR) + "/corpora/reuters21578/reuters21578.jsonl.gz";
  if (!fs::exists(reuters)) GTEST_SKIP() << "../shared/corpora is absent";
  Output slice = run("(zcat " + shell_quote(reuters) + " | sed -n 1,100p)");
  ASSERT_EQ(slice.exit, 0) << slice.err;
  std::vector<nlohmann::json> articles;
  std::istringstream in(slice.out);
  for (std::string line; std::getline(in, line);) articles.push_back(nlohmann::json::parse(line));
  auto write = [&](std::size_t from, std::size_t to) {
    std::ofstream out(docs_ + "/reuters.jsonl", std::ios::trunc);
    for (std::size_t i = from; i < to; ++i) out << articles[i].dump() << "\n";
  };
  write(0, 100);
  EXPECT_EQ(index_json(db_, docs_), counts(102, 0, 0, 0, 0, 102));
  std::string title = articles[10]["title"];
  auto [old_ids, old_total] = matches(db_, "\"" + title + "\"");
  ASSERT_EQ(old_total, 1) << title;

  for (int i : {10, 20, 30}) articles[i]["body"] = articles[i]["body"].get<std::string>() + " Zeppelin envoy.";
  write(0, 100);
  EXPECT_EQ(index_json(db_, docs_), counts(0, 3, 0, 99, 0, 102, 3, 0));
  EXPECT_EQ(matches(db_, "\"" + title + "\"").second, 1) << "the old copy is not found";
  EXPECT_EQ(matches(db_, "zeppelin").second, 3);
  // Later runs only add spelling counts: the replaced copies' words stay counted.
  std::string fresh = db_ + ".fresh";
  ASSERT_EQ(run(dindex("--db " + fresh + " " + docs_)).exit, 0);
  EXPECT_NE(spelling_counts(db_), spelling_counts(fresh));
  EXPECT_EQ(matches(db_, "").second, 102);
  Output facets = run(dsearch("--json --facets --limit 0 --db " + db_));
  ASSERT_EQ(facets.exit, 0) << facets.err;
  int reuters_count = 0;
  nlohmann::json counted = facets.json();  // kept: a loop over a temporary's member would dangle
  for (const auto& v : counted["facets"]["source"])
    if (v["value"] == "Reuters") reuters_count = v["count"];
  EXPECT_EQ(reuters_count, 100) << "facet counts leave the deleted copies out";
  std::set<std::string> before = matches(db_, "oil").first;

  EXPECT_EQ(index_json(db_, "--compact"), counts(0, 0, 0, 102, 0, 102, 0, 3));
  EXPECT_EQ(Xapian::Database(db_).get_doccount(), 102u);
  EXPECT_EQ(matches(db_, "oil").first, before) << "the rewrite changes no answer";
  EXPECT_EQ(matches(db_, "\"" + title + "\"").second, 1);
  EXPECT_EQ(matches(db_, "zeppelin").second, 3);
  EXPECT_EQ(spelling_counts(db_), spelling_counts(fresh)) << "the rewrite counts the live articles again";

  write(11, 100);  // 11 removed: under a fifth
  EXPECT_EQ(index_json(db_, docs_), counts(0, 0, 11, 91, 0, 91, 11, 0));
  EXPECT_EQ(matches(db_, "\"" + title + "\"").second, 0);
  EXPECT_EQ(matches(db_, "").second, 91);
  write(25, 100);  // 14 more: 25 of the 102 the index holds
  EXPECT_EQ(index_json(db_, docs_), counts(0, 0, 14, 77, 0, 77, 0, 25));
  EXPECT_EQ(Xapian::Database(db_).get_doccount(), 77u);
  EXPECT_EQ(matches(db_, "zeppelin").second, 1);
  EXPECT_EQ(index_json(db_, docs_), counts(0, 0, 0, 77, 0, 77));
}

// A rewrite (or --rebuild) puts its new index in place with two renames; killed between them, it
// leaves no index at the path and the old one beside it, which the next run must put back rather
// than start an empty index there (and remove the old one as a leftover).
TEST_F(Reindex, AKillBetweenTheRenamesOfASwapLosesNothing) {
  index_json(db_, docs_);
  for (const std::string& old : {db_ + ".build/replaced", db_ + ".old"}) {
    fs::create_directories(fs::path(old).parent_path());
    fs::rename(db_, old);
    EXPECT_EQ(index_json(db_, docs_), counts(0, 0, 0, 2, 0, 2)) << old;
    EXPECT_FALSE(fs::exists(old));
  }
}

// Records are packed with a dictionary trained on the index's own articles (record_codec.h). A
// build too small to train one writes raw records; once the index holds enough, a re-run trains
// one from them, packs what it writes with it, and later runs keep using it.
TEST_F(Reindex, RecordsArePackedOnceTheIndexCanTrainADictionary) {
  std::string reuters = std::string(DSEARCH_SHARED_DIR) + "/corpora/reuters21578/reuters21578.jsonl.gz";
  if (!fs::exists(reuters)) GTEST_SKIP() << "../shared/corpora is absent";
  auto slice = [&](const std::string& name, int from, int to) {
    // In a subshell: run() sends /dev/null to the command's stdin, which would be sed's.
    Output o = run("(zcat " + shell_quote(reuters) + " | sed -n " + std::to_string(from) + "," + std::to_string(to) + "p)");
    EXPECT_EQ(o.exit, 0) << o.err;
    std::ofstream(docs_ + "/" + name) << o.out;
    return o.out;
  };
  slice("a.jsonl", 1, 190);  // fewer than a shard needs to train
  EXPECT_EQ(index_json(db_, "-j 2 " + docs_), counts(192, 0, 0, 0, 0, 192));
  EXPECT_EQ(record_dictionaries(Xapian::Database(db_)), 0u);
  slice("b.jsonl", 191, 490);  // the index held too few when this run began
  EXPECT_EQ(index_json(db_, docs_), counts(300, 0, 0, 192, 0, 492));
  EXPECT_EQ(packed_records(Xapian::Database(db_)), 0u);
  std::string last = slice("c.jsonl", 491, 590);
  EXPECT_EQ(index_json(db_, docs_), counts(100, 0, 0, 492, 0, 592));
  {
    Xapian::Database db(db_);
    EXPECT_EQ(record_dictionaries(db), 1u);
    EXPECT_EQ(packed_records(db), 100u);
  }
  std::ofstream(docs_ + "/d.jsonl") << R"({"id":"extra","title":"Zeppelin envoy","body":"A special envoy flew to Oslo by zeppelin."})" << "\n";
  EXPECT_EQ(index_json(db_, docs_), counts(1, 0, 0, 592, 0, 593));
  Xapian::Database db(db_);
  EXPECT_EQ(record_dictionaries(db), 1u) << "later runs pack with the stored dictionary";
  EXPECT_EQ(packed_records(db), 101u);

  Output found = run(dsearch("--json --db " + db_ + " zeppelin"));
  ASSERT_EQ(found.exit, 0) << found.err;
  EXPECT_EQ(found.json()["results"][0]["title"], "Zeppelin envoy");
  nlohmann::json article = nlohmann::json::parse(last.substr(last.rfind('\n', last.size() - 2) + 1));
  Output old = run(dsearch("--json --db " + db_ + " --limit 600"));
  ASSERT_EQ(old.exit, 0) << old.err;
  nlohmann::json listing = old.json();  // kept: a loop over old.json()["results"] would dangle
  std::string title;
  for (const auto& r : listing["results"])
    if (r["id"] == article["id"]) title = r["title"];
  EXPECT_EQ(title, article["title"]) << "a packed record reads back";
}

TEST_F(Reindex, NoPathsReindexesTheKnownRoots) {
  index_json(db_, docs_);
  fs::remove(docs_ + "/000_b45b558db81f4ae8.txt");
  EXPECT_EQ(index_json(db_, ""), counts(0, 0, 1, 1, 0, 1, 0, 1));
}

TEST_F(Reindex, WalkingOneRootKeepsTheArticlesOfAnother) {
  std::string other = tmp_ / "other";
  fs::create_directories(other);
  std::ofstream(other + "/b.txt") << "Xinhua envoy\n\nMONGOLIA -- A special envoy from Ulaanbaatar visited Tokyo.\n";
  index_json(db_, docs_);
  EXPECT_EQ(index_json(db_, other), counts(1, 0, 0, 0, 0, 3));
  fs::remove(docs_ + "/000_b45b558db81f4ae8.txt");
  EXPECT_EQ(index_json(db_, docs_), counts(0, 0, 1, 1, 0, 2, 0, 1));
}

// Origins keep 32-bit keys of roots (origin.h). Two roots of one key, found by trying names, must
// not remove each other's articles: walking one removes nothing under that key.
TEST_F(Reindex, RootsOfOneShortKeyRemoveNothingOfEachOther) {
  std::unordered_map<std::uint32_t, std::string> seen;
  std::string a, b;
  for (int i = 0; a.empty(); ++i) {
    std::string root = tmp_ / ("r" + std::to_string(i));
    auto [it, added] = seen.emplace(short_key(root), root);
    if (!added) std::tie(a, b) = std::pair(it->second, root);
  }
  fs::copy(docs_, a, fs::copy_options::recursive);
  fs::create_directories(b);
  std::ofstream(b + "/b.txt") << "Xinhua envoy\n\nMONGOLIA -- A special envoy from Ulaanbaatar visited Tokyo.\n";
  index_json(db_, a);
  EXPECT_EQ(index_json(db_, b), counts(1, 0, 0, 0, 0, 3));
  EXPECT_EQ(index_json(db_, a), counts(0, 0, 0, 2, 0, 3)) << "b.txt looked gone from " << a;
  EXPECT_EQ(index_json(db_, b), counts(0, 0, 0, 1, 0, 3));
}

// Gives the indexed article `id` the key of `other`'s id, as if the two ids collided: the index
// has no termlists, so the document is copied under the new key (its terms found in the posting
// lists) and the original listed as deleted, as dindex replaces articles.
void give_key_of(const std::string& db, const std::string& id, const std::string& other) {
  Xapian::WritableDatabase w(db, Xapian::DB_OPEN | Xapian::DB_NO_TERMLIST);
  Xapian::docid did = 0;
  Origin origin;
  for (auto it = w.valuestream_begin(schema::kSlotRecord); it != w.valuestream_end(schema::kSlotRecord); ++it)
    if (stored_origin(*it).id == id_key(id)) std::tie(did, origin) = std::pair(it.get_docid(), stored_origin(*it));
  ASSERT_NE(did, 0u) << id;
  Xapian::Document old = w.get_document(did), copy;
  for (auto t = w.allterms_begin(); t != w.allterms_end(); ++t) {
    auto p = w.postlist_begin(*t);
    p.skip_to(did);
    if (p != w.postlist_end(*t) && *p == did) copy.add_term(*t, p.get_wdf());
  }
  for (Xapian::valueno slot = 0; slot <= schema::kSlotRecord; ++slot) copy.add_value(slot, old.get_value(slot));
  origin.id = id_key(other);
  copy.add_value(schema::kSlotRecord, record_value(encode_origin(origin), stored_record(old)));
  w.add_document(copy);
  DeletedDocs deleted = DeletedDocs::load(w);
  deleted.add(did);
  deleted.store(w);
  w.commit();
}

// Ids are known by 64-bit keys (hash.h). A new article whose key an indexed article has must not
// replace it; the Xinhua article's own file is put away, so that only the newcomer claims the key.
TEST_F(Reindex, ANewArticleWithTheKeyOfAnotherReplacesNothing) {
  index_json(db_, docs_);
  give_key_of(db_, "000_b45b558db81f4ae8.txt", "new.txt");
  fs::rename(docs_ + "/000_b45b558db81f4ae8.txt", tmp_ / "xinhua.txt");
  std::ofstream(docs_ + "/new.txt") << "Xinhua envoy\n\nMONGOLIA -- A special envoy from Ulaanbaatar visited Tokyo.\n";
  Output o = run(dindex("--json --db " + db_ + " " + docs_));
  EXPECT_EQ(o.exit, 1) << o.err;
  EXPECT_EQ(nlohmann::json::parse(o.out), counts(0, 0, 0, 1, 1, 2, 0, 1));
  EXPECT_NE(o.err.find("new.txt"), std::string::npos) << o.err;
  EXPECT_NE(o.err.find("has the key of another indexed article"), std::string::npos) << o.err;
  EXPECT_EQ(matches(db_, "Unification Ministry").second, 1) << "the Xinhua article was replaced";
  EXPECT_EQ(matches(db_, "Ulaanbaatar").second, 0);
}

TEST_F(Reindex, MissingPathRemovesNothing) {
  index_json(db_, docs_);
  auto j = index_json(db_, tmp_ / "no-such-dir", 1);
  EXPECT_EQ(j["failed"], 1);
  EXPECT_EQ(j["total"], 2);
}

TEST_F(Reindex, AnIndexOfAnotherSchemaIsRefusedWithARebuildMessage) {
  index_json(db_, docs_);
  set_metadata(db_, "dsearch:schema", "1");  // an older dindex: positions, no word order for phrases
  Output i = run(dindex("--db " + db_ + " " + docs_));
  EXPECT_EQ(i.exit, 4) << i.err;
  EXPECT_NE(i.err.find("schema 1); run dindex --rebuild"), std::string::npos) << i.err;
  Output s = run(dsearch("--db " + db_ + " '\"special envoy\"'"));
  EXPECT_EQ(s.exit, 2) << "phrases would find nothing in it: " << s.out;
  EXPECT_NE(s.err.find("schema 1); run dindex --rebuild"), std::string::npos) << s.err;
}

TEST_F(Reindex, RebuildReplacesAnIndexOfAnotherSchemaFromItsRoots) {
  index_json(db_, docs_);
  set_metadata(db_, "dsearch:schema", "1");
  Output r = run(dindex("--rebuild --json --db " + db_));
  ASSERT_EQ(r.exit, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["total"], 2) << r.out;
  EXPECT_FALSE(fs::exists(db_ + ".rebuild"));
  EXPECT_FALSE(fs::exists(db_ + ".old"));
  Output s = run(dsearch("--db " + db_ + " '\"special envoy\"'"));
  EXPECT_EQ(s.exit, 0) << s.err;
  EXPECT_NE(s.out.find("2 articles"), std::string::npos) << s.out;
  // Later runs are incremental again.
  EXPECT_EQ(index_json(db_, docs_), counts(0, 0, 0, 2, 0, 2));
}

TEST_F(Reindex, RebuildOfAnIndexThatRecordsNoPathsAsksForThem) {
  index_json(db_, docs_);
  set_metadata(db_, "dsearch:roots", "");
  Output r = run(dindex("--rebuild --db " + db_));
  EXPECT_EQ(r.exit, 2) << r.err;
  EXPECT_NE(r.err.find("records no paths"), std::string::npos) << r.err;
  EXPECT_EQ(run(dsearch("--db " + db_ + " envoy")).exit, 0) << "the old index is left as it was";
}

TEST_F(Reindex, SecondWriterFailsAtOnceAndTouchesNothing) {
  index_json(db_, docs_);
  Xapian::WritableDatabase holder(db_, Xapian::DB_OPEN | Xapian::DB_NO_TERMLIST);
  Output o = run(dindex("--db " + db_ + " " + docs_));
  EXPECT_EQ(o.exit, 3);
  EXPECT_NE(o.err.find("locked by another dindex"), std::string::npos) << o.err;
  EXPECT_EQ(o.out, "");
  Output s = run(dsearch("--db " + db_ + " envoy"));
  EXPECT_EQ(s.exit, 0) << "searching works while a writer holds the lock";
}

TEST_F(Reindex, DefaultLocationFollowsXdgAndDsearchDb) {
  std::string env = "env -u DSEARCH_DB XDG_DATA_HOME=" + tmp_ / "xdg" + " ";
  Output o = run(env + dindex(docs_));
  ASSERT_EQ(o.exit, 0) << o.err;
  EXPECT_TRUE(fs::exists(tmp_ / "xdg/dsearch/index"));
  EXPECT_EQ(run(env + dsearch("envoy")).exit, 0);
  EXPECT_EQ(run("DSEARCH_DB=" + tmp_ / "xdg/dsearch/index " + dsearch("envoy")).exit, 0);
}

}  // namespace
}  // namespace dsearch::test
