// Where the words of a text are: Unicode word segmentation (UAX #29, ICU's rules), with the
// stretches of a text made of ASCII and Latin letters (U+00C0..U+027F) done by hand. ICU's break
// iterator was most of the cost of the analysis chain on English news, and on Finnish news, whose
// words are full of ä and ö, it still was; between two spaces, letters, digits and the few
// punctuation marks that can join them follow a handful of rules that are easy to apply exactly.
// Any stretch holding another character goes to ICU. tests/unit/word_segmenter_test.cc holds the
// two equal on the corpora and on random text, and fuzz/fuzz_analyzer.cc on arbitrary text.
#pragma once

#include <unicode/brkiter.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <string_view>

namespace dsearch {

class WordSegmenter {
 public:
  WordSegmenter();
  ~WordSegmenter();
  WordSegmenter(WordSegmenter&&) noexcept;
  WordSegmenter& operator=(WordSegmenter&&) noexcept;

  // Calls fn(begin, end) with the byte offsets of each word (letters or digits; ICU's rule status
  // UBRK_WORD_NUMBER or above) of `text`, valid UTF-8, in order.
  void words(std::string_view text, const std::function<void(std::uint32_t, std::uint32_t)>& fn);

  // The same with ICU alone, for the tests that hold the two equal.
  void icu_words(std::string_view text, const std::function<void(std::uint32_t, std::uint32_t)>& fn);

 private:
  void icu_span(std::string_view text, std::size_t from, std::size_t to,
                const std::function<void(std::uint32_t, std::uint32_t)>& fn);

  std::unique_ptr<icu::BreakIterator> icu_;
};

}  // namespace dsearch
