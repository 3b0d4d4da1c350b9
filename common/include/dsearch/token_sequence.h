// The word order of a document, kept for phrase queries in place of Xapian's position table (the
// largest table of the index and a quarter of the indexing time): one 16-bit hash per word
// position, title words first, then a separator, then body words. The indexer writes it to the
// value slot schema::kSlotTokens; the searcher's PhraseSource reads it to check that a document
// holding every word of a phrase holds them side by side.
//
// Value layout, version 1:
//   byte 0   kTokenSequenceVersion
//   byte 1   the document's seed
//   then     one little-endian uint16 per word position: token_hash(term_hash(term), seed), or
//            kSeparator once, between the title and the body, so that no phrase spans the two
//            (the position table had a gap of 100 positions there).
//
// Why a seed: with one 16-bit hash for the whole index, some pairs of common words share a hash
// (on the 14k mix, "march" and "britain": "in March" found 36 articles that only say "in
// Britain"). The writer tries seeds until every distinct word of the document has its own hash,
// which it finds for all but the longest articles; a phrase word the document holds then matches
// only itself. A word it does not hold (an index language's stem the document does not use, a
// wildcard's expansion) can still share a hash with one of its words, about once in 65,536 pairs.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace dsearch {

using TokenHash = std::uint16_t;

inline constexpr std::uint8_t kTokenSequenceVersion = 1;

// Marks the end of the title. token_hash() never returns it.
inline constexpr TokenHash kSeparator = 0;

// XXH3-64 of an indexed (unprefixed) term: computed once per word, whatever the seed.
std::uint64_t term_hash(std::string_view term);

// The 16-bit hash of a term under a document's seed (never kSeparator).
TokenHash token_hash(std::uint64_t term_hash, std::uint8_t seed);

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

// A view of a stored value, without copying it. Any bytes are safe to read: a value of another
// version, or of a length no writer makes, reads as an empty sequence.
class TokenSequence {
 public:
  explicit TokenSequence(std::string_view value);
  explicit TokenSequence(std::string&&) = delete;  // a view of a temporary would dangle

  bool empty() const { return size_ == 0; }
  std::size_t size() const { return size_; }  // positions, the separator included
  std::uint8_t seed() const { return seed_; }
  TokenHash operator[](std::size_t i) const {  // i < size()
    auto b = reinterpret_cast<const unsigned char*>(hashes_) + 2 * i;
    return static_cast<TokenHash>(b[0] | (b[1] << 8));
  }
  // Positions before the separator: the title's words (all positions when there is none).
  std::size_t title_size() const { return title_size_; }

 private:
  const char* hashes_ = nullptr;
  std::size_t size_ = 0;
  std::size_t title_size_ = 0;
  std::uint8_t seed_ = 0;
};

}  // namespace dsearch
