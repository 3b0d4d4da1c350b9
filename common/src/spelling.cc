#include "dsearch/spelling.h"

#include <unicode/utf8.h>
#include <zstd.h>

#include <algorithm>
#include <iterator>
#include <memory>
#include <stdexcept>
#include <tuple>

#include "dsearch/schema.h"
#include "dsearch/varint.h"

namespace dsearch::spelling {
namespace {

constexpr char kFormat = 1;  // version of the value layout below; bump on any change
// A first build packs each length once, hard; later runs repack the lengths they touch at every
// commit, so faster.
constexpr int kBuildLevel = 9, kUpdateLevel = 3;
// More than any length's words would take (1M articles: some 2 MB); a larger size is damage.
constexpr std::uint64_t kMaxEntriesBytes = 256u << 20;

[[noreturn]] void damaged(const char* what) { throw std::runtime_error(std::string("damaged spelling data: ") + what); }

void append_entry(std::string& out, std::string_view last, std::string_view word, std::uint64_t count) {
  std::size_t shared = 0;
  while (shared < last.size() && shared < word.size() && last[shared] == word[shared]) ++shared;
  put_varint(out, shared);
  put_varint(out, word.size() - shared);
  out.append(word.substr(shared));
  put_varint(out, count);
}

std::string pack(const std::string& entries, int level) {
  // unpack would refuse it as damage, and the next run replace it
  if (entries.size() > kMaxEntriesBytes) throw std::runtime_error("spelling data of one length past 256 MB");
  std::string out(1 + ZSTD_compressBound(entries.size()), kFormat);
  std::size_t n = ZSTD_compress(out.data() + 1, out.size() - 1, entries.data(), entries.size(), level);
  if (ZSTD_isError(n)) throw std::runtime_error(std::string("cannot pack spelling data: ") + ZSTD_getErrorName(n));
  out.resize(1 + n);
  return out;
}

std::string unpack(std::string_view value) {
  if (value.empty() || value[0] != kFormat) damaged("unknown format");
  value.remove_prefix(1);
  unsigned long long size = ZSTD_getFrameContentSize(value.data(), value.size());
  if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN || size > kMaxEntriesBytes)
    damaged("bad frame");
  // One context per thread: ZSTD_decompress makes and frees one each time, about 100 KB, which
  // glibc maps and unmaps, and a suggestion unpacks five lengths.
  thread_local std::unique_ptr<ZSTD_DCtx, std::size_t (*)(ZSTD_DCtx*)> context(ZSTD_createDCtx(), ZSTD_freeDCtx);
  std::string entries(size, '\0');
  std::size_t n = ZSTD_decompressDCtx(context.get(), entries.data(), entries.size(), value.data(), value.size());
  if (ZSTD_isError(n) || n != size) damaged("bad frame");
  return entries;
}

// Calls fn(word, count) for each entry of a value, in order.
template <class Fn>
void for_each_word(std::string_view value, Fn&& fn) {
  std::string entries = unpack(value);
  std::string_view in = entries;
  std::string word;
  while (!in.empty()) {
    std::uint64_t shared = 0, suffix = 0, count = 0;
    if (!get_varint(in, shared) || !get_varint(in, suffix) || shared > word.size() || suffix > in.size())
      damaged("bad entry");
    word.resize(shared);
    word.append(in.substr(0, suffix));
    in.remove_prefix(suffix);
    if (!get_varint(in, count)) damaged("bad count");
    fn(word, count);
  }
}

// Which of 64 classes of characters `s` has: a word whose classes differ from another's in more
// than k is more than k edits from it (an edit adds or removes one character, hence at most one
// class), which rules out most words without the distance. Computed without decoding the word:
// the classes alone rule out nearly every word of a length (2 of 3 ms of a suggestion decoded).
std::uint64_t classes(std::string_view s) {
  std::uint64_t classes = 0;
  for (int32_t i = 0, n = static_cast<int32_t>(s.size()); i < n;) {
    auto byte = static_cast<unsigned char>(s[i]);
    if (byte < 0x80) {
      classes |= std::uint64_t{1} << (byte % 64);
      ++i;
      continue;
    }
    UChar32 c;
    U8_NEXT(s.data(), i, n, c);
    classes |= std::uint64_t{1} << ((c < 0 ? 0xFFFD : c) % 64);
  }
  return classes;
}

// The characters of `s` into `out`, U+FFFD for a byte that is not UTF-8.
void characters(std::string_view s, std::vector<char32_t>& out) {
  out.clear();
  for (int32_t i = 0, n = static_cast<int32_t>(s.size()); i < n;) {
    UChar32 c;
    U8_NEXT(s.data(), i, n, c);
    out.push_back(c < 0 ? 0xFFFD : static_cast<char32_t>(c));
  }
}

// Whether `bits` has more than `k` bits set: k clears of the lowest bit, not a popcount, which
// this build (no POPCNT instruction assumed) makes a library call.
bool more_than(std::uint64_t bits, std::size_t k) {
  for (; k > 0 && bits != 0; --k) bits &= bits - 1;
  return bits != 0;
}

// Whether the words of classes `a` and `b` are more than k edits apart by their classes alone.
bool classes_apart(std::uint64_t a, std::uint64_t b, std::size_t k) {
  return more_than(a & ~b, k) || more_than(b & ~a, k);
}

// Optimal string alignment distance (Levenshtein with swaps of neighbours), or limit + 1 once
// it is sure to be more than `limit`. Three rows, reused across calls.
class Distance {
 public:
  std::size_t operator()(const std::vector<char32_t>& a, const std::vector<char32_t>& b, std::size_t limit) {
    std::size_t n = a.size(), m = b.size();
    if ((n > m ? n - m : m - n) > limit) return limit + 1;
    for (auto* row : {&before_, &prev_, &cur_}) row->assign(m + 1, 0);
    for (std::size_t j = 0; j <= m; ++j) prev_[j] = j;
    for (std::size_t i = 1; i <= n; ++i) {
      cur_[0] = i;
      std::size_t best = i;
      for (std::size_t j = 1; j <= m; ++j) {
        std::size_t v = std::min({prev_[j] + 1, cur_[j - 1] + 1, prev_[j - 1] + (a[i - 1] != b[j - 1])});
        if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) v = std::min(v, before_[j - 2] + 1);
        cur_[j] = v;
        best = std::min(best, v);
      }
      if (best > limit) return limit + 1;
      std::swap(before_, prev_);
      std::swap(prev_, cur_);
    }
    return std::min(prev_[m], limit + 1);
  }

 private:
  std::vector<std::size_t> before_, prev_, cur_;
};

std::vector<WordCount> read_bucket(const Xapian::Database& db, std::size_t length) {
  std::string value = db.get_metadata(key(length));
  return value.empty() ? std::vector<WordCount>() : decode(value);
}

}  // namespace

std::size_t length(std::string_view word) {
  std::size_t n = 0;
  for (int32_t i = 0, size = static_cast<int32_t>(word.size()); i < size; ++n) {
    UChar32 c;
    U8_NEXT(word.data(), i, size, c);
  }
  return n;
}

std::string key(std::size_t length) { return std::string(schema::kMetaSpelling) + std::to_string(length); }

namespace {

std::string encode_at(const std::vector<WordCount>& sorted, int level) {
  std::string entries;
  std::string_view last;
  for (const auto& w : sorted) {
    append_entry(entries, last, w.word, w.count);
    last = w.word;
  }
  return pack(entries, level);
}

}  // namespace

std::string encode(const std::vector<WordCount>& sorted) { return encode_at(sorted, kBuildLevel); }

std::vector<WordCount> decode(std::string_view value) {
  std::vector<WordCount> out;
  for_each_word(value, [&](const std::string& w, std::uint64_t c) { out.push_back({w, c}); });
  return out;
}

void Builder::add(std::string_view word, std::uint64_t count) {
  Bucket& b = buckets_[length(word)];
  if (!b.entries.empty() && word <= b.last) throw std::invalid_argument("spelling words out of order");
  append_entry(b.entries, b.last, word, count);
  b.last = word;
}

std::vector<std::pair<std::string, std::string>> Builder::finish() {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& [len, bucket] : buckets_) out.emplace_back(key(len), pack(bucket.entries, kBuildLevel));
  buckets_.clear();
  return out;
}

void add_counts(Xapian::WritableDatabase& db, std::vector<WordCount> counts) {
  std::vector<std::pair<std::size_t, WordCount>> by_length;
  by_length.reserve(counts.size());
  for (auto& c : counts) by_length.emplace_back(length(c.word), std::move(c));
  std::sort(by_length.begin(), by_length.end(), [](const auto& x, const auto& y) {
    return std::tie(x.first, x.second.word) < std::tie(y.first, y.second.word);
  });
  for (auto group = by_length.begin(); group != by_length.end();) {
    auto end = std::find_if(group, by_length.end(), [&](const auto& x) { return x.first != group->first; });
    std::vector<WordCount> old;
    try {
      old = read_bucket(db, group->first);
    } catch (const std::runtime_error&) {
      // Damaged suggestions are not worth failing a run for: the new counts take their place.
    }
    std::vector<WordCount> merged;
    merged.reserve(old.size() + static_cast<std::size_t>(end - group));
    auto o = old.begin();
    for (auto g = group; g != end; ++g) {
      for (; o != old.end() && o->word < g->second.word; ++o) merged.push_back(std::move(*o));
      std::uint64_t before = (o != old.end() && o->word == g->second.word) ? (o++)->count : 0;
      merged.push_back({g->second.word, before + g->second.count});
    }
    std::move(o, old.end(), std::back_inserter(merged));
    db.set_metadata(key(group->first), encode_at(merged, kUpdateLevel));
    group = end;
  }
}

bool present(const Xapian::Database& db) {
  auto it = db.metadata_keys_begin(std::string(schema::kMetaSpelling));
  return it != db.metadata_keys_end(std::string(schema::kMetaSpelling));
}

std::uint64_t frequency(const Xapian::Database& db, std::string_view word) {
  for (const auto& w : read_bucket(db, length(word)))
    if (w.word == word) return w.count;
  return 0;
}

std::string suggest(const Xapian::Database& db, std::string_view word) {
  std::vector<char32_t> target, candidate;
  characters(word, target);
  std::uint64_t target_classes = classes(word);
  std::size_t n = target.size();
  std::size_t limit = n <= 4 ? 1 : 2;
  if (n == 0) return {};
  std::string best;
  bool known = false;
  std::size_t best_distance = limit + 1;
  std::uint64_t best_count = 0;
  Distance distance;
  // The word's own length first: a word in the data is known, and suggests nothing.
  std::vector<std::size_t> lengths = {n};
  for (std::size_t len = n > limit ? n - limit : 1; len <= n + limit; ++len)
    if (len != n) lengths.push_back(len);
  for (std::size_t len : lengths) {
    if (known) break;
    std::string value = db.get_metadata(key(len));
    if (value.empty()) continue;
    try {
      for_each_word(value, [&](const std::string& w, std::uint64_t count) {
        if (w == word) known = true;
        if (known) return;
        std::size_t cutoff = std::min(limit, best_distance);
        if (classes_apart(target_classes, classes(w), cutoff)) return;
        characters(w, candidate);
        std::size_t d = distance(target, candidate, cutoff);
        if (d < best_distance || (d == best_distance && d <= limit && count > best_count)) {
          best = w;
          best_distance = d;
          best_count = count;
        }
      });
    } catch (const std::runtime_error&) {
      // a damaged length suggests nothing; the others still can
    }
  }
  return known ? std::string() : best;
}

}  // namespace dsearch::spelling
