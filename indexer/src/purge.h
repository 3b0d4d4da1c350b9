// Rewriting the index without its deleted documents (deleted_docs.h). Each live document is made
// again from its stored record, as make_document made it from the article: no input is read, so an
// article whose root is offline or whose file moved keeps its place. The rewrite runs as a first
// build does, one shard per thread merged by compaction, and takes the index's place only whole.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <functional>
#include <string>

namespace dsearch {

// Whether `deleted` of the index's `doccount` documents call for a rewrite: a fifth of them, when
// the statistics ranking rests on (document count, mean length, term frequencies) are that far
// off. Rewriting costs about half a first build, so a run that deletes a fifth of an index has
// already done most of that work.
bool purge_due(std::size_t deleted, Xapian::doccount doccount);

// Rewrites the index at `db_path`, which `index` holds locked and has committed, with `threads`
// threads; `index` is closed. `progress` is called now and then with the documents rewritten and
// the number to rewrite.
void purge_deleted(Xapian::WritableDatabase& index, const std::string& db_path, unsigned threads,
                   const std::function<void(std::uint64_t done, std::uint64_t total)>& progress);

}  // namespace dsearch
