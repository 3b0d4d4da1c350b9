// The word order of a document, kept for phrase queries in place of Xapian's position table (the
// largest table of the index and a quarter of the indexing time): one short hash per word
// position, title words first, then a separator, then body words. The indexer writes it to the
// value slot schema::kSlotTokens; the searcher's PhraseSource reads it to check that a document
// holding every word of a phrase holds them side by side.
//
// Value layout (schema 10; the schema version stands for the layout's):
//   byte 0   (width - kMinWidth) << 4 | seed: the width of a hash in bits, kMinWidth to kMaxWidth,
//            and the document's seed, below kSeeds
//   then     one hash per word position, `width` bits each, packed least significant bit first:
//            token_hash(term_hash(term), seed, width), or kSeparator once, between the title and
//            the body, so that no phrase spans the two. The last byte's unused bits are zero and
//            fewer than a hash (the width is at least 8), so the length gives the count.
// The header took three bytes (a version, the seed, the width) until schema 9: 0.7 MB of
// fi-news's headlines.
//
// Why a seed: with one hash for the whole index, some pairs of common words share a hash (on the
// 14k mix, "march" and "britain": "in March" found 36 articles that only say "in Britain"). The
// writer tries seeds until every distinct word of the document has its own hash; a phrase word
// the document holds then matches only itself. Why a width per document: a headline of 20 distinct
// words finds such a seed among 8-bit hashes within a few tries, a long article of 200 words among
// 12- to 14-bit ones, so most documents need far fewer than 16 bits a word (version 1 took 16:
// fi-news's headlines spent 15 of their 128 MB on it). A word the document does not hold can still
// share a hash with one of its words, about once in 2^width pairs: PhraseSource checks the phrase
// only on documents that hold its indexed words, and confirms alternatives (an index language's
// stem, a wildcard's expansion) against their posting lists; stopwords, which have no postings,
// are the one exception (phrase_source.h).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace dsearch {

using TokenHash = std::uint16_t;

inline constexpr unsigned kMinWidth = 8;
inline constexpr unsigned kMaxWidth = 16;
inline constexpr unsigned kSeeds = 16;              // seeds a writer may choose: 4 bits
inline constexpr std::size_t kTokenHeaderBytes = 1;  // before the hashes

// Marks the end of the title. token_hash() never returns it.
inline constexpr TokenHash kSeparator = 0;

// XXH3-64 of an indexed (unprefixed) term: computed once per word, whatever the seed.
std::uint64_t term_hash(std::string_view term);

// The `width`-bit hash of a term under a document's seed (never kSeparator).
TokenHash token_hash(std::uint64_t term_hash, std::uint8_t seed, unsigned width = kMaxWidth);

// Builds the value: add() each title term, end_title(), add() each body term, then value().
class TokenSequenceWriter {
 public:
  void add(std::string_view term) { words_.push_back(term_hash(term)); }
  void end_title() { title_size_ = words_.size(); }
  std::string value() const;

 private:
  std::vector<std::uint64_t> words_;
  std::size_t title_size_ = 0;
};

// A stored value, unpacked. Any bytes are safe to read: a value of another version or width, or
// of a length no writer makes, reads as an empty sequence.
class TokenSequence {
 public:
  TokenSequence() = default;
  explicit TokenSequence(std::string_view value) { assign(value); }
  // Reads another value, reusing this one's memory: a phrase checks thousands of documents.
  void assign(std::string_view value);

  bool empty() const { return hashes_.empty(); }
  std::size_t size() const { return hashes_.size(); }  // positions, the separator included
  std::uint8_t seed() const { return seed_; }
  unsigned width() const { return width_; }
  TokenHash operator[](std::size_t i) const { return hashes_[i]; }  // i < size()
  // The hash a term has in this document: what operator[] holds at its positions.
  TokenHash code(std::uint64_t term_hash) const { return token_hash(term_hash, seed_, width_); }
  // Positions before the separator: the title's words (all positions when there is none).
  std::size_t title_size() const { return title_size_; }

 private:
  std::vector<TokenHash> hashes_;
  std::size_t title_size_ = 0;
  std::uint8_t seed_ = 0;
  unsigned width_ = kMaxWidth;
};

}  // namespace dsearch
