#include "value_filter.h"

namespace dsearch {

void ValueFilter::init(const Xapian::Database& db) {
  db_ = db;
  // Only documents with a value can pass: the bound that keeps Xapian's estimate of a filter
  // over a slot most documents lack (org: words) from counting every candidate of its words.
  doccount_ = db_.get_value_freq(slot_);
  values_ = db_.valuestream_begin(slot_);
  values_known_ = true;
  docid_ = 0;
  matched_ = false;
  ended_ = false;
}

void ValueFilter::scan(Xapian::docid from) {
  matched_ = false;
  // Never skip_to() backwards (its result is unspecified) nor at the end (there is no stream).
  if (!stream_at_end() && (!values_known_ || values_.get_docid() < from)) values_.skip_to(from);
  values_known_ = true;
  for (; !stream_at_end(); ++values_) {
    if (passes(values_.get_docid(), *values_)) {
      docid_ = values_.get_docid();
      matched_ = true;
      return;
    }
  }
  ended_ = true;
}

void ValueFilter::next(double) { scan(docid_ + 1); }

void ValueFilter::skip_to(Xapian::docid did, double) {
  if (did <= docid_) {
    if (matched_) return;  // already there
    did = docid_ + 1;      // check() turned docid_ down
  }
  scan(did);
}

// The matcher calls this on documents that hold every word, in ascending order, so the value
// stream is read forwards, one chunk after another. A document that does not pass is turned down
// without moving on to the next match: that could read many values for nothing.
bool ValueFilter::check(Xapian::docid did, double) {
  if (matched_ && did == docid_) return true;
  docid_ = did;
  matched_ = false;
  if (stream_at_end()) return false;
  if (!values_known_ || values_.get_docid() < did) {
    values_known_ = values_.check(did);  // glass moves to the first value >= did and says true
    if (!values_known_ || stream_at_end()) return false;
  }
  if (values_.get_docid() != did) return false;  // a document without a value
  matched_ = passes(did, *values_);
  return matched_;
}

}  // namespace dsearch
