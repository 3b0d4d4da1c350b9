#include "dsearch/token_sequence.h"

#include <endian.h>
#include <absl/container/flat_hash_map.h>
#include <xxhash.h>

#include <algorithm>
#include <bit>
#include <cstring>
#include <stdexcept>
#include <utility>

#include "dsearch/analyzer.h"
#include "dsearch/varint.h"

namespace dsearch {
namespace {

std::uint64_t mix64(std::uint64_t x) {  // SplitMix64's finalizer
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

// x scaled to [0, n) without a division (Lemire's fast range).
std::uint64_t scaled(std::uint32_t x, std::uint64_t n) { return (std::uint64_t{x} * n) >> 32; }

std::uint64_t seeded(std::uint64_t hash, unsigned seed) { return mix64(hash + (seed + 1) * 0x9E3779B97F4A7C15ULL); }

std::uint64_t bucket_count(std::uint64_t hashed_words) { return (hashed_words + kBucketWords - 1) / kBucketWords; }

std::uint64_t bucket_of(std::uint64_t x, std::uint64_t buckets) { return scaled(static_cast<std::uint32_t>(x), buckets); }

// The slot, among `slots`, of a word whose bucket has displacement d.
std::uint64_t hashed_slot(std::uint64_t x, unsigned d, std::uint64_t slots) {
  return scaled(static_cast<std::uint32_t>(mix64(x + (d + 1) * 0xD6E8FEB86659FD93ULL) >> 32), slots);
}

// The slot of a word outside the stopword table, which writer and reader must agree on: after
// the separator and the `stops` table words, among `slots`, by the displacement of its bucket
// among `buckets`, which `displacement` tells.
template <typename Displacement>
WordSlot hashed_word_slot(std::uint64_t hash, unsigned seed, std::uint64_t buckets, const Displacement& displacement,
                          std::uint64_t stops, std::uint64_t slots) {
  std::uint64_t x = seeded(hash, seed);
  return static_cast<WordSlot>(1 + stops + hashed_slot(x, displacement(bucket_of(x, buckets)), slots));
}

// The English stopwords' terms, numbered in sorted order, by hash.
class StopTable {
 public:
  StopTable() {
    Analyzer en("en");
    std::vector<std::string> terms;
    for (const auto& w : stopwords("en")) terms.push_back(en.stem(w));
    std::sort(terms.begin(), terms.end());
    terms.erase(std::unique(terms.begin(), terms.end()), terms.end());
    for (std::size_t i = 0; i < terms.size(); ++i) numbers_.emplace(term_hash(terms[i]), static_cast<int>(i));
  }
  int number(std::uint64_t hash) const {
    auto it = numbers_.find(hash);
    return it == numbers_.end() ? -1 : it->second;
  }
  std::size_t size() const { return numbers_.size(); }

 private:
  absl::flat_hash_map<std::uint64_t, int> numbers_;
};

const StopTable& stop_table() {
  static const StopTable table;
  return table;
}

constexpr unsigned kRiceBits = 2;

unsigned bits_for(std::uint64_t values) {  // the fewest bits that number `values` values, at least 1
  unsigned b = 1;
  while (b < 64 && (std::uint64_t{1} << b) < values) ++b;
  return b;
}

// Places each hashed word in a slot of its own among `slots`, bucket by bucket, largest first,
// trying each displacement of a bucket until all its words land on free slots. Fills
// `displacements`; false when some bucket finds none. Buckets are ordered by counting: this runs
// for every article.
bool place(const std::vector<std::uint64_t>& hashes, unsigned seed, std::uint64_t slots,
           std::vector<std::uint8_t>& displacements) {
  std::size_t buckets = bucket_count(hashes.size());
  thread_local std::vector<std::uint64_t> seeded_hashes, by_bucket, used;
  thread_local std::vector<std::uint32_t> bucket, start, by_size, size_start;
  seeded_hashes.resize(hashes.size());
  bucket.resize(hashes.size());
  start.assign(buckets + 1, 0);
  for (std::size_t k = 0; k < hashes.size(); ++k) {
    seeded_hashes[k] = seeded(hashes[k], seed);
    bucket[k] = static_cast<std::uint32_t>(bucket_of(seeded_hashes[k], buckets));
    ++start[bucket[k] + 1];
  }
  std::uint32_t largest = 0;
  for (std::size_t b = 0; b < buckets; ++b) largest = std::max(largest, start[b + 1]);
  size_start.assign(largest + 2, 0);
  for (std::size_t b = 0; b < buckets; ++b) ++size_start[largest - start[b + 1] + 1];  // largest first
  for (std::size_t i = 1; i < size_start.size(); ++i) size_start[i] += size_start[i - 1];
  by_size.resize(buckets);
  for (std::size_t b = 0; b < buckets; ++b) by_size[size_start[largest - start[b + 1]]++] = static_cast<std::uint32_t>(b);
  for (std::size_t b = 0; b < buckets; ++b) start[b + 1] += start[b];
  by_bucket.resize(hashes.size());
  {
    thread_local std::vector<std::uint32_t> fill;
    fill.assign(start.begin(), start.end() - 1);
    for (std::size_t k = 0; k < hashes.size(); ++k) by_bucket[fill[bucket[k]]++] = seeded_hashes[k];
  }
  used.assign((slots + 63) / 64, 0);
  displacements.assign(buckets, 0);
  std::uint64_t taken[64];
  for (std::uint32_t b : by_size) {
    std::size_t first = start[b], size = start[b + 1] - first;
    if (size == 0) break;
    if (size > 64) return false;  // never, in practice: buckets hold three words on average
    bool placed = false;
    for (unsigned d = 0; d < (1u << kDisplacementBits) && !placed; ++d) {
      std::size_t n = 0;
      for (; n < size; ++n) {
        std::uint64_t s = hashed_slot(by_bucket[first + n], d, slots);
        if ((used[s >> 6] >> (s & 63)) & 1 || std::find(taken, taken + n, s) != taken + n) break;
        taken[n] = s;
      }
      if (n < size) continue;
      for (std::size_t i = 0; i < n; ++i) used[taken[i] >> 6] |= std::uint64_t{1} << (taken[i] & 63);
      displacements[b] = static_cast<std::uint8_t>(d);
      placed = true;
    }
    if (!placed) return false;
  }
  return true;
}

// Appends values of up to 32 bits to a string, least significant bit first.
class BitWriter {
 public:
  explicit BitWriter(std::string& out) : out_(out) {}
  void put(std::uint64_t v, unsigned width) {
    bits_ |= v << count_;
    for (count_ += width; count_ >= 8; count_ -= 8, bits_ >>= 8) out_.push_back(static_cast<char>(bits_ & 0xFF));
  }
  // Rice code of parameter kRiceBits: the quotient in unary (ones ended by a zero), then the
  // remainder. A stopword gap of about 7 takes 5 bits instead of a byte.
  void put_rice(std::uint64_t v) {
    for (std::uint64_t q = v >> kRiceBits; q > 0; --q) put(1, 1);
    put(0, 1);
    put(v & ((1u << kRiceBits) - 1), kRiceBits);
  }
  void flush() {
    if (count_ > 0) out_.push_back(static_cast<char>(bits_ & 0xFF));
  }

 private:
  std::string& out_;
  std::uint64_t bits_ = 0;
  unsigned count_ = 0;
};

// `width` bits (up to 57) from bit `bit` of `bytes`, least significant bit first. The caller sees
// to it that 8 bytes can be loaded from byte bit / 8: TokenSequence keeps 8 zero bytes after its
// value.
std::uint64_t bits_at(const char* bytes, std::size_t bit, unsigned width) {
  std::uint64_t word;
  std::memcpy(&word, bytes + (bit >> 3), sizeof word);
  return (le64toh(word) >> (bit & 7)) & ((std::uint64_t{1} << width) - 1);
}

// A Rice code at bit `at` of `bytes` (of `bits` valid bits): false when the bits end first or the
// number would reach `limit`. Advances `at` past it.
bool get_rice(const char* bytes, std::size_t bits, std::size_t& at, std::uint64_t& v, std::uint64_t limit) {
  std::uint64_t q = 0;
  for (;;) {
    if (at >= bits || (q << kRiceBits) >= limit) return false;
    // The ones of the quotient, up to 56 at a time.
    unsigned ones = static_cast<unsigned>(std::countr_one(bits_at(bytes, at, 56)));
    if (ones == 56) {
      q += 56, at += 56;
      continue;
    }
    q += ones, at += ones + 1;
    break;
  }
  if (at > bits || (q << kRiceBits) >= limit || bits - at < kRiceBits) return false;
  v = q << kRiceBits | bits_at(bytes, at, kRiceBits);
  at += kRiceBits;
  return v < limit;
}

}  // namespace

std::uint64_t term_hash(std::string_view term) { return XXH3_64bits(term.data(), term.size()); }

int stop_number(std::uint64_t term_hash) { return stop_table().number(term_hash); }

WordKey word_key(std::string_view term) {
  std::uint64_t h = term_hash(term);
  return {h, stop_number(h)};
}

std::string TokenSequenceWriter::value() const {
  // The distinct words, numbered as first met, and each position's word number.
  thread_local absl::flat_hash_map<std::uint64_t, std::uint32_t> number_of;
  thread_local std::vector<std::uint64_t> distinct;
  thread_local std::vector<std::uint32_t> numbers;
  number_of.clear();
  distinct.clear();
  numbers.resize(words_.size());
  for (std::size_t i = 0; i < words_.size(); ++i) {
    auto [it, fresh] = number_of.try_emplace(words_[i], static_cast<std::uint32_t>(distinct.size()));
    if (fresh) distinct.push_back(words_[i]);
    numbers[i] = it->second;
  }
  std::vector<std::pair<std::uint32_t, std::uint32_t>> stops;  // (table number, word number)
  std::vector<std::uint64_t> hashed;
  std::vector<std::uint32_t> hashed_words;
  for (std::uint32_t w = 0; w < distinct.size(); ++w) {
    int n = stop_number(distinct[w]);
    if (n >= 0) {
      stops.emplace_back(static_cast<std::uint32_t>(n), w);
    } else {
      hashed.push_back(distinct[w]);
      hashed_words.push_back(w);
    }
  }
  std::sort(stops.begin(), stops.end());
  std::uint64_t s = stops.size();
  // A document whose words fill nearly all the slots of a width now and then finds no displacement
  // for some bucket under any seed: the next width halves the load.
  unsigned width = bits_for(1 + s + hashed.size()), seed = 0;
  std::vector<std::uint8_t> displacements;
  for (;; ++width) {
    if (width > kMaxSlotBits) throw std::logic_error("word order: no perfect hash for " + std::to_string(hashed.size()) + " words");
    std::uint64_t slots = (std::uint64_t{1} << width) - 1 - s;
    for (seed = 0; seed < kSeeds; ++seed)
      if (place(hashed, seed, slots, displacements)) break;
    if (seed < kSeeds) break;
  }
  std::uint64_t hashed_slots = (std::uint64_t{1} << width) - 1 - s;
  std::vector<WordSlot> slot_of(distinct.size());
  for (std::size_t i = 0; i < stops.size(); ++i) slot_of[stops[i].second] = static_cast<WordSlot>(1 + i);
  for (std::size_t i = 0; i < hashed.size(); ++i)
    slot_of[hashed_words[i]] = hashed_word_slot(hashed[i], seed, displacements.size(),
                                                [&](std::uint64_t b) { return displacements[b]; }, s, hashed_slots);

  std::string out;
  out.reserve(8 + s + (displacements.size() * kDisplacementBits + (words_.size() + 1) * width) / 8);
  out.push_back(static_cast<char>((width - 1) << 3 | seed));
  put_varint(out, hashed.size());
  put_varint(out, s);
  BitWriter bits(out);
  for (std::size_t i = 0; i < stops.size(); ++i) bits.put_rice(i == 0 ? stops[0].first : stops[i].first - stops[i - 1].first - 1);
  for (auto d : displacements) bits.put(d, kDisplacementBits);
  for (std::size_t i = 0; i <= words_.size(); ++i) {
    if (i == title_size_) bits.put(kSeparator, width);
    if (i < words_.size()) bits.put(slot_of[numbers[i]], width);
  }
  bits.flush();
  return out;
}

void TokenSequence::assign(std::string_view value) {
  stops_.clear();
  size_ = title_size_ = 0;
  buckets_ = hashed_slots_ = 0;
  seed_ = 0;
  width_ = 0;
  if (value.empty()) return;
  auto header = static_cast<unsigned char>(value[0]);
  unsigned width = (header >> 3) + 1;
  if (width > kMaxSlotBits) return;
  value.remove_prefix(1);
  std::uint64_t hashed = 0, s = 0;
  if (!get_varint(value, hashed) || !get_varint(value, s) || s > stop_table().size()) return;
  std::uint64_t slots = std::uint64_t{1} << width;
  if (hashed > slots || 1 + s + hashed > slots) return;
  bytes_.assign(value);
  bytes_.append(8, '\0');  // for bits_at()
  std::size_t bits = value.size() * 8, at = 0;
  // The codes are read from one load while it holds them (a gap of about 7 takes 5 bits); a long
  // one, or one at the end of the bits, by get_rice().
  std::uint64_t word = 0;
  std::size_t loaded = 0;  // bits of `word` not yet read
  for (std::uint64_t i = 0, n = 0; i < s; ++i) {
    std::uint64_t gap = 0;
    if (loaded < 16) word = bits_at(bytes_.data(), at, 56), loaded = 56;
    if (auto ones = static_cast<unsigned>(std::countr_one(word)); ones + 1 + kRiceBits <= loaded &&
                                                                  at + ones + 1 + kRiceBits <= bits) {
      gap = std::uint64_t{ones} << kRiceBits | ((word >> (ones + 1)) & ((1u << kRiceBits) - 1));
      word >>= ones + 1 + kRiceBits;
      loaded -= ones + 1 + kRiceBits;
      at += ones + 1 + kRiceBits;
      if (gap >= stop_table().size()) return stops_.clear();
    } else if (loaded = 0; !get_rice(bytes_.data(), bits, at, gap, stop_table().size())) {
      return stops_.clear();
    }
    n = i == 0 ? gap : n + gap + 1;
    if (n >= stop_table().size()) return stops_.clear();
    stops_.push_back(static_cast<std::uint32_t>(n));
  }
  std::uint64_t buckets = bucket_count(hashed);
  if (buckets * kDisplacementBits > bits - at) return stops_.clear();
  displacements_at_ = at;
  first_ = at + buckets * kDisplacementBits;
  std::size_t n = (bits - first_) / width;
  if (bits - first_ - n * width >= 8) return stops_.clear();  // a spare byte: no writer's value
  seed_ = static_cast<std::uint8_t>(header & (kSeeds - 1));
  width_ = width;
  buckets_ = buckets;
  hashed_slots_ = slots - 1 - s;
  size_ = n;
  title_size_ = find(kSeparator, 0);
  // The zeros after the last word are padding, but for the separator itself.
  while (size_ > title_size_ + 1 && (*this)[size_ - 1] == kSeparator) --size_;
}

WordSlot TokenSequence::operator[](std::size_t i) const {
  return static_cast<WordSlot>(bits_at(bytes_.data(), first_ + i * width_, width_));
}

// Several positions at a time: one 64-bit load holds k whole ones whatever its bit offset, and a
// position equal to `s` is a zero field of (load ^ s repeated), which the carries of a subtraction
// find (the lowest one flagged is exact; any above it may not be).
std::size_t TokenSequence::find(WordSlot s, std::size_t from, std::size_t end) const {
  end = std::min(end, size_);
  unsigned w = width_;
  if (w < 32 && (s >> w) != 0) return end;  // no position holds it
  if (w < 2) {  // one-bit fields leave no room for the carries
    while (from < end && (*this)[from] != s) ++from;
    return std::min(from, end);
  }
  unsigned k = 57 / w;
  std::uint64_t ones = 0, pattern = 0;
  for (unsigned j = 0; j < k; ++j) ones |= std::uint64_t{1} << (j * w);
  pattern = ones * s;  // s < 2^w: no field overflows into the next
  std::uint64_t high = ones << (w - 1);
  for (std::size_t i = from; i < end; i += k) {
    std::uint64_t y = bits_at(bytes_.data(), first_ + i * w, k * w) ^ pattern;
    if (std::uint64_t zero = (y - ones) & ~y & high) return std::min(end, i + std::countr_zero(zero) / w);
  }
  return end;
}

WordSlot TokenSequence::slot(const WordKey& key) const {
  if (key.stop >= 0) {
    auto it = std::lower_bound(stops_.begin(), stops_.end(), static_cast<std::uint32_t>(key.stop));
    return it != stops_.end() && *it == static_cast<std::uint32_t>(key.stop)
               ? static_cast<WordSlot>(1 + (it - stops_.begin()))
               : kNoSlot;
  }
  if (buckets_ == 0) return kNoSlot;
  auto displacement = [&](std::uint64_t b) {
    return static_cast<unsigned>(bits_at(bytes_.data(), displacements_at_ + b * kDisplacementBits, kDisplacementBits));
  };
  return hashed_word_slot(key.hash, seed_, buckets_, displacement, stops_.size(), hashed_slots_);
}

}  // namespace dsearch
