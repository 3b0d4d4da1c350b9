// The word order of a document, kept for phrase queries in place of Xapian's position table (the
// largest table of the index and a quarter of the indexing time): one slot number per word
// position, title words first, then a separator, then body words. The indexer writes it to the
// value slot schema::kSlotTokens; the searcher's PhraseSource reads it to check that a document
// holding every word of a phrase holds them side by side.
//
// Each distinct word of a document has a slot of its own, and a position takes only as many bits
// as the document has slots: about 7 bits a position for a news story, where one hash a word took
// 13 (schema 10; bench/SPEED.md, sixteenth round). Slot 0 is the separator. The words of the
// stopword table (stop_number(): English stopwords, which English articles do not index) come
// next, in table order, listed by number: a document tells exactly which of them it holds. The
// other words take the remaining slots through a minimal-ish perfect hash of the document's own
// (hash and displace: a 4-bit displacement per bucket of about three words), so a word the
// document does not hold still maps to some slot. Such words have posting lists, and a reader
// must confirm a word there before it trusts its slot (exact()).
//
// Value layout (schema 12; the schema version stands for the layout's):
//   byte 0   (width - 1) << 3 | seed: the bits of a slot number, 1 to 31, and the document's hash
//            seed, below kSeeds
//   varint   D, the number of hashed words; varint S, the number of stopword-table words
//   bits     least significant bit first: S gaps between the stopwords' table numbers, ascending
//            (the first number, then each difference - 1), Rice-coded with 2 bits of remainder;
//            ceil(D / kBucketWords) displacements of kDisplacementBits; one slot number per
//            position, `width` bits each; zero bits to a byte. The separator is written once, so
//            a zero past it is padding.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace dsearch {

using WordSlot = std::uint32_t;

inline constexpr WordSlot kSeparator = 0;               // marks the end of the title
inline constexpr WordSlot kNoSlot = 0xFFFFFFFF;         // a table word the document lacks
inline constexpr unsigned kSeeds = 8;                   // 3 bits of the header
inline constexpr unsigned kMaxSlotBits = 31;            // 5 bits of the header; kNoSlot is past them
inline constexpr unsigned kBucketWords = 3;             // words a displacement places, on average
inline constexpr unsigned kDisplacementBits = 4;

// XXH3-64 of an indexed (unprefixed) term: computed once per word.
std::uint64_t term_hash(std::string_view term);

// The number of a term in the stopword table (the English stopwords' terms, sorted), or -1.
int stop_number(std::uint64_t term_hash);

// A term as the word order looks it up, computed once per query term.
struct WordKey {
  std::uint64_t hash = 0;
  int stop = -1;  // stop_number(hash)
};
WordKey word_key(std::string_view term);

// Whether a document's word order alone says if it holds `key`: a stopword-table word is there or
// not; any other word needs its posting list.
inline bool exact(const WordKey& key) { return key.stop >= 0; }

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

// A stored value, unpacked. Any bytes are safe to read: they never lead a read outside the value,
// and one whose counts do not fit its length, or with a spare byte at its end, reads as an empty
// sequence; other bytes read as some sequence.
class TokenSequence {
 public:
  TokenSequence() = default;
  explicit TokenSequence(std::string_view value) { assign(value); }
  // Reads another value, reusing this one's memory: a phrase checks thousands of documents. The
  // positions stay packed, read where asked: most documents a phrase checks do not hold it, and
  // unpacking each one's every position was most of the time of a phrase of two frequent words.
  void assign(std::string_view value);

  bool empty() const { return size_ == 0; }
  std::size_t size() const { return size_; }  // positions, the separator included
  WordSlot operator[](std::size_t i) const;     // i < size()
  unsigned width() const { return width_; }     // bits a position took
  // Positions before the separator: the title's words (all positions when there is none).
  std::size_t title_size() const { return title_size_; }

  // The first position from `from` below `end` (at most size()) that holds slot `s`, or `end`.
  std::size_t find(WordSlot s, std::size_t from, std::size_t end = SIZE_MAX) const;

  // The slot of a word: what operator[] holds at its positions if the document holds it. For a
  // stopword-table word the document lacks, kNoSlot; for another word, whatever slot its hash
  // lands on (exact()).
  WordSlot slot(const WordKey& key) const;

 private:
  std::string bytes_;                  // the value after its header and counts, and 8 zero bytes
  std::vector<std::uint32_t> stops_;   // table numbers, ascending: slots 1 to S
  std::size_t displacements_at_ = 0;   // bit offsets in bytes_
  std::size_t first_ = 0;              // of position 0
  std::size_t size_ = 0;
  std::size_t title_size_ = 0;
  std::uint64_t buckets_ = 0;
  std::uint64_t hashed_slots_ = 0;     // slots of the hashed words: 2^width - 1 - S
  std::uint8_t seed_ = 0;
  unsigned width_ = 0;
};

}  // namespace dsearch
