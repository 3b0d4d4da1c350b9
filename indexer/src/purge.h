// Rewriting the index without its deleted documents (deleted_docs.h). Each live document is made
// again from its stored record, as make_document made it from the article: no input is read, so an
// article whose root is offline or whose file moved keeps its place. The rewrite runs as a first
// build does, one shard per thread merged by compaction, and takes the index's place only whole.
#pragma once

#include <xapian.h>

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>

namespace dsearch {

// Whether `deleted` of the index's `doccount` documents call for a rewrite: a fifth of them, when
// the statistics ranking rests on (document count, mean length, term frequencies) are that far
// off. A rewrite takes about as long as a first build of the same articles (on the mix, 3.7 s
// against 3.8: tokenizing and Xapian's inverting are most of a build, and only boilerplate and
// entities are not done again), so it waits until that many articles have changed.
bool purge_due(std::size_t deleted, Xapian::doccount doccount);

// Rewrites the index at `db_path`, which `index` holds locked and has committed, with `threads`
// threads, and closes `index`. `progress` is called now and then with the documents rewritten and
// the number to rewrite. Set, `stop` ends the rewrite early: false is returned, and the index is
// as it was and still open. Throws on a failure (a full disk), the index as it was.
bool purge_deleted(Xapian::WritableDatabase& index, const std::string& db_path, unsigned threads,
                   const std::atomic<bool>* stop,
                   const std::function<void(std::uint64_t done, std::uint64_t total)>& progress);

}  // namespace dsearch
