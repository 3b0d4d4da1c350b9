// Phrase matching without Xapian positions: a phrase is the AND of its indexed words (which ranks
// it with BM25 and finds the candidates from the posting lists) filtered by a PhraseSource, which
// reads a candidate's TokenSequence (token_sequence.h) and keeps it when all the words, stopwords
// included, stand side by side, in order, as OP_PHRASE with a window of the phrase's length did.
#pragma once

#include <xapian.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "dsearch/token_sequence.h"
#include "value_filter.h"

namespace dsearch {

// What a phrase accepts at each position: the terms it may be (one per index language's stem; a
// wildcard's expansions), and whether it must lie within the title.
class PhrasePattern {
 public:
  // `terms[i]` are the unprefixed terms accepted at position i. `indexed[i]` false marks a
  // position whose terms the index may not hold (a stopword), so that the AND of the phrase's
  // words does not vouch for them. Empty: every position is indexed.
  PhrasePattern(const std::vector<std::vector<std::string>>& terms, bool title_only,
                std::vector<bool> indexed = {});

  std::size_t size() const { return terms_.size(); }
  bool title_only() const { return title_only_; }

  // The terms a document must be seen to hold in their posting lists before its word order may
  // match them: those of an indexed position that accepts more than one (a document need not hold
  // them all: a German stem, a wildcard's expansions) and those of an unindexed position, except
  // the stopword table's, of which the word order itself tells (token_sequence.h). A word the
  // document lacks maps to the slot of some word it has.
  const std::vector<std::string>& alternatives() const { return alternatives_; }  // sorted

  // The same phrase with the alternatives not `held` (sorted) left out.
  PhrasePattern narrowed(const std::vector<std::string>& held) const;

  // The slots each position accepts in one document, worked out by matches().
  using Slots = std::vector<std::vector<WordSlot>>;

  // Whether the sequence holds the phrase at consecutive positions (within the title when
  // title_only), taking each term as held: narrow the pattern first. A phrase never spans the
  // title and the body: no word has the separator's slot. `scratch` keeps its memory for the
  // next document: a phrase checks thousands.
  bool matches(const TokenSequence& seq, Slots& scratch) const;
  bool matches(const TokenSequence& seq) const {
    Slots scratch;
    return matches(seq, scratch);
  }

 private:
  bool checked(std::size_t position, const WordKey& key) const {
    return !exact(key) && (terms_[position].size() > 1 || !indexed_[position]);
  }

  std::vector<std::vector<std::string>> terms_;
  std::vector<std::vector<WordKey>> keys_;
  std::vector<std::string> alternatives_;
  bool title_only_;
  std::vector<bool> indexed_;
};

// Xapian::Query(OP_FILTER, Query(OP_AND, words...), Query(source)) with the matcher driven by the
// words: the source says it may match every document, so Xapian's AND puts it last and mostly
// check()s it on documents that hold every indexed word. next() and skip_to() work too (they walk
// the value stream), for a phrase of stopwords alone, which has no words to drive it. The source
// counts on that AND: alone, it would also take a document that lacks an indexed word of the
// phrase, whose slot is then another word's (token_sequence.h).
class PhraseSource : public ValueFilter {
 public:
  explicit PhraseSource(std::shared_ptr<const PhrasePattern> pattern);

  void init(const Xapian::Database& db) override;
  // name() stays empty: the source is not serialisable, which only the remote backend needs.
  PhraseSource* clone() const override;
  std::string get_description() const override;

 private:
  bool passes(Xapian::docid did, const std::string& value) override;
  std::vector<std::string> held_terms(Xapian::docid did);
  // Whether the document holds alternative k, moving its posting list forwards to `did`.
  bool follow(std::size_t k, Xapian::docid did);

  // Up to this many alternatives, the ones a document holds are a bit mask and its narrowed pattern
  // is cached by it; past it (a wildcard's expansions) the pattern is narrowed for each document
  // that matches by slot, and their posting lists are opened only then.
  static constexpr std::size_t kMaxFollowed = 32;

  std::shared_ptr<const PhrasePattern> pattern_;  // shared with clones: it never changes
  std::vector<Xapian::PostingIterator> postings_;  // of each alternative
  std::map<std::uint32_t, std::unique_ptr<PhrasePattern>> narrowed_;  // by the alternatives held
  TokenSequence sequence_;  // the document's being checked, its memory kept for the next
  PhrasePattern::Slots slots_;
};

// The query for a phrase whose positions accept `terms` (unprefixed), with `words` the subqueries
// of its indexed positions (`indexed`, as PhrasePattern takes it); `title_only` for a title:"..."
// phrase. With no words (stopwords alone) the source scans every document's word order.
Xapian::Query phrase_query(const std::vector<Xapian::Query>& words,
                           const std::vector<std::vector<std::string>>& terms, bool title_only,
                           const std::vector<bool>& indexed = {});

}  // namespace dsearch
