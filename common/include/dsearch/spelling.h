// "Did you mean" data: the index's words with the number of articles that hold them, in metadata
// (schema::kMetaSpelling), one entry per word length in characters, each a front-coded list packed
// with zstd. Xapian's spelling table keeps a B-tree of every word's n-gram fragments, deflated
// and rewritten as words come: writing it was a fifth of a first build's time and 8% of the mix's
// index (bench/SPEED.md). A suggestion is only wanted for a query word no article holds, and
// scanning the words of the few lengths it can be a typo of takes milliseconds.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace dsearch::spelling {

struct WordCount {
  std::string word;
  std::uint64_t count = 0;
  bool operator==(const WordCount&) const = default;
};

// Characters (code points) in a UTF-8 word; a byte that starts none counts as one.
std::size_t length(std::string_view word);

// The metadata key of the words of `length` characters.
std::string key(std::size_t length);

// One length's words, in byte order, as a metadata value, and back. decode throws
// std::runtime_error when the value is damaged.
std::string encode(const std::vector<WordCount>& sorted);
std::vector<WordCount> decode(std::string_view value);

// The metadata of a first build, from words given in byte order (merge_runs gives them so). It
// holds the encoded lists until finish: a few bytes a word, some 10 MB for a vocabulary of 1M
// words (WordCounts bounds the counting, not this).
class Builder {
 public:
  void add(std::string_view word, std::uint64_t count);
  // (key, value) for every length seen.
  std::vector<std::pair<std::string, std::string>> finish();

 private:
  struct Bucket {
    std::string entries;  // encoded, not yet packed
    std::string last;
  };
  std::map<std::size_t, Bucket> buckets_;
};

// Adds `counts` (words in any order, each once) to the index's data, as later runs do. A length
// whose data is damaged gets the new counts alone: suggestions are not worth failing a run for.
void add_counts(Xapian::WritableDatabase& db, std::vector<WordCount> counts);

// Whether the index has spelling data (dindex --no-spelling builds none).
bool present(const Xapian::Database& db);

// The count of `word`, 0 when it has none.
std::uint64_t frequency(const Xapian::Database& db, std::string_view word);

// The word fewest edits from `word` (inserting, deleting or changing a character, or swapping two
// neighbours), the most frequent among equals: at most two edits, one for words of four
// characters or fewer, where two would turn "cat" into "man". "" when there is none, or when
// `word` is itself in the data.
std::string suggest(const Xapian::Database& db, std::string_view word);

}  // namespace dsearch::spelling
