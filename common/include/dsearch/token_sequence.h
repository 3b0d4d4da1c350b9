// The word order of a document, kept for phrase queries in place of Xapian's position table (the
// largest table of the index and a quarter of the indexing time): one 16-bit hash per word
// position, title words first, then a separator, then body words. The indexer writes it to the
// value slot schema::kSlotTokens; the searcher's PhraseSource reads it to check that a document
// holding every word of a phrase holds them side by side.
//
// Value layout, version 1:
//   byte 0   kTokenSequenceVersion
//   then     one little-endian uint16 per word position: token_hash(term), or kSeparator once,
//            between the title and the body, so that no phrase spans the two (the position table
//            had a gap of 100 positions there).
// Two different terms share a hash about once in 65,536 pairs: a phrase can then match where a
// word with the same hash stands in for one of its words (the document must still hold every word
// of the phrase somewhere). That is the price of two bytes a word.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace dsearch {

using TokenHash = std::uint16_t;

inline constexpr std::uint8_t kTokenSequenceVersion = 1;

// Marks the end of the title. token_hash() never returns it.
inline constexpr TokenHash kSeparator = 0;

// The hash of an indexed (unprefixed) term: the low 16 bits of XXH3-64, with kSeparator moved to 1.
TokenHash token_hash(std::string_view term);

// Builds the value: add() each title term, end_title(), add() each body term.
class TokenSequenceWriter {
 public:
  TokenSequenceWriter();
  void add(std::string_view term) { put(token_hash(term)); }
  void end_title() { put(kSeparator); }
  const std::string& value() const { return bytes_; }

 private:
  void put(TokenHash h);
  std::string bytes_;
};

// A view of a stored value, without copying it. Any bytes are safe to read: a value of another
// version, or of a length no writer makes, reads as an empty sequence.
class TokenSequence {
 public:
  explicit TokenSequence(std::string_view value);

  bool empty() const { return size_ == 0; }
  std::size_t size() const { return size_; }  // positions, the separator included
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
};

}  // namespace dsearch
