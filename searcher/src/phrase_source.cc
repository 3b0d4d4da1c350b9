#include "phrase_source.h"

#include <algorithm>

#include "dsearch/schema.h"

namespace dsearch {

PhrasePattern::PhrasePattern(const std::vector<std::vector<std::string>>& terms, bool title_only)
    : title_only_(title_only) {
  for (const auto& alternatives : terms) {
    std::vector<TokenHash> hs;
    for (const auto& t : alternatives) hs.push_back(token_hash(t));
    std::sort(hs.begin(), hs.end());
    hs.erase(std::unique(hs.begin(), hs.end()), hs.end());
    positions_.push_back(std::move(hs));
  }
}

bool PhrasePattern::accepts(std::size_t position, TokenHash h) const {
  const auto& hs = positions_[position];
  // Most positions hold one or two stems; a wildcard's expansions can run to a thousand.
  if (hs.size() <= 8) return std::find(hs.begin(), hs.end(), h) != hs.end();
  return std::binary_search(hs.begin(), hs.end(), h);
}

bool PhrasePattern::matches(const TokenSequence& seq) const {
  std::size_t n = positions_.size();
  std::size_t end = title_only_ ? seq.title_size() : seq.size();
  if (n == 0 || end < n) return false;
  for (std::size_t i = 0; i + n <= end; ++i) {
    std::size_t k = 0;
    while (k < n && accepts(k, seq[i + k])) ++k;
    if (k == n) return true;
  }
  return false;
}

PhraseSource::PhraseSource(std::shared_ptr<const PhrasePattern> pattern) : pattern_(std::move(pattern)) {}

void PhraseSource::init(const Xapian::Database& db) {
  db_ = db;
  doccount_ = db_.get_doccount();
  values_ = db_.valuestream_begin(schema::kSlotTokens);
  values_known_ = true;
  docid_ = 0;
  matched_ = false;
  ended_ = false;
}

void PhraseSource::scan(Xapian::docid from) {
  matched_ = false;
  // Never skip_to() backwards (its result is unspecified) nor at the end (there is no stream).
  if (!stream_at_end() && (!values_known_ || values_.get_docid() < from)) values_.skip_to(from);
  values_known_ = true;
  for (; !stream_at_end(); ++values_) {
    std::string value = *values_;
    if (pattern_->matches(TokenSequence(value))) {
      docid_ = values_.get_docid();
      matched_ = true;
      return;
    }
  }
  ended_ = true;
}

void PhraseSource::next(double) { scan(docid_ + 1); }

void PhraseSource::skip_to(Xapian::docid did, double) {
  if (did <= docid_) {
    if (matched_) return;  // already there
    did = docid_ + 1;      // check() turned docid_ down
  }
  scan(did);
}

// The matcher calls this on documents that hold every word of the phrase, in ascending order, so
// the value stream is read forwards, one chunk after another. A document that does not match is
// turned down without moving on to the next match: that could read many values for nothing.
bool PhraseSource::check(Xapian::docid did, double) {
  if (matched_ && did == docid_) return true;
  docid_ = did;
  matched_ = false;
  if (stream_at_end()) return false;
  if (!values_known_ || values_.get_docid() < did) {
    values_known_ = values_.check(did);  // glass moves to the first value >= did and says true
    if (!values_known_ || stream_at_end()) return false;
  }
  if (values_.get_docid() != did) return false;  // a document without text
  std::string value = *values_;
  matched_ = pattern_->matches(TokenSequence(value));
  return matched_;
}

PhraseSource* PhraseSource::clone() const { return new PhraseSource(pattern_); }

std::string PhraseSource::get_description() const {
  return "dsearch::PhraseSource(" + std::to_string(pattern_->size()) + " words" +
         (pattern_->title_only() ? ", title" : "") + ")";
}

Xapian::Query phrase_query(const std::vector<Xapian::Query>& words,
                           const std::vector<std::vector<std::string>>& terms, bool title_only) {
  auto pattern = std::make_shared<const PhrasePattern>(terms, title_only);
  Xapian::Query source((new PhraseSource(std::move(pattern)))->release());
  return Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query(Xapian::Query::OP_AND, words.begin(), words.end()),
                       source);
}

}  // namespace dsearch
