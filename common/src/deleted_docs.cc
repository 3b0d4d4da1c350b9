#include "dsearch/deleted_docs.h"

#include <algorithm>
#include <stdexcept>

#include "dsearch/error.h"
#include "dsearch/schema.h"
#include "dsearch/varint.h"

namespace dsearch {
namespace {

// Walks a sorted docid list for the matcher: AND_NOT skips what it yields.
class DeletedSource : public Xapian::PostingSource {
 public:
  explicit DeletedSource(std::shared_ptr<const std::vector<Xapian::docid>> docids) : docids_(std::move(docids)) {}

  Xapian::doccount get_termfreq_min() const override { return static_cast<Xapian::doccount>(docids_->size()); }
  Xapian::doccount get_termfreq_est() const override { return get_termfreq_min(); }
  Xapian::doccount get_termfreq_max() const override { return get_termfreq_min(); }
  void init(const Xapian::Database&) override {
    at_ = docids_->begin();
    started_ = false;
  }
  void next(double) override {
    if (started_) ++at_;
    started_ = true;
  }
  void skip_to(Xapian::docid did, double) override {
    at_ = std::lower_bound(started_ ? at_ : docids_->begin(), docids_->end(), did);
    started_ = true;
  }
  bool at_end() const override { return at_ == docids_->end(); }
  Xapian::docid get_docid() const override { return *at_; }
  DeletedSource* clone() const override { return new DeletedSource(docids_); }
  std::string get_description() const override {
    return "dsearch::DeletedSource(" + std::to_string(docids_->size()) + " documents)";
  }

 private:
  std::shared_ptr<const std::vector<Xapian::docid>> docids_;
  std::vector<Xapian::docid>::const_iterator at_;
  bool started_ = false;
};

}  // namespace

DeletedDocs DeletedDocs::load(const Xapian::Database& db) {
  DeletedDocs d;
  std::string bytes = db.get_metadata(std::string(schema::kMetaDeleted));
  if (bytes.empty()) return d;
  try {
    *d.docids_ = decode(bytes);
  } catch (const std::runtime_error& e) {
    throw Error(ErrorKind::kData, std::string("the index's list of deleted articles is damaged (") + e.what() +
                                      "); rebuild it with: dindex --rebuild");
  }
  return d;
}

void DeletedDocs::store(Xapian::WritableDatabase& db) {
  if (!changed_) return;
  db.set_metadata(std::string(schema::kMetaDeleted), encode(sorted()));
  changed_ = false;
}

void DeletedDocs::add(Xapian::docid did) {
  if (docids_.use_count() > 1) docids_ = std::make_shared<std::vector<Xapian::docid>>(*docids_);
  if (!docids_->empty() && docids_->back() >= did) sorted_ = false;
  docids_->push_back(did);
  changed_ = true;
}

const std::vector<Xapian::docid>& DeletedDocs::sorted() const {
  if (!sorted_) {
    if (docids_.use_count() > 1) docids_ = std::make_shared<std::vector<Xapian::docid>>(*docids_);
    std::sort(docids_->begin(), docids_->end());
    docids_->erase(std::unique(docids_->begin(), docids_->end()), docids_->end());
    sorted_ = true;
  }
  return *docids_;
}

bool DeletedDocs::contains(Xapian::docid did) const {
  const auto& v = sorted();
  return std::binary_search(v.begin(), v.end(), did);
}

Xapian::Query DeletedDocs::exclude_from(const Xapian::Query& query) const {
  if (empty()) return query;
  sorted();
  Xapian::Query deleted((new DeletedSource(docids_))->release());
  return Xapian::Query(Xapian::Query::OP_AND_NOT, query, deleted);
}

// Gaps between ascending docids, base-128 (7 bits a byte, the high bit set on all but the last):
// a run's deletions are mostly a byte or two each.
std::string DeletedDocs::encode(const std::vector<Xapian::docid>& sorted) {
  std::string out;
  Xapian::docid last = 0;
  for (Xapian::docid did : sorted) {
    put_varint(out, did - last);
    last = did;
  }
  return out;
}

std::vector<Xapian::docid> DeletedDocs::decode(const std::string& bytes) {
  std::vector<Xapian::docid> out;
  std::uint64_t last = 0;
  for (std::string_view in = bytes; !in.empty();) {
    std::uint64_t gap = 0;
    std::size_t before = in.size();
    // encode writes a 32-bit gap in five bytes at most; longer is not its writing
    if (!get_varint(in, gap) || before - in.size() > 5) throw std::runtime_error("truncated or overlong number");
    if (gap == 0 || gap > 0xffffffffu || last + gap > 0xffffffffu)
      throw std::runtime_error("docids out of order or out of range");
    last += gap;
    out.push_back(static_cast<Xapian::docid>(last));
  }
  return out;
}

Xapian::doccount live_doccount(const Xapian::Database& db) {
  Xapian::doccount all = db.get_doccount();
  auto deleted = static_cast<Xapian::doccount>(DeletedDocs::load(db).size());
  return all > deleted ? all - deleted : 0;
}

}  // namespace dsearch
