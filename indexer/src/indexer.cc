// The indexing pipeline: one reader thread decides what changed, worker threads analyse, and the
// calling thread is the single Xapian writer, committing in batches. A full build of an empty index
// instead has each worker write its own shard, merged at the end (shard_build.h).
#include "dsearch/indexer/indexer.h"

#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <mutex>
#include <set>
#include <thread>
#include <unordered_set>
#include <utility>

#include "dsearch/analyzer.h"
#include "dsearch/article.h"
#include "dsearch/deleted_docs.h"
#include "dsearch/error.h"
#include "dsearch/hash.h"
#include "dsearch/indexer/analyse.h"
#include "dsearch/origin.h"
#include "dsearch/record_codec.h"
#include "dsearch/schema.h"
#include "dsearch/spelling.h"
#include "index_state.h"
#include "metadata_lists.h"
#include "purge.h"
#include "shard_build.h"
#include "work_queue.h"

namespace dsearch {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// Where a file's articles say they came from: short keys of its root and of its path under it.
struct Place {
  std::uint32_t root = 0, file = 0;
  std::uint64_t packed() const { return std::uint64_t{root} << 32 | file; }
};

struct Job {
  RawArticle raw;
  Place place;
  bool update = false;
};

struct Result {
  IndexedDocument doc;
  std::string id, lang, origin;
  bool update = false;
};

struct StopReading {};

void check_schema(Xapian::WritableDatabase& db, const std::string& path) {
  std::string version = db.get_metadata(std::string(schema::kMetaSchema));
  if (version.empty() && db.get_doccount() == 0) {
    db.set_metadata(std::string(schema::kMetaSchema), std::to_string(schema::kSchemaVersion));
    return;
  }
  schema::ensure_schema(version, path);
}


Xapian::WritableDatabase open_index(const std::string& path) {
  recover_swap(path);
  return open_writable(path);
}

// Everything one run shares between its threads.
class Run {
 public:
  Run(const IndexOptions& opt, const ErrorSink& errors, const std::function<void(const Progress&)>& progress)
      : opt_(opt), user_errors_(errors), progress_(progress), db_(open_index(opt.db_path)) {
    check_schema(db_, opt.db_path);
  }

  IndexStats execute();

 private:
  void error(const InputError& e) {
    std::lock_guard lock(error_mu_);
    ++stats_.failed;
    user_errors_(e);
  }
  bool stopping() const { return abort_ || (opt_.stop && opt_.stop->load()); }
  unsigned threads() const { return opt_.threads ? opt_.threads : std::max(1u, std::thread::hardware_concurrency()); }

  std::vector<std::string> resolve_paths();
  void read_all(const std::vector<InputFile>& files);
  void emit(const InputFile& file, Place place, RawArticle&& raw);
  void analyse_all(Shard* shard);
  void write_shard(Shard& shard, Result&& r);
  void commit_shard(Shard& shard);
  void open_packer();
  bool same_article(Xapian::docid did, const std::string& id);
  void write_all();
  void open_shards(unsigned n);
  void wait_for_shards(const std::atomic<unsigned>& running);
  void drop_stale_shard_copies();
  void merge();
  void delete_stale_copies(Xapian::WritableDatabase& merged);
  void purge();
  void commit();
  void remove_missing();
  bool prunable(const StoredArticle& s) const;
  void keep_ambiguous_roots(const std::set<std::string>& roots);
  void report(bool force);

  const IndexOptions& opt_;
  ErrorSink user_errors_;
  std::function<void(const Progress&)> progress_;
  Xapian::WritableDatabase db_;
  IndexStats stats_;
  std::mutex error_mu_;

  IndexState state_;
  DeletedDocs deleted_;
  bool in_batch_ = false;  // a transaction holds the batch's changes (write_all)
  // The ids first met in this run, to catch duplicates: as their keys, 8 bytes an id rather than
  // its string (a first build of 1M articles kept about 100 MB of the strings).
  std::unordered_set<IdKey, IdKeyHash> new_ids_;
  std::set<std::uint32_t> roots_to_prune_;        // short keys of directories walked, but shared ones
  std::unordered_set<std::uint64_t> incomplete_;  // Place::packed() of files read partly or not at all
  std::set<std::string> langs_;
  std::mutex stats_mu_;                           // stats_ and langs_ while shards are written
  std::vector<Shard> shards_;                     // one per worker in a full build, else none
  std::vector<std::string> replaced_;             // ids whose old copy a shard holds
  // Copies a resumed build's shards hold of articles changed or gone since: id and content hash,
  // which tell them from the new copy once the shards are merged.
  std::unordered_map<IdKey, std::uint64_t, IdKeyHash> stale_;
  std::exception_ptr shard_error_;
  // Spelling frequencies of the batch, summed here and added to the index's at commit.
  std::unordered_map<std::string, Xapian::termcount> spelling_;
  RecordPacker packer_;  // a re-run packs with one of the index's dictionaries
  RecordUnpacker unpacker_;

  WorkQueue<Job> jobs_{256};
  WorkQueue<Result> results_{256};
  std::atomic<bool> abort_{false};
  std::exception_ptr reader_error_;
  std::atomic<std::uint64_t> read_articles_{0}, read_bytes_{0};
  std::uint64_t bytes_before_file_ = 0;  // reader thread only
  std::uint64_t total_bytes_ = 0, pending_ = 0;
  Clock::time_point start_ = Clock::now(), last_commit_ = start_, last_report_ = start_;
};

std::vector<std::string> Run::resolve_paths() {
  std::vector<std::string> paths = opt_.paths;
  if (paths.empty()) paths = split_lines(db_.get_metadata(std::string(schema::kMetaRoots)));
  ensure(!paths.empty(), ErrorKind::kUsage, "no paths to index (give files or directories)");
  auto known = split_lines(db_.get_metadata(std::string(schema::kMetaRoots)));
  std::set<std::string> roots(known.begin(), known.end());
  for (const auto& p : paths) {
    std::error_code ec;
    fs::path abs = fs::absolute(p, ec).lexically_normal();
    if (!abs.has_filename()) abs = abs.parent_path();
    if (fs::is_directory(abs, ec)) roots_to_prune_.insert(short_key(abs.string()));
    if (fs::exists(abs, ec)) roots.insert(abs.string());
  }
  db_.set_metadata(std::string(schema::kMetaRoots), join(roots, '\n'));
  keep_ambiguous_roots(roots);
  return paths;
}

// Every article's root is a path given to some run, or the folder of a file given: all are in
// `roots` or their parents. Two of them with one short key would make the articles of one look
// gone when the other is walked; articles under such a key are never removed.
void Run::keep_ambiguous_roots(const std::set<std::string>& roots) {
  std::unordered_map<std::uint32_t, std::string> by_key;
  auto check = [&](const std::string& root) {
    auto [it, added] = by_key.emplace(short_key(root), root);
    if (!added && it->second != root) roots_to_prune_.erase(it->first);
  };
  for (const auto& r : roots) {
    check(r);
    check(fs::path(r).parent_path().string());
  }
}

void Run::emit(const InputFile& file, Place place, RawArticle&& raw) {
  if (stopping()) throw StopReading{};
  ++read_articles_;
  read_bytes_ = bytes_before_file_ + std::min<std::uint64_t>(raw.offset, file.size);
  StoredArticle* stored = state_.find(raw.id);
  bool known = stored != nullptr;
  if ((known && stored->seen) || (!known && !new_ids_.insert(id_key(raw.id)).second)) {
    error({raw.origin, "duplicate article id '" + raw.id + "'; the first one is kept"});
    return;
  }
  if (known) {
    stored->seen = true;  // kept even if the new version fails to analyse
    if (stored->hash != 0 && stored->hash == hex_number(raw.hash)) {
      if (stored->shard < 0) ++stats_.unchanged;  // else done by the interrupted build
      return;
    }
  }
  Job job{std::move(raw), place, known};
  if (!jobs_.push(std::move(job))) throw StopReading{};
}

void Run::read_all(const std::vector<InputFile>& files) {
  try {
    for (const auto& f : files) {
      Place place{short_key(f.root), short_key(f.rel)};
      bool complete = read_articles(f, [&](RawArticle&& raw) { emit(f, place, std::move(raw)); },
                                    [&](const InputError& e) { error(e); });
      // Another file of the root with the same key keeps its articles too this run: no loss.
      if (!complete) incomplete_.insert(place.packed());
      bytes_before_file_ += f.size;
      read_bytes_ = bytes_before_file_;
    }
  } catch (const StopReading&) {
  } catch (...) {
    reader_error_ = std::current_exception();  // rethrown by the writer thread
    abort_ = true;
  }
  jobs_.close();
}

void Run::analyse_all(Shard* shard) {
  while (auto job = jobs_.pop()) {
    Result r;
    try {
      Article a = analyse(job->raw);
      Origin origin{id_key(a.id), hex_number(job->raw.hash), job->place.root, job->place.file};
      r = Result{make_document(a, encode_origin(origin)), a.id, a.lang, job->raw.origin, job->update};
    } catch (const std::exception& e) {
      error({job->raw.origin, e.what()});
      continue;
    } catch (const Xapian::Error& e) {
      error({job->raw.origin, e.get_description()});
      continue;
    }
    if (shard) {
      write_shard(*shard, std::move(r));
    } else if (!results_.push(std::move(r))) {
      return;
    }
  }
}

void Run::write_shard(Shard& shard, Result&& r) {
  try {
    shard.add(r.doc.doc, opt_.spelling ? r.doc.words : std::vector<std::string>());
  } catch (const Xapian::InvalidArgumentError& e) {
    error({r.origin, e.get_msg()});
    return;
  } catch (...) {
    // The disk or the shard failed: stop the whole build; the index stays as it was (empty).
    std::lock_guard lock(stats_mu_);
    if (!shard_error_) shard_error_ = std::current_exception();
    abort_ = true;
    jobs_.close();
    return;
  }
  std::lock_guard lock(stats_mu_);
  langs_.insert(analysis_language(r.lang));
  if (r.update) replaced_.push_back(r.id);
}

void Run::commit() {
  deleted_.store(db_);  // with the batch that replaced or removed them
  if (!spelling_.empty()) {
    std::vector<spelling::WordCount> counts;
    counts.reserve(spelling_.size());
    for (auto& [word, count] : spelling_) counts.push_back({word, count});
    spelling::add_counts(db_, std::move(counts));
    spelling_.clear();
  }
  if (!langs_.empty()) {
    std::set<std::string> all = langs_;
    for (const auto& l : split_lines(db_.get_metadata(std::string(schema::kMetaLangs)))) all.insert(l);
    db_.set_metadata(std::string(schema::kMetaLangs), join(all, '\n'));
  }
  if (std::exchange(in_batch_, false))
    db_.commit_transaction();
  else
    db_.commit();
  pending_ = 0;
  last_commit_ = Clock::now();
}

void Run::report(bool force) {
  auto now = Clock::now();
  if (!progress_ || (!force && now - last_report_ < std::chrono::milliseconds(200))) return;
  last_report_ = now;
  progress_({read_articles_.load(), read_bytes_.load(), total_bytes_,
             std::chrono::duration<double>(now - start_).count()});
}

// An index built before dictionaries, or too small to train one then, gets one from its own
// records once it has enough. (An index whose records cannot train one tries again each run:
// rare, and cheaper than remembering.)
void Run::open_packer() {
  std::string dict = stored_dictionary(db_);
  if (dict.empty()) {
    dict = train_dictionary(db_);
    if (!dict.empty() && !store_dictionary(db_, dict)) dict.clear();
  }
  if (!dict.empty()) packer_ = RecordPacker(dict);
}

// Whether the indexed document `did` is the article `id`, which has its id's key: two ids of one
// key (hash.h) are told apart by the id in the record, read only for an article that changed.
bool Run::same_article(Xapian::docid did, const std::string& id) {
  try {
    return deserialize(unpacker_.unpack(stored_record(db_.get_document(did)), db_)).id == id;
  } catch (const std::runtime_error&) {
    return true;  // a damaged record: the new copy replaces it
  }
}

void Run::write_all() {
  bool packer_open = false;
  while (auto r = results_.pop()) {
    // Only a run that writes needs it: a re-run with nothing changed neither loads a dictionary
    // nor trains and stores one.
    if (!std::exchange(packer_open, true)) open_packer();
    if (r->update && !same_article(state_.at(r->id).docid, r->id)) {
      error({r->origin, "article id '" + r->id + "' has the key of another indexed article; not indexed"});
      continue;
    }
    try {
      if (packer_.ready()) store_record(r->doc.doc, packer_.pack(stored_record(r->doc.doc)));
      // A batch is one transaction: Xapian's own flush (every 10,000 documents) would otherwise
      // commit replacements before the list of the copies they replace.
      if (!std::exchange(in_batch_, true)) db_.begin_transaction();
      db_.add_document(r->doc.doc);
      if (r->update) deleted_.add(state_.at(r->id).docid);
    } catch (const Xapian::InvalidArgumentError& e) {
      error({r->origin, e.get_msg()});  // this article is unstorable; the others are fine
      continue;
    }
    if (opt_.spelling)
      for (const auto& w : r->doc.words) ++spelling_[w];
    ++(r->update ? stats_.updated : stats_.added);
    langs_.insert(analysis_language(r->lang));
    ++pending_;
    if (pending_ >= opt_.batch_docs ||
        Clock::now() - last_commit_ > std::chrono::duration<double>(opt_.batch_seconds))
      commit();
    report(false);
  }
}

// An article not met again goes only if its root was walked and its file read whole.
bool Run::prunable(const StoredArticle& s) const {
  return roots_to_prune_.count(s.root) && !incomplete_.count(Place{s.root, s.file}.packed());
}

void Run::remove_missing() {
  for (const auto& [id, s] : state_) {
    if (s.seen || !prunable(s)) continue;
    deleted_.add(s.docid);
    ++stats_.removed;
  }
}

void Run::commit_shard(Shard& shard) {
  try {
    shard.finish();
  } catch (...) {
    std::lock_guard lock(stats_mu_);
    if (!shard_error_) shard_error_ = std::current_exception();
  }
}

void Run::wait_for_shards(const std::atomic<unsigned>& running) {
  while (running > 0) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    report(false);
  }
}

// Shards left by a killed build are taken over: what they hold is not analysed again.
void Run::open_shards(unsigned n) {
  std::string folder = shard_folder(opt_.db_path);
  std::vector<std::string> found, other;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(folder, ec))
    (e.path().filename().string().rfind("shard", 0) == 0 ? found : other).push_back(e.path().string());
  for (const auto& path : other) fs::remove_all(path, ec);  // from a merge that was cut short
  std::sort(found.begin(), found.end());
  fs::create_directories(folder);
  shards_.reserve(std::max<std::size_t>(n, found.size()));
  for (const auto& path : found) {
    try {
      Shard shard(path, opt_.batch_docs / n, opt_.batch_seconds);
      if (!shard.stale()) {
        state_.load(shard.db(), static_cast<int>(shards_.size()));
        shards_.push_back(std::move(shard));
        continue;
      }
    } catch (const Xapian::Error&) {
    }
    fs::remove_all(path, ec);  // unreadable or of another schema: its articles are analysed again
  }
  auto dictionaries = std::make_shared<BuildDictionaries>();
  for (unsigned i = 0; shards_.size() < n; ++i) {
    std::string path = folder + "/shard" + std::to_string(found.size() + i);
    if (!fs::exists(path)) shards_.emplace_back(path, opt_.batch_docs / n, opt_.batch_seconds, dictionaries);
  }
}

// The workers are done: note the copies the shards hold of articles that changed or went away
// since the interrupted build wrote them, deleted once merged (delete_stale_copies).
void Run::drop_stale_shard_copies() {
  stats_.resumed = state_.size();  // the index was empty: every known article is in a shard
  for (const auto& id : replaced_) {
    stale_.emplace(id_key(id), state_.at(id).hash);
    --stats_.resumed;
  }
  for (const auto& [key, s] : state_) {
    if (s.seen || stats_.interrupted || !prunable(s)) continue;
    stale_.emplace(key, s.hash);
    --stats_.resumed;
  }
}

// Docids change in the merge; a stale copy is found again by its id and its old content hash,
// which the article's new copy, if any, does not have. Listed in the merge's own commit, so that
// the index never holds both copies live.
void Run::delete_stale_copies(Xapian::WritableDatabase& merged) {
  if (stale_.empty()) return;
  for (auto it = merged.valuestream_begin(schema::kSlotRecord); it != merged.valuestream_end(schema::kSlotRecord);
       ++it) {
    Origin o = stored_origin(*it);
    auto s = stale_.find(o.id);
    if (s != stale_.end() && o.hash == s->second) deleted_.add(it.get_docid());
  }
  deleted_.store(merged);
}

// The run's changes are committed before: a failure or a stop here leaves them indexed and the
// deleted copies listed, for the next run to rewrite.
void Run::purge() {
  std::size_t deleted = deleted_.size();
  auto failure = [&](const std::string& why) {
    return Error(ErrorKind::kIo, "the articles are indexed, but rewriting the index without the " +
                                     std::to_string(deleted) + " articles it holds deleted failed: " + why +
                                     " (searches leave them out; the next run tries again)");
  };
  try {
    bool done = purge_deleted(db_, opt_.db_path, threads(), opt_.stop, [&](std::uint64_t n, std::uint64_t total) {
      if (progress_) progress_({n, n, total, std::chrono::duration<double>(Clock::now() - start_).count(), true});
    });
    if (!done) {
      stats_.interrupted = true;
      return;
    }
  } catch (const Xapian::Error& e) {
    throw failure(e.get_msg());
  } catch (const std::exception& e) {
    throw failure(e.what());
  }
  db_ = open_writable(opt_.db_path, Xapian::DB_OPEN);
  deleted_ = DeletedDocs();
  stats_.purged = deleted;
}

void Run::merge() {
  std::vector<std::pair<std::string, std::string>> meta;
  for (auto key : {schema::kMetaSchema, schema::kMetaRoots}) meta.emplace_back(key, db_.get_metadata(std::string(key)));
  meta.emplace_back(schema::kMetaLangs, join(langs_, '\n'));
  merge_shards(shards_, db_, opt_.db_path, meta, [&](Xapian::WritableDatabase& merged) { delete_stale_copies(merged); });
  db_ = open_writable(opt_.db_path, Xapian::DB_OPEN);
  stats_.added = db_.get_doccount() - deleted_.size();  // the index was empty: everything in it is new

}

IndexStats Run::execute() {
  std::vector<std::string> paths = resolve_paths();
  std::vector<InputFile> files = list_inputs(paths, [&](const InputError& e) { error(e); });
  std::sort(files.begin(), files.end(), [](const auto& a, const auto& b) { return a.path < b.path; });
  for (const auto& f : files) total_bytes_ += f.size;
  deleted_ = DeletedDocs::load(db_);
  state_.load(db_, -1, &deleted_);

  unsigned n = threads();
  if (db_.get_doccount() == 0) {
    open_shards(n);
  } else {
    std::error_code ec;
    fs::remove_all(shard_folder(opt_.db_path), ec);  // left by a build killed after its merge
  }
  std::thread reader([&] { read_all(files); });
  std::vector<std::thread> workers;
  std::atomic<unsigned> running{n};
  for (unsigned i = 0; i < n; ++i)
    workers.emplace_back([&, i] {
      analyse_all(shards_.empty() ? nullptr : &shards_[i]);
      if (!shards_.empty()) commit_shard(shards_[i]);  // the last batches flush in parallel too
      if (--running == 0) results_.close();
    });
  try {
    if (shards_.empty())
      write_all();
    else
      wait_for_shards(running);
  } catch (...) {
    abort_ = true;  // unblock and stop the other threads before reporting
    jobs_.close();
    results_.close();
    reader.join();
    for (auto& w : workers) w.join();
    throw;
  }
  reader.join();
  for (auto& w : workers) w.join();
  if (reader_error_) std::rethrow_exception(reader_error_);
  if (shard_error_) std::rethrow_exception(shard_error_);

  stats_.interrupted = opt_.stop && opt_.stop->load();
  if (!shards_.empty()) {
    drop_stale_shard_copies();
    merge();
  } else {
    if (!stats_.interrupted) remove_missing();
    commit();
  }
  if (!stats_.interrupted) {
    // --compact rewrites the index either way; without deletions a compaction does it faster.
    if (purge_due(deleted_.size(), db_.get_doccount()) || (opt_.compact && !deleted_.empty())) {
      purge();
    } else if (opt_.compact && shards_.empty()) {
      compact_in_place(db_, opt_.db_path);
      db_ = open_writable(opt_.db_path, Xapian::DB_OPEN);
    }
  }
  report(true);
  stats_.deleted = deleted_.size();
  stats_.total = db_.get_doccount() - stats_.deleted;
  return stats_;
}

}  // namespace

IndexStats run_index(const IndexOptions& options, const ErrorSink& errors,
                     const std::function<void(const Progress&)>& progress) {
  try {
    Run run(options, errors, progress);
    return run.execute();
  } catch (const Error&) {
    throw;
  } catch (const Xapian::Error& e) {
    // Disk full, read-only file system, permissions: the last commit is still intact.
    throw Error(ErrorKind::kIo, "cannot write index " + options.db_path + ": " + e.get_msg() +
                                    " (the index keeps its last committed state)");
  } catch (const std::exception& e) {
    throw Error(ErrorKind::kIo, std::string(e.what()) + " (the index keeps its last committed state)");
  }
}

}  // namespace dsearch
