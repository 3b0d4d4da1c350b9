#include "dsearch/token_sequence.h"

#include <xxhash.h>

#include <algorithm>

namespace dsearch {
namespace {

// Seeds tried before settling for the one under which the fewest words share a hash. A document
// of a few hundred distinct words gets a seed without any within a try or two; one of a thousand
// or more hardly ever does, so past kManyWords the first seed does.
constexpr int kSeedTries = 64;
constexpr std::size_t kManyWords = 2000;

// How many of the distinct `words` share their hash with another under `seed`. `seen` is a
// 65,536-bit set, clear on entry and cleared again on return: clearing only the bits this
// document set keeps a short item from paying for a memset of the whole 8 KB per seed.
std::size_t shared_hashes(const std::vector<std::uint64_t>& words, std::uint8_t seed, std::uint64_t* seen) {
  std::size_t shared = 0;
  for (auto w : words) {
    TokenHash h = token_hash(w, seed);
    std::uint64_t bit = std::uint64_t{1} << (h & 63);
    shared += (seen[h >> 6] & bit) != 0;
    seen[h >> 6] |= bit;
  }
  for (auto w : words) seen[token_hash(w, seed) >> 6] = 0;
  return shared;
}

std::uint8_t choose_seed(std::vector<std::uint64_t> words) {
  std::sort(words.begin(), words.end());
  words.erase(std::unique(words.begin(), words.end()), words.end());
  if (words.size() > kManyWords) return 0;
  thread_local std::vector<std::uint64_t> seen(65536 / 64);  // one per thread, not per document
  std::uint8_t best = 0;
  std::size_t fewest = words.size() + 1;
  for (int s = 0; s < kSeedTries && fewest > 0; ++s) {
    std::size_t shared = shared_hashes(words, static_cast<std::uint8_t>(s), seen.data());
    if (shared < fewest) {
      fewest = shared;
      best = static_cast<std::uint8_t>(s);
    }
  }
  return best;
}

void put(std::string& out, TokenHash h) {
  out.push_back(static_cast<char>(h & 0xFF));
  out.push_back(static_cast<char>(h >> 8));
}

}  // namespace

std::uint64_t term_hash(std::string_view term) { return XXH3_64bits(term.data(), term.size()); }

TokenHash token_hash(std::uint64_t term_hash, std::uint8_t seed) {
  // SplitMix64's finalizer over the term's hash and the seed: each seed is another 16-bit hash.
  std::uint64_t x = term_hash + (std::uint64_t{seed} + 1) * 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  auto h = static_cast<TokenHash>((x ^ (x >> 31)) >> 48);
  return h == kSeparator ? TokenHash{1} : h;
}

std::string TokenSequenceWriter::value() const {
  std::uint8_t seed = choose_seed(words_);
  std::string out;
  out.reserve(2 + 2 * (words_.size() + 1));
  out.push_back(static_cast<char>(kTokenSequenceVersion));
  out.push_back(static_cast<char>(seed));
  for (std::size_t i = 0; i <= words_.size(); ++i) {
    if (i == title_size_) put(out, kSeparator);
    if (i < words_.size()) put(out, token_hash(words_[i], seed));
  }
  return out;
}

TokenSequence::TokenSequence(std::string_view value) {
  if (value.size() < 2 || static_cast<unsigned char>(value[0]) != kTokenSequenceVersion) return;
  seed_ = static_cast<std::uint8_t>(value[1]);
  value.remove_prefix(2);
  if (value.size() % 2 != 0) return;  // cut short: trust none of it
  hashes_ = value.data();
  size_ = value.size() / 2;
  while (title_size_ < size_ && (*this)[title_size_] != kSeparator) ++title_size_;
}

}  // namespace dsearch
