// Documents replaced or removed since the index was last written whole. The index has no termlist
// table (Xapian::DB_NO_TERMLIST): on the mix corpus that table was a quarter of the index and its
// per-document zlib compression a tenth of a build's time. Xapian deletes a document by reading its
// termlist, so without one a deleted document stays in the posting lists, as in Lucene until a
// merge: its docid is listed here (metadata kMetaDeleted), every search leaves it out, and dindex
// rewrites the index without such documents once they are a fifth of it (indexer purge.h).
#pragma once

#include <xapian.h>

#include <memory>
#include <string>
#include <vector>

namespace dsearch {

class DeletedDocs {
 public:
  DeletedDocs() = default;

  // The list stored in `db`; empty for an index that has none. Throws Error(kData) when the stored
  // list does not decode (a damaged index).
  static DeletedDocs load(const Xapian::Database& db);
  // Sets the metadata (written at the next commit) if the list changed since load or the last store.
  void store(Xapian::WritableDatabase& db);

  void add(Xapian::docid did);
  bool contains(Xapian::docid did) const;
  std::size_t size() const { return sorted().size(); }
  bool empty() const { return docids_->empty(); }

  // `query` without the deleted documents (the query itself when there are none).
  Xapian::Query exclude_from(const Xapian::Query& query) const;

  static std::string encode(const std::vector<Xapian::docid>& sorted);
  // Throws std::runtime_error on bytes encode() did not write.
  static std::vector<Xapian::docid> decode(const std::string& bytes);

 private:
  const std::vector<Xapian::docid>& sorted() const;

  // Shared with the posting sources of queries; copied before a change. Added docids come in any
  // order (the articles a run replaces) and are sorted when next read.
  mutable std::shared_ptr<std::vector<Xapian::docid>> docids_ = std::make_shared<std::vector<Xapian::docid>>();
  mutable bool sorted_ = true;
  bool changed_ = false;
};

// Articles in the index: its documents less the deleted ones.
Xapian::doccount live_doccount(const Xapian::Database& db);

}  // namespace dsearch
