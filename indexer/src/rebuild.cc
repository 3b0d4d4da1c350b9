// Rebuilding an index from scratch beside the old one, then swapping it in: an index an older
// dindex built (another schema) is replaced without the user deleting it first, and the old one
// stays whole and searchable until the new one is complete.
#include <filesystem>
#include <optional>

#include <xapian.h>

#include "dsearch/error.h"
#include "dsearch/indexer/indexer.h"
#include "dsearch/schema.h"
#include "metadata_lists.h"
#include "shard_build.h"

namespace dsearch {
namespace {

namespace fs = std::filesystem;

// The old index's write lock, held so no other dindex changes it while its successor is built.
// A corrupt index has nothing to keep: it is rebuilt from the paths given.
std::optional<Xapian::WritableDatabase> lock_old(const std::string& db) {
  try {
    return open_writable(db, Xapian::DB_OPEN);
  } catch (const Error& e) {
    if (e.kind() == ErrorKind::kData) return std::nullopt;
    throw;
  }
}

void remove_build(const std::string& path) {
  std::error_code ec;
  fs::remove_all(path, ec);
  fs::remove_all(shard_folder(path), ec);
}

void swap_in(const std::string& fresh, const std::string& db) {
  std::string old = db + ".old";
  std::error_code ec;
  fs::remove_all(old, ec);
  fs::rename(db, old, ec);
  if (!ec) fs::rename(fresh, db, ec);
  if (ec) throw Error(ErrorKind::kIo, "cannot move the rebuilt index " + fresh + " to " + db + ": " + ec.message());
  fs::remove_all(old, ec);
}

}  // namespace

IndexStats rebuild_index(const IndexOptions& options, const ErrorSink& errors,
                         const std::function<void(const Progress&)>& progress) {
  std::string db = index_folder(options.db_path);
  if (!fs::exists(db)) return run_index(options, errors, progress);
  IndexOptions fresh = options;
  fresh.db_path = db + ".rebuild";
  std::optional<Xapian::WritableDatabase> old = lock_old(db);
  if (fresh.paths.empty() && old) fresh.paths = split_lines(old->get_metadata(std::string(schema::kMetaRoots)));
  ensure(!fresh.paths.empty(), ErrorKind::kUsage,
         "index " + db + " records no paths to rebuild from; give them: dindex --rebuild PATH...");
  remove_build(fresh.db_path);  // left by a rebuild that was stopped
  IndexStats stats;
  try {
    stats = run_index(fresh, errors, progress);
  } catch (...) {
    remove_build(fresh.db_path);
    throw;
  }
  if (stats.interrupted) {
    remove_build(fresh.db_path);
    return stats;
  }
  if (old) old->close();
  swap_in(fresh.db_path, db);
  return stats;
}

}  // namespace dsearch
