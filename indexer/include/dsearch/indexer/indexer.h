// Indexing a set of paths into a Xapian database, incrementally: new articles are added, changed
// ones (by content hash) re-indexed, unchanged ones skipped without analysis, and articles whose
// files are gone removed. Commits in batches, so a kill at any moment leaves a searchable index
// that a re-run brings to exactly the files on disk. The first build of an index is written as
// parallel shards merged at the end: killed before that, it leaves the index empty and the next
// run resumes from the shards.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "dsearch/indexer/input.h"

namespace dsearch {

struct IndexOptions {
  std::string db_path;
  std::vector<std::string> paths;  // empty: the roots the index was built from
  unsigned threads = 0;            // analysis threads; 0: one per core
  // Commit after this many changed articles... Xapian holds a batch's postings in a map searched
  // for every term of every article: the 14k mix builds 5-10% faster with 4,000 than with 10,000,
  // and fi-news's short items no slower (bench/SPEED.md, eleventh round).
  std::size_t batch_docs = 4000;
  double batch_seconds = 10;       // ...or this many seconds, whichever comes first
  bool spelling = true;            // build "did you mean" data
  bool compact = false;            // rewrite the index compactly, without deleted articles, at the end
  const std::atomic<bool>* stop = nullptr;  // set (by a signal) to stop after committing
};

struct IndexStats {
  std::uint64_t added = 0, updated = 0, removed = 0, unchanged = 0, failed = 0;
  std::uint64_t total = 0;        // articles in the index afterwards
  std::uint64_t resumed = 0;      // of `added`, those an interrupted first build had analysed
  std::uint64_t deleted = 0;      // replaced or removed articles the index still holds (deleted_docs.h)
  std::uint64_t purged = 0;       // such articles dropped by rewriting the index in this run
  bool interrupted = false;
};

struct Progress {
  std::uint64_t articles = 0;     // read so far
  std::uint64_t bytes = 0, total_bytes = 0;
  double seconds = 0;
  // Rewriting the index without its deleted articles (purge.h): `articles` and `bytes` count the
  // articles rewritten, `total_bytes` the articles to rewrite.
  bool rewriting = false;
};

// Runs an indexing pass. Input problems go to `errors` and count as failed; problems with the
// index itself (locked, unwritable, disk full) throw dsearch::Error after the last commit is safe.
IndexStats run_index(const IndexOptions& options, const ErrorSink& errors,
                     const std::function<void(const Progress&)>& progress = nullptr);

// Builds the index again from scratch, from `options.paths` or else the roots the old index
// records, beside it (DB.rebuild), and replaces the old one only once the new one is complete: for
// an index an older dindex built, or to start clean. Interrupted, it leaves the old index as it
// was. The old index stays locked against other writers meanwhile.
IndexStats rebuild_index(const IndexOptions& options, const ErrorSink& errors,
                         const std::function<void(const Progress&)>& progress = nullptr);

}  // namespace dsearch
