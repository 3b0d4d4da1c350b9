// A posting source that keeps the documents whose value in one slot passes a test: Xapian's AND
// drives it with the words of a query (OP_FILTER), and it only check()s the candidates, reading
// the slot's value stream forwards as they come in docid order. Phrases test the word order
// (phrase_source.h), person: and org: filters the names' keys and words (name_filter.h).
#pragma once

#include <xapian.h>

#include <string>

namespace dsearch {

class ValueFilter : public Xapian::PostingSource {
 public:
  explicit ValueFilter(Xapian::valueno slot) : slot_(slot) {}

  void init(const Xapian::Database& db) override;
  // It may match every document: the AND then puts it last.
  Xapian::doccount get_termfreq_min() const override { return 0; }
  Xapian::doccount get_termfreq_est() const override { return doccount_; }
  Xapian::doccount get_termfreq_max() const override { return doccount_; }

  // next() and skip_to() walk the value stream, for a source with no words to drive it.
  void next(double min_wt) override;
  void skip_to(Xapian::docid did, double min_wt) override;
  bool check(Xapian::docid did, double min_wt) override;
  bool at_end() const override { return ended_; }
  Xapian::docid get_docid() const override { return docid_; }

 protected:
  // Whether document `did`, whose value in the slot is `value`, passes.
  virtual bool passes(Xapian::docid did, const std::string& value) = 0;
  const Xapian::Database& db() const { return db_; }

 private:
  bool stream_at_end() const { return values_ == Xapian::ValueIterator(); }
  void scan(Xapian::docid from);  // to the first passing document >= from

  Xapian::valueno slot_;
  Xapian::Database db_;
  Xapian::doccount doccount_ = 0;  // of documents with a value in the slot
  Xapian::ValueIterator values_;
  bool values_known_ = false;  // false after a ValueIterator::check() that left it unspecified
  Xapian::docid docid_ = 0;    // the current match, or the last document check() turned down
  bool matched_ = false;       // docid_ is a match
  bool ended_ = false;
};

}  // namespace dsearch
