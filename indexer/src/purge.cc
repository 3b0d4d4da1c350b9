#include "purge.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <exception>
#include <filesystem>
#include <thread>
#include <vector>

#include "dsearch/deleted_docs.h"
#include "dsearch/indexer/analyse.h"
#include "dsearch/indexer/indexer.h"
#include "dsearch/record_codec.h"
#include "dsearch/schema.h"
#include "dsearch/spelling.h"
#include "shard_build.h"

namespace dsearch {
namespace {

namespace fs = std::filesystem;

std::vector<Xapian::docid> live_docids(const Xapian::Database& db) {
  DeletedDocs deleted = DeletedDocs::load(db);
  std::vector<Xapian::docid> live;
  live.reserve(db.get_doccount());
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it)
    if (!deleted.contains(*it)) live.push_back(*it);
  return live;
}

// Adds the documents `docids` to `shard`, made again from their records.
void rewrite(const std::string& db_path, const std::vector<Xapian::docid>& docids, Shard& shard, bool spelling,
             std::atomic<std::uint64_t>& done, const std::atomic<bool>& failed) {
  Xapian::Database db(db_path);  // a handle per thread: Xapian's are not thread-safe
  RecordUnpacker unpacker;
  const std::vector<std::string> no_words;
  for (Xapian::docid did : docids) {
    if (failed) return;
    Xapian::Document old = db.get_document(did, Xapian::DOC_ASSUME_VALID);
    Article a;
    try {
      a = deserialize(unpacker.unpack(stored_record(old), db));
    } catch (const std::runtime_error& e) {
      throw std::runtime_error("cannot rewrite the index: document " + std::to_string(did) + ": " + e.what());
    }
    IndexedDocument doc = make_document(a, encode_origin(stored_origin(old.get_value(schema::kSlotRecord))));
    shard.add(doc.doc, spelling ? doc.words : no_words);
    ++done;
  }
  shard.finish();
}

}  // namespace

bool purge_due(std::size_t deleted, Xapian::doccount doccount) { return deleted > 0 && deleted * 5 >= doccount; }

bool purge_deleted(Xapian::WritableDatabase& index, const std::string& db_path, unsigned threads,
                   const std::atomic<bool>* stop, const std::function<void(std::uint64_t, std::uint64_t)>& progress) {
  Xapian::Database reader(db_path);
  std::vector<Xapian::docid> live = live_docids(reader);
  bool with_spelling = spelling::present(reader);
  std::vector<std::pair<std::string, std::string>> meta;
  for (auto key : {schema::kMetaSchema, schema::kMetaRoots, schema::kMetaLangs})
    meta.emplace_back(key, reader.get_metadata(std::string(key)));
  reader.close();

  std::string folder = shard_folder(db_path);
  std::error_code ec;
  fs::remove_all(folder, ec);
  fs::create_directories(folder);
  std::size_t n = std::clamp<std::size_t>(threads, 1, std::max<std::size_t>(1, live.size() / 1000));
  std::vector<Shard> shards;
  const IndexOptions batches;  // shards commit as in a first build
  for (std::size_t i = 0; i < n; ++i)
    shards.emplace_back(folder + "/shard" + std::to_string(i), batches.batch_docs / n, batches.batch_seconds);
  // Contiguous ranges, so that the merge keeps the documents in their order.
  std::vector<std::vector<Xapian::docid>> parts(n);
  for (std::size_t i = 0; i < n; ++i)
    parts[i].assign(live.begin() + live.size() * i / n, live.begin() + live.size() * (i + 1) / n);
  std::atomic<std::uint64_t> done{0};
  std::atomic<std::size_t> running{n};
  std::atomic<bool> failed{false};
  std::vector<std::exception_ptr> errors(n);
  std::vector<std::thread> workers;
  for (std::size_t i = 0; i < n; ++i)
    workers.emplace_back([&, i] {
      try {
        rewrite(db_path, parts[i], shards[i], with_spelling, done, failed);
      } catch (...) {
        errors[i] = std::current_exception();
        failed = true;
      }
      --running;
    });
  while (running > 0) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    if (stop && *stop) failed = true;  // the workers stop at their next document
    if (progress) progress(done, live.size());
  }
  for (auto& w : workers) w.join();
  if (failed) {
    shards.clear();
    fs::remove_all(folder, ec);
    for (const auto& e : errors)
      if (e) std::rethrow_exception(e);
    return false;
  }
  merge_shards(shards, index, db_path, meta);
  return true;
}

}  // namespace dsearch
