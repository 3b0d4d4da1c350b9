#include "dsearch/token_sequence.h"

#include <endian.h>
#include <xxhash.h>

#include <algorithm>
#include <cstring>
#include <utility>

namespace dsearch {
namespace {

// Every seed is tried at each width below kMaxWidth before the next width, and at kMaxWidth
// before settling for the seed under which the fewest words share a hash. A document of a few
// hundred distinct words gets a seed without any at 16 bits within a try or two; one of a thousand
// or more hardly ever does, so past kManyWords the first seed does.
constexpr std::size_t kManyWords = 2000;

// A seed gives n words distinct hashes among 2^w with a probability of about exp(-n^2 / 2^(w+1)):
// starting where that is about e^-2 finds one within kSeeds tries nine times in ten, and
// the next width almost always does.
unsigned first_width(std::size_t distinct) {
  double wanted = static_cast<double>(distinct) * static_cast<double>(distinct) / 4;
  unsigned w = kMinWidth;
  while (w < kMaxWidth && static_cast<double>(1u << w) < wanted) ++w;
  return w;
}

// How many of the distinct `words` share their hash with another under `seed` and `width`. `seen`
// is a 65,536-bit set, clear on entry and cleared again on return: clearing only the bits this
// document set keeps a short item from paying for a memset of the whole 8 KB per seed.
std::size_t shared_hashes(const std::vector<std::uint64_t>& words, std::uint8_t seed, unsigned width,
                          std::uint64_t* seen) {
  std::size_t shared = 0;
  for (auto w : words) {
    TokenHash h = token_hash(w, seed, width);
    std::uint64_t bit = std::uint64_t{1} << (h & 63);
    shared += (seen[h >> 6] & bit) != 0;
    seen[h >> 6] |= bit;
  }
  for (auto w : words) seen[token_hash(w, seed, width) >> 6] = 0;
  return shared;
}

struct Choice {
  std::uint8_t seed = 0;
  unsigned width = kMaxWidth;
};

Choice choose(std::vector<std::uint64_t> words) {
  std::sort(words.begin(), words.end());
  words.erase(std::unique(words.begin(), words.end()), words.end());
  if (words.size() > kManyWords) return {};
  thread_local std::vector<std::uint64_t> seen(65536 / 64);  // one per thread, not per document
  for (unsigned w = first_width(words.size()); w < kMaxWidth; ++w)
    for (unsigned s = 0; s < kSeeds; ++s)
      if (shared_hashes(words, static_cast<std::uint8_t>(s), w, seen.data()) == 0)
        return {static_cast<std::uint8_t>(s), w};
  Choice best;
  std::size_t fewest = words.size() + 1;
  for (unsigned s = 0; s < kSeeds && fewest > 0; ++s) {
    std::size_t shared = shared_hashes(words, static_cast<std::uint8_t>(s), kMaxWidth, seen.data());
    if (shared < fewest) {
      fewest = shared;
      best.seed = static_cast<std::uint8_t>(s);
    }
  }
  return best;
}

// Appends `width`-bit values to a string, least significant bit first.
class BitWriter {
 public:
  BitWriter(std::string& out, unsigned width) : out_(out), width_(width) {}
  void put(TokenHash h) {
    bits_ |= std::uint64_t{h} << count_;
    for (count_ += width_; count_ >= 8; count_ -= 8, bits_ >>= 8) out_.push_back(static_cast<char>(bits_ & 0xFF));
  }
  void flush() {
    if (count_ > 0) out_.push_back(static_cast<char>(bits_ & 0xFF));
  }

 private:
  std::string& out_;
  unsigned width_;
  std::uint64_t bits_ = 0;
  unsigned count_ = 0;
};

// The n `W`-bit values packed in `bytes`, least significant bit first. A phrase unpacks every
// document that holds its words: whole 64-bit loads where eight bytes remain, bytes at the end,
// and the width a constant, so that the compiler unrolls the shifts.
template <unsigned W>
void unpack(std::string_view bytes, TokenHash* out, std::size_t n) {
  constexpr std::uint64_t kMask = (std::uint64_t{1} << W) - 1;
  std::size_t i = 0;
  const std::size_t whole = bytes.size() < 8 ? 0 : ((bytes.size() - 8) * 8) / W + 1;  // 8 bytes from its first
  for (std::size_t end = std::min(n, whole); i < end; ++i) {
    std::uint64_t word;
    std::memcpy(&word, bytes.data() + ((i * W) >> 3), sizeof word);
    out[i] = static_cast<TokenHash>((le64toh(word) >> ((i * W) & 7)) & kMask);
  }
  auto byte = [&](std::size_t k) -> std::uint64_t {
    return k < bytes.size() ? static_cast<unsigned char>(bytes[k]) : 0;
  };
  for (; i < n; ++i) {
    std::size_t at = (i * W) >> 3;
    std::uint64_t word = byte(at) | byte(at + 1) << 8 | byte(at + 2) << 16;
    out[i] = static_cast<TokenHash>((word >> ((i * W) & 7)) & kMask);
  }
}

template <unsigned... Ws>
void unpack_any(std::string_view bytes, unsigned width, TokenHash* out, std::size_t n,
                std::integer_sequence<unsigned, Ws...>) {
  ((width == kMinWidth + Ws ? unpack<kMinWidth + Ws>(bytes, out, n) : void()), ...);
}

void unpack(std::string_view bytes, unsigned width, TokenHash* out, std::size_t n) {
  unpack_any(bytes, width, out, n, std::make_integer_sequence<unsigned, kMaxWidth - kMinWidth + 1>());
}

}  // namespace

std::uint64_t term_hash(std::string_view term) { return XXH3_64bits(term.data(), term.size()); }

TokenHash token_hash(std::uint64_t term_hash, std::uint8_t seed, unsigned width) {
  // SplitMix64's finalizer over the term's hash and the seed: each seed is another hash, whose
  // top `width` bits are taken.
  std::uint64_t x = term_hash + (std::uint64_t{seed} + 1) * 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  auto h = static_cast<TokenHash>((x ^ (x >> 31)) >> (64 - width));
  return h == kSeparator ? TokenHash{1} : h;
}

std::string TokenSequenceWriter::value() const {
  Choice c = choose(words_);
  std::string out;
  out.reserve(kTokenHeaderBytes + (c.width * (words_.size() + 1) + 7) / 8);
  out.push_back(static_cast<char>((c.width - kMinWidth) << 4 | c.seed));
  BitWriter bits(out, c.width);
  for (std::size_t i = 0; i <= words_.size(); ++i) {
    if (i == title_size_) bits.put(kSeparator);
    if (i < words_.size()) bits.put(token_hash(words_[i], c.seed, c.width));
  }
  bits.flush();
  return out;
}

void TokenSequence::assign(std::string_view value) {
  hashes_.clear();
  title_size_ = 0;
  seed_ = 0;
  width_ = kMaxWidth;
  if (value.size() < kTokenHeaderBytes + 1) return;
  auto header = static_cast<unsigned char>(value[0]);
  unsigned width = kMinWidth + (header >> 4);
  if (width > kMaxWidth) return;
  auto seed = static_cast<std::uint8_t>(header & 0xF);
  value.remove_prefix(kTokenHeaderBytes);
  std::size_t n = value.size() * 8 / width;
  if (value.size() * 8 - n * width >= 8) return;  // a spare byte: no writer's value
  seed_ = seed;
  width_ = width;
  hashes_.resize(n);
  unpack(value, width, hashes_.data(), n);
  while (title_size_ < n && hashes_[title_size_] != kSeparator) ++title_size_;
}

}  // namespace dsearch
