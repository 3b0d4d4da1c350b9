// A full build of an empty index, written in parallel: each analysis thread adds its articles to its
// own shard, and the shards are merged by one compaction into the index. Xapian allows one writer
// per database, and that writer was the bottleneck; compaction also packs the B-trees full, which
// a build by updates leaves a third empty.
#pragma once

#include <xapian.h>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "dsearch/record_codec.h"
#include "word_counts.h"

namespace dsearch {

// B-tree block size of the index (Xapian's default is 8 KB). Glass reads a block with one pread,
// and on this project's 2-core VM a system call costs more than copying 32 KB: phrase checks,
// which walk the word-order values of thousands of candidates, took half the p99 time with 32 KB
// blocks, facet counts walk value streams the same way, and reading ten hits' records was no
// slower (bench/SPEED.md). Shards keep the default; the merge writes this size.
inline constexpr int kIndexBlockSize = 32768;

// The record dictionaries of one build, shared by its shards: the first shard to hold enough
// articles trains each, and the others pack with it. When each shard trained its own, the merged
// index kept a copy per shard: 117 KB each on the mix, 256 KB and 37 KB each on fi-news.
class BuildDictionaries {
 public:
  enum Stage { kFirst, kSecond };  // trained on the first articles; on more of them (shard_build.cc)
  struct Trained {
    std::string dictionary;
    bool sample_more = false;  // after kFirst: whether a kSecond dictionary is worth its space
  };
  bool ready(Stage stage) const { return ready_[stage].load(std::memory_order_acquire); }
  // The stage's dictionary as a shard published it, or what `train` makes, published unless it is
  // empty (too few articles: another shard may have enough). One shard trains a stage at a time.
  Trained get_or_train(Stage stage, const std::function<Trained()>& train);

 private:
  std::mutex mu_[2];
  Trained stages_[2];
  std::atomic<bool> ready_[2] = {false, false};
};

// One thread's shard and its uncommitted batch.
class Shard {
 public:
  // Opens the shard at `path`, creating it if needed. A fresh shard takes its record dictionaries
  // from `dictionaries` when given; a resumed one packs with the one it began with.
  Shard(const std::string& path, std::size_t batch_docs, double batch_seconds,
        std::shared_ptr<BuildDictionaries> dictionaries = nullptr);
  // Whether an interrupted build of another schema left it: its articles must be analysed again.
  bool stale() const;

  void add(const Xapian::Document& doc, const std::vector<std::string>& words);
  void commit();
  // The last commit of the build: trains the record dictionary on the articles held for it, if
  // there were too few to train it before, and adds them.
  void finish();
  Xapian::WritableDatabase& db() { return db_; }
  const std::string& path() const { return path_; }
  WordCounts& spelling() { return spelling_; }

 private:
  void train_and_add_held();
  void sample(const std::string& record);
  void use(const std::string& dictionary);

  std::string path_;
  Xapian::WritableDatabase db_;
  std::shared_ptr<BuildDictionaries> dictionaries_;
  // A shard's first articles are held here, as the first record dictionary's training samples,
  // and added packed once it is trained; the records of the next ones are sampled for the second.
  RecordPacker packer_;
  bool trained_ = false;  // or tried: a shard that cannot train one stays raw
  std::vector<Xapian::Document> held_;
  std::size_t held_bytes_ = 0;
  std::vector<std::string> samples_;
  std::size_t sample_bytes_ = 0;
  bool sampling_ = false;
  std::size_t batch_docs_, pending_ = 0;
  std::chrono::duration<double> batch_seconds_;
  std::chrono::steady_clock::time_point last_commit_;
  // Counted over the whole build; merge_shards makes the spelling data of all shards' counts.
  WordCounts spelling_;
};

// `db_path` as one folder name, without "." parts or a trailing slash, for the folders named after it.
std::string index_folder(const std::string& db_path);

// Opens the index for writing (creating it and its parent folders with DB_CREATE_OR_OPEN), without
// a termlist table (deleted_docs.h), with Xapian's errors as dsearch::Error: kLocked when another
// writer holds it, kData when corrupt, kIo otherwise.
Xapian::WritableDatabase open_writable(const std::string& path, int flags = Xapian::DB_CREATE_OR_OPEN);

// The folder next to the index where shards are written ("<index>.build"). Shards found there when
// a build starts are left from a killed build (the index lock is held): the build resumes them.
std::string shard_folder(const std::string& db_path);

// Merges the shards into a compact database that takes the place of the (empty, locked) index at
// `db_path`, carrying over `metadata` and the spelling data of words seen in two articles or more.
// `finish`, if any, changes the merged database in the same commit, before it takes that place.
// `index` is closed; `shard_folder` is removed.
void merge_shards(std::vector<Shard>& shards, Xapian::WritableDatabase& index, const std::string& db_path,
                  const std::vector<std::pair<std::string, std::string>>& metadata,
                  const std::function<void(Xapian::WritableDatabase&)>& finish = nullptr);

// A dindex killed between the two renames of swap_in (or of --rebuild) left no index at `db_path`
// and the old one beside it: put it back, before anything creates an empty index there.
void recover_swap(const std::string& db_path);

// Puts the database at `replacement` in the place of the index at `db_path`, which `index` holds
// locked until then and is closed; `shard_folder` is removed.
void swap_in(Xapian::WritableDatabase& index, const std::string& db_path, const std::string& replacement);

// Rewrites the index compactly (what a first build does by its merge), through `shard_folder`.
void compact_in_place(Xapian::WritableDatabase& index, const std::string& db_path);

}  // namespace dsearch
