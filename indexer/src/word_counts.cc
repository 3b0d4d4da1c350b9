#include "word_counts.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <queue>
#include <stdexcept>

namespace dsearch {

namespace {

// A run is a sequence of records: varint word length, the word's bytes, varint count.
void put_varint(std::ostream& out, std::uint64_t v) {
  while (v >= 0x80) {
    out.put(static_cast<char>((v & 0x7f) | 0x80));
    v >>= 7;
  }
  out.put(static_cast<char>(v));
}

bool get_varint(std::istream& in, std::uint64_t& v) {
  v = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    int c = in.get();
    if (c == EOF) return false;
    v |= static_cast<std::uint64_t>(c & 0x7f) << shift;
    if (!(c & 0x80)) return true;
  }
  return false;
}

void put_record(std::ostream& out, const std::string& word, std::uint64_t count) {
  put_varint(out, word.size());
  out.write(word.data(), static_cast<std::streamsize>(word.size()));
  put_varint(out, count);
}

// Words are at most a few hundred bytes (the analyzer drops longer ones); a bigger length means a
// damaged run, not a word to allocate for.
constexpr std::uint64_t kMaxRunWord = 1 << 16;

class RunReader {
 public:
  explicit RunReader(const std::string& path) : path_(path), in_(path, std::ios::binary) {
    if (!in_) throw std::runtime_error("cannot read word counts " + path);
    next();
  }
  bool done() const { return done_; }
  const std::string& word() const { return word_; }
  std::uint64_t count() const { return count_; }

  void next() {
    std::uint64_t len;
    if (!get_varint(in_, len)) {
      if (!in_.eof()) fail();
      done_ = true;
      return;
    }
    if (len > kMaxRunWord) fail();
    word_.resize(len);
    if (!in_.read(word_.data(), static_cast<std::streamsize>(len)) || !get_varint(in_, count_)) fail();
  }

 private:
  [[noreturn]] void fail() { throw std::runtime_error("damaged word counts " + path_); }

  std::string path_;
  std::ifstream in_;
  std::string word_;
  std::uint64_t count_ = 0;
  bool done_ = false;
};

}  // namespace

WordCounts::WordCounts(std::string run_prefix, std::size_t max_words)
    : prefix_(std::move(run_prefix)), max_words_(std::max<std::size_t>(1, max_words)) {}

void WordCounts::add(const std::string& word) {
  ++counts_[word];
  if (counts_.size() >= max_words_) spill();
}

void WordCounts::finish() {
  if (!counts_.empty()) spill();
}

void WordCounts::spill() {
  std::vector<const std::pair<const std::string, std::uint32_t>*> sorted;
  sorted.reserve(counts_.size());
  for (const auto& entry : counts_) sorted.push_back(&entry);
  std::sort(sorted.begin(), sorted.end(), [](auto* a, auto* b) { return a->first < b->first; });
  runs_.push_back(write_run([&](std::ostream& out) {
    for (const auto* entry : sorted) put_record(out, entry->first, entry->second);
  }));
  counts_ = {};  // clear() would keep the slot array of the largest size reached
  if (runs_.size() >= kMaxRuns) compact_runs();
}

void WordCounts::compact_runs() {
  std::string merged = write_run([&](std::ostream& out) {
    merge_runs(runs_, [&](const std::string& word, std::uint64_t count) { put_record(out, word, count); });
  });
  for (const auto& run : runs_) std::filesystem::remove(run);
  runs_ = {merged};
}

std::string WordCounts::write_run(const std::function<void(std::ostream&)>& records) {
  std::string path = prefix_ + "." + std::to_string(next_run_++);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  records(out);
  out.close();
  if (!out) throw std::runtime_error("cannot write word counts " + path);
  return path;
}

void merge_runs(const std::vector<std::string>& runs,
                const std::function<void(const std::string&, std::uint64_t)>& fn) {
  std::vector<std::unique_ptr<RunReader>> readers;
  for (const auto& path : runs) readers.push_back(std::make_unique<RunReader>(path));
  auto after = [](const RunReader* a, const RunReader* b) { return a->word() > b->word(); };
  std::priority_queue<RunReader*, std::vector<RunReader*>, decltype(after)> heap(after);
  for (auto& r : readers)
    if (!r->done()) heap.push(r.get());
  std::string word;
  while (!heap.empty()) {
    word = heap.top()->word();
    std::uint64_t count = 0;
    while (!heap.empty() && heap.top()->word() == word) {
      RunReader* r = heap.top();
      heap.pop();
      count += r->count();
      r->next();
      if (!r->done()) heap.push(r);
    }
    fn(word, count);
  }
}

}  // namespace dsearch
