#include "phrase_source.h"

#include <algorithm>

#include "dsearch/schema.h"

namespace dsearch {

PhrasePattern::PhrasePattern(const std::vector<std::vector<std::string>>& terms, bool title_only,
                             std::vector<bool> indexed)
    : terms_(terms), title_only_(title_only), indexed_(std::move(indexed)) {
  indexed_.resize(terms_.size(), true);
  for (std::size_t i = 0; i < terms_.size(); ++i) {
    auto& alternatives = terms_[i];
    std::sort(alternatives.begin(), alternatives.end());
    alternatives.erase(std::unique(alternatives.begin(), alternatives.end()), alternatives.end());
    auto& keys = keys_.emplace_back();
    for (const auto& t : alternatives) {
      keys.push_back(word_key(t));
      if (checked(i, keys.back())) alternatives_.push_back(t);
    }
  }
  std::sort(alternatives_.begin(), alternatives_.end());
  alternatives_.erase(std::unique(alternatives_.begin(), alternatives_.end()), alternatives_.end());
}

PhrasePattern PhrasePattern::narrowed(const std::vector<std::string>& held) const {
  auto terms = terms_;
  for (std::size_t i = 0; i < terms.size(); ++i) {
    std::vector<std::string> kept;
    for (std::size_t k = 0; k < terms_[i].size(); ++k)
      if (!checked(i, keys_[i][k]) || std::binary_search(held.begin(), held.end(), terms_[i][k]))
        kept.push_back(terms_[i][k]);
    terms[i] = std::move(kept);
  }
  return PhrasePattern(terms, title_only_, indexed_);
}

namespace {

bool accepts(const std::vector<WordSlot>& slots, WordSlot s) {
  // Most positions hold one or two stems; a wildcard's expansions can run to a thousand.
  if (slots.size() <= 8) return std::find(slots.begin(), slots.end(), s) != slots.end();
  return std::binary_search(slots.begin(), slots.end(), s);
}

}  // namespace

bool PhrasePattern::matches(const TokenSequence& seq, Slots& accepted) const {
  std::size_t n = size();
  std::size_t end = title_only_ ? seq.title_size() : seq.size();
  if (n == 0 || end < n) return false;
  accepted.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    auto& slots = accepted[i];
    slots.clear();
    for (const auto& key : keys_[i])
      if (WordSlot s = seq.slot(key); s != kNoSlot) slots.push_back(s);
    if (slots.empty()) return false;
    std::sort(slots.begin(), slots.end());
    slots.erase(std::unique(slots.begin(), slots.end()), slots.end());
  }
  auto at = [&](std::size_t start) {
    std::size_t k = 0;
    while (k < n && accepts(accepted[k], seq[start + k])) ++k;
    return k == n;
  };
  // Most phrases have a position that accepts one slot: TokenSequence::find() scans the packed
  // positions for it several at a time, and the other positions are looked at only where it occurs.
  auto single = std::find_if(accepted.begin(), accepted.end(), [](const auto& s) { return s.size() == 1; });
  if (single == accepted.end()) {
    for (std::size_t i = 0; i + n <= end; ++i)
      if (at(i)) return true;
    return false;
  }
  std::size_t k = static_cast<std::size_t>(single - accepted.begin());
  std::size_t limit = end - (n - 1 - k);  // the positions of word k that leave room for the rest
  for (std::size_t i = seq.find(single->front(), k, limit); i < limit; i = seq.find(single->front(), i + 1, limit))
    if (at(i - k)) return true;
  return false;
}

PhraseSource::PhraseSource(std::shared_ptr<const PhrasePattern> pattern)
    : ValueFilter(schema::kSlotTokens), pattern_(std::move(pattern)) {}

void PhraseSource::init(const Xapian::Database& db) {
  ValueFilter::init(db);
  postings_.clear();
  const auto& alternatives = pattern_->alternatives();
  if (alternatives.size() <= kMaxFollowed)
    for (const auto& term : alternatives) postings_.push_back(db.postlist_begin(term));
}

bool PhraseSource::passes(Xapian::docid did, const std::string& value) {
  sequence_.assign(value);
  const TokenSequence& seq = sequence_;
  if (!pattern_->matches(seq, slots_)) return false;
  const auto& alternatives = pattern_->alternatives();
  if (alternatives.empty()) return true;  // the AND saw to it that the document holds each term
  if (alternatives.size() > kMaxFollowed) return pattern_->narrowed(held_terms(did)).matches(seq, slots_);
  // Documents come in ascending order, so each alternative's posting list is walked forwards, as
  // the AND walks its words': much cheaper than reading the document's termlist.
  std::uint32_t held = 0;
  for (std::size_t k = 0; k < postings_.size(); ++k)
    if (follow(k, did)) held |= 1u << k;
  auto& narrowed = narrowed_[held];
  if (!narrowed) {
    std::vector<std::string> terms;
    for (std::size_t k = 0; k < alternatives.size(); ++k)
      if (held & (1u << k)) terms.push_back(alternatives[k]);
    narrowed = std::make_unique<PhrasePattern>(pattern_->narrowed(terms));
  }
  return narrowed->matches(seq, slots_);
}

// Which alternatives the document holds (sorted, as they are), from their posting lists: the index
// has no termlists (deleted_docs.h). Opened at the first document that needs them, as a wildcard
// can stand for a thousand terms, and walked forwards as the documents come.
std::vector<std::string> PhraseSource::held_terms(Xapian::docid did) {
  const auto& alternatives = pattern_->alternatives();
  if (postings_.empty())
    for (const auto& term : alternatives) postings_.push_back(db().postlist_begin(term));
  std::vector<std::string> held;
  for (std::size_t k = 0; k < postings_.size(); ++k)
    if (follow(k, did)) held.push_back(alternatives[k]);
  return held;
}

bool PhraseSource::follow(std::size_t k, Xapian::docid did) {
  auto& p = postings_[k];
  if (p != Xapian::PostingIterator() && *p < did) p.skip_to(did);
  return p != Xapian::PostingIterator() && *p == did;
}

PhraseSource* PhraseSource::clone() const { return new PhraseSource(pattern_); }

std::string PhraseSource::get_description() const {
  return "dsearch::PhraseSource(" + std::to_string(pattern_->size()) + " words" +
         (pattern_->title_only() ? ", title" : "") + ")";
}

Xapian::Query phrase_query(const std::vector<Xapian::Query>& words,
                           const std::vector<std::vector<std::string>>& terms, bool title_only,
                           const std::vector<bool>& indexed) {
  auto pattern = std::make_shared<const PhrasePattern>(terms, title_only, indexed);
  Xapian::Query source((new PhraseSource(std::move(pattern)))->release());
  if (words.empty()) return source;
  return Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query(Xapian::Query::OP_AND, words.begin(), words.end()),
                       source);
}

}  // namespace dsearch
