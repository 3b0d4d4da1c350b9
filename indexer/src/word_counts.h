// Word counts over a whole build in bounded memory (the spelling data of a first build). Past a
// number of distinct words the counts go to disk as a sorted run and memory starts afresh; the
// runs are merged at the end. A first build of 1M articles held every distinct word of the corpus
// in a map per thread, which grows with the vocabulary however large the corpus.
#pragma once

#include <cstdint>
#include <functional>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "dsearch/word_set.h"

namespace dsearch {

class WordCounts {
 public:
  // Runs are written to `run_prefix` + ".N"; at most `max_words` distinct words stay in memory.
  WordCounts(std::string run_prefix, std::size_t max_words);

  void add(const std::string& word);
  // Writes what is still in memory to a run: afterwards runs() holds every count.
  void finish();
  const std::vector<std::string>& runs() const { return runs_; }

 private:
  void spill();
  void compact_runs();
  // Writes a new run with `records` and returns its path.
  std::string write_run(const std::function<void(std::ostream&)>& records);

  // Runs a counter keeps before merging them into one: the final merge (merge_shards) opens every
  // run of every shard at once.
  static constexpr std::size_t kMaxRuns = 32;

  std::string prefix_;
  std::size_t max_words_;
  WordMap<std::uint32_t> counts_;
  std::vector<std::string> runs_;
  std::size_t next_run_ = 0;  // runs are numbered in the order written, never reused
};

// Calls `fn(word, count)` for every word of the runs once, in byte order, with its counts summed.
// Throws std::runtime_error when a run cannot be read or is damaged.
void merge_runs(const std::vector<std::string>& runs,
                const std::function<void(const std::string&, std::uint64_t)>& fn);

}  // namespace dsearch
