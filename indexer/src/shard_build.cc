#include "shard_build.h"

#include <filesystem>
#include <map>
#include <memory>
#include <thread>
#include <utility>

#include "dsearch/error.h"
#include "dsearch/spelling.h"

namespace dsearch {

namespace fs = std::filesystem;

namespace {

// Distinct words a shard counts in memory before it writes them to a run: about 16 MB. Finnish
// news has some 600,000 distinct words in 345k items, and a corpus of millions more.
constexpr std::size_t kSpellingWordsInMemory = 200000;

}  // namespace

BuildDictionaries::Trained BuildDictionaries::get_or_train(Stage stage, const std::function<Trained()>& train) {
  std::lock_guard lock(mu_[stage]);
  if (ready(stage)) return stages_[stage];
  Trained t = train();
  if (t.dictionary.empty()) return t;
  stages_[stage] = t;
  ready_[stage].store(true, std::memory_order_release);
  return t;
}

Shard::Shard(const std::string& path, std::size_t batch_docs, double batch_seconds,
             std::shared_ptr<BuildDictionaries> dictionaries)
    // Without syncing: a shard's commits are for resuming a killed build, which the page cache
    // serves, and waiting for the disk held each worker up to 5% of a build. A power loss can
    // damage a shard; open_shards() then drops it and its articles are analysed again. The merged
    // index is written by Xapian's compaction, synced as any index.
    : path_(path),
      db_(path, Xapian::DB_CREATE_OR_OPEN | Xapian::DB_NO_TERMLIST | Xapian::DB_NO_SYNC),
      dictionaries_(std::move(dictionaries)),
      batch_docs_(std::max<std::size_t>(1, batch_docs)),
      batch_seconds_(batch_seconds),
      last_commit_(std::chrono::steady_clock::now()),
      spelling_(path + ".words", kSpellingWordsInMemory) {
  // The shard's schema, which a resumed build checks (stale()): a shard an older dindex left
  // holds documents of another layout, and the merge would carry them into the index.
  if (db_.get_doccount() == 0) db_.set_metadata(std::string(schema::kMetaSchema), std::to_string(schema::kSchemaVersion));
  // A resumed shard packs with the dictionary it began with; one killed before it had one starts
  // sampling afresh.
  if (std::string dict = stored_dictionary(db_); !dict.empty()) {
    packer_ = RecordPacker(dict);
    trained_ = true;
    dictionaries_.reset();
  }
}

bool Shard::stale() const {
  return db_.get_metadata(std::string(schema::kMetaSchema)) != std::to_string(schema::kSchemaVersion);
}

void Shard::add(const Xapian::Document& doc, const std::vector<std::string>& words) {
  for (const auto& w : words) spelling_.add(w);
  if (!trained_) {
    held_bytes_ += stored_record(doc).size();
    held_.push_back(doc);
    if (held_.size() >= kHeldSamples || held_bytes_ >= kDictionarySampleBytes ||
        (dictionaries_ && dictionaries_->ready(BuildDictionaries::kFirst)))
      train_and_add_held();
    return;
  }
  std::string record = stored_record(doc);
  if (sampling_) sample(record);
  Xapian::Document packed = doc;  // a handle: the caller's document is packed too, and dropped
  store_record(packed, packer_.pack(record));
  db_.add_document(packed);
  if (++pending_ >= batch_docs_ || std::chrono::steady_clock::now() - last_commit_ > batch_seconds_) commit();
}

// The held documents are added only now: without a termlist Xapian cannot rewrite a document's
// record once it is in the shard.
void Shard::train_and_add_held() {
  trained_ = true;
  auto held = std::exchange(held_, {});
  std::size_t held_bytes = std::exchange(held_bytes_, 0);
  std::vector<std::string> records;
  records.reserve(held.size());
  for (const auto& d : held) records.push_back(stored_record(d));
  // A second dictionary pays for the space it takes only where the held articles were short:
  // fi-news's 2,000 headlines are 0.5 MB, and a dictionary trained on 4 MB of them packs the rest
  // 8% smaller; the mix's first 2,000 articles are 2.7 MB, and one trained on 4 MB saved less than
  // its 256 KB.
  auto train = [&] {
    BuildDictionaries::Trained t{train_dictionary(records), false};
    t.sample_more = !t.dictionary.empty() && held_bytes < kDictionarySampleBytes / 4;
    return t;
  };
  auto t = dictionaries_ ? dictionaries_->get_or_train(BuildDictionaries::kFirst, train) : train();
  use(t.dictionary);
  for (std::size_t i = 0; i < held.size(); ++i) {
    if (packer_.ready()) store_record(held[i], packer_.pack(records[i]));
    db_.add_document(held[i]);
    ++pending_;
  }
  sampling_ = packer_.ready() && t.sample_more;
  if (sampling_) {
    samples_ = std::move(records);
    sample_bytes_ = held_bytes;
  }
}

void Shard::sample(const std::string& record) {
  samples_.push_back(record);
  sample_bytes_ += record.size();
  bool published = dictionaries_ && dictionaries_->ready(BuildDictionaries::kSecond);
  if (!published && samples_.size() < kDictionarySamples && sample_bytes_ < kDictionarySampleBytes) return;
  sampling_ = false;
  auto samples = std::exchange(samples_, {});
  auto train = [&] { return BuildDictionaries::Trained{train_dictionary(samples), false}; };
  use((dictionaries_ ? dictionaries_->get_or_train(BuildDictionaries::kSecond, train) : train()).dictionary);
}

// Packs from now on with `dictionary`, unless it is empty (the records stay as they are packed)
// or the shard cannot store it.
void Shard::use(const std::string& dictionary) {
  if (!dictionary.empty() && store_dictionary(db_, dictionary)) packer_ = RecordPacker(dictionary);
}

void Shard::commit() {
  db_.commit();
  pending_ = 0;
  last_commit_ = std::chrono::steady_clock::now();
}

void Shard::finish() {
  if (!trained_) train_and_add_held();  // too few articles for a dictionary: they stay raw
  commit();
}

namespace {

// A word met in one article only is as likely a typo or a fragment as a word to suggest, and such
// words are half the vocabulary: leaving them out halves the spelling data. The runs are merged
// while the shards are compacted.
std::vector<std::pair<std::string, std::string>> spelling_data(const std::vector<std::string>& runs) {
  spelling::Builder words;
  merge_runs(runs, [&](const std::string& word, std::uint64_t count) {
    if (count >= 2) words.add(word, count);
  });
  return words.finish();
}

// Xapian's compaction keeps one source's value of a metadata key that several sources hold, but
// not the first source's: its merge meets them in no set order. The build's own metadata must win
// over what a shard holds (its schema, for one), and any other key the shards share must agree:
// their record dictionaries are named by their content.
class MetadataResolver : public Xapian::Compactor {
 public:
  explicit MetadataResolver(const std::vector<std::pair<std::string, std::string>>& metadata)
      : own_(metadata.begin(), metadata.end()) {}

  std::string resolve_duplicate_metadata(const std::string& key, std::size_t num_tags, const std::string tags[]) override {
    // Glass hands over its own form of the key: the user's key after a two-byte prefix.
    std::string_view user = key;
    if (user.substr(0, 2) == std::string_view("\0\xc0", 2)) user.remove_prefix(2);
    if (auto it = own_.find(user); it != own_.end()) return it->second;
    for (std::size_t i = 1; i < num_tags; ++i)
      if (tags[i] != tags[0])
        throw Error(ErrorKind::kData, "the shards of the build hold different values of " + std::string(user));
    return tags[0];
  }

 private:
  std::map<std::string, std::string, std::less<>> own_;
};

}  // namespace

std::string index_folder(const std::string& db_path) {
  fs::path p = fs::path(db_path).lexically_normal();
  if (!p.has_filename()) p = p.parent_path();
  return p.string();
}

Xapian::WritableDatabase open_writable(const std::string& path, int flags) {
  try {
    std::error_code ec;
    fs::create_directories(fs::path(path).parent_path(), ec);
    return Xapian::WritableDatabase(path, flags | Xapian::DB_NO_TERMLIST, kIndexBlockSize);
  } catch (const Xapian::DatabaseLockError& e) {
    // Xapian reports a lock file it cannot create (read-only file system, permissions) as a lock
    // error too; only "already locked" means another writer.
    if (e.get_msg().find("already locked") == std::string::npos)
      throw Error(ErrorKind::kIo, "cannot write index " + path + ": " + e.get_msg());
    throw Error(ErrorKind::kLocked, "index " + path + " is locked by another dindex");
  } catch (const Xapian::DatabaseCorruptError& e) {
    throw Error(ErrorKind::kData, "index " + path + " is corrupt: " + e.get_msg());
  } catch (const Xapian::Error& e) {
    throw Error(ErrorKind::kIo, "cannot open index " + path + ": " + e.get_msg());
  }
}

std::string shard_folder(const std::string& db_path) { return index_folder(db_path) + ".build"; }

void merge_shards(std::vector<Shard>& shards, Xapian::WritableDatabase& index, const std::string& db_path,
                  const std::vector<std::pair<std::string, std::string>>& metadata,
                  const std::function<void(Xapian::WritableDatabase&)>& finish) {
  std::string folder = shard_folder(db_path);
  std::string merged = folder + "/merged";
  std::vector<std::string> runs;
  for (auto& s : shards) {
    s.spelling().finish();
    runs.insert(runs.end(), s.spelling().runs().begin(), s.spelling().runs().end());
  }
  // The metadata and the spelling data go into the compaction as a source of their own: written
  // into the merged index afterwards, they cost a commit that left Glass's replaced blocks in the
  // file, 0.26 MB of the mix's index (bench/SPEED.md). MetadataResolver decides the keys a shard
  // holds too.
  std::string meta = folder + "/metadata";
  {
    Xapian::WritableDatabase out = open_writable(meta, Xapian::DB_CREATE_OR_OVERWRITE);
    for (const auto& [key, value] : metadata) out.set_metadata(key, value);
    for (const auto& [key, value] : spelling_data(runs)) out.set_metadata(key, value);
    out.commit();
  }
  {
    Xapian::Database all(meta);
    for (auto& s : shards) {
      s.commit();
      s.db().close();
      all.add_database(Xapian::Database(s.path()));
    }
    // FULL packs every block; FULLER's oversize items would slow the updates of later runs.
    MetadataResolver resolver(metadata);
    all.compact(merged, Xapian::Compactor::FULL, kIndexBlockSize, resolver);
  }
  if (finish) {
    Xapian::WritableDatabase out = open_writable(merged, Xapian::DB_OPEN);
    finish(out);
    out.commit();  // writes nothing when `finish` changed nothing
  }
  swap_in(index, db_path, merged);
}

void swap_in(Xapian::WritableDatabase& index, const std::string& db_path, const std::string& replacement) {
  std::string folder = shard_folder(db_path);
  // The index stays locked by this run while the replacement takes its place: a dindex started
  // meanwhile either finds it locked or, in the instant between the renames, creates a new index
  // there, which makes the second rename fail rather than lose it. Closing writes nothing once
  // committed; the version file it would write goes by path.
  index.commit();
  fs::rename(db_path, folder + "/replaced");
  fs::rename(replacement, db_path);
  index.close();
  std::error_code ec;
  fs::remove_all(folder, ec);
}

void recover_swap(const std::string& db_path) {
  std::string db = index_folder(db_path);
  std::error_code ec;
  if (fs::exists(db, ec)) return;
  // swap_in's, and --rebuild's (rebuild.cc), which keeps the old index as "<index>.old"
  for (const auto& old : {shard_folder(db_path) + "/replaced", db + ".old"})
    if (fs::exists(old, ec)) {
      fs::rename(old, db);
      return;
    }
}

void compact_in_place(Xapian::WritableDatabase& index, const std::string& db_path) {
  index.commit();
  std::string folder = shard_folder(db_path);
  std::error_code ec;
  fs::remove_all(folder, ec);
  fs::create_directories(folder);
  std::string compacted = folder + "/compacted";
  Xapian::Database(db_path).compact(compacted, Xapian::Compactor::FULL, kIndexBlockSize);
  swap_in(index, db_path, compacted);
}

}  // namespace dsearch
