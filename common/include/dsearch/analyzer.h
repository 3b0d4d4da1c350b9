// The one analysis chain used at index time, query time and snippet time, so that a word that
// matched is a word that gets highlighted:
//   ICU word segmentation (every script; dictionary-based for Chinese, Japanese, Thai)
//   -> fold: NFKC case folding, possessive "'s" dropped, elisions ("l'") dropped,
//      inner apostrophes and abbreviation dots removed ("U.S." -> "us")
//   -> Snowball stem of the article's language (Xapian::Stem)
//   -> accents stripped from the stem (so "São" and "Sao" meet, and Finnish "ä" still stems).
// English articles do not index English stopwords as terms (a sixth of all postings, and the
// costliest for Xapian to invert; document_terms.h); all words stay in the word order
// (token_sequence.h), where phrases like "Workers' Party of Korea" find them. Queries drop
// stopwords outside phrases.
//
// An Analyzer holds an ICU break iterator and is not thread-safe: use one per thread.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "dsearch/word_set.h"

namespace dsearch {

struct Token {
  std::string_view raw;  // the word as it appears in the text
  std::string folded;    // folded, unstemmed, accents kept: stopword lists and spelling use it
  std::string term;      // what is indexed and matched: stem of `folded`, accents stripped
  uint32_t begin = 0;    // byte offsets of `raw` in the analysed text
  uint32_t end = 0;
};

class Analyzer {
 public:
  // `lang` is an ISO 639-1 code. A language without a Snowball stemmer folds but does not stem.
  explicit Analyzer(std::string_view lang = "en");
  ~Analyzer();
  Analyzer(Analyzer&&) noexcept;
  Analyzer& operator=(Analyzer&&) noexcept;

  const std::string& lang() const;

  // Calls `fn` for each word of `text` (valid UTF-8) in order; spaces and punctuation are
  // skipped, and so are words whose term would be empty or longer than kMaxWordBytes.
  void tokenize(std::string_view text, const std::function<void(const Token&)>& fn);

  // All words of `text`, for callers that want a vector.
  std::vector<Token> tokens(std::string_view text);

  // The chain for one word that is already segmented.
  std::string fold(std::string_view word) const;
  std::string stem(std::string_view folded) const;  // folded -> term

  bool is_stopword(std::string_view folded) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The language an article is analysed in: its own, or English when it has none. The index's list
// of languages (schema::kMetaLangs) names this one, so that queries find the article's terms.
inline std::string analysis_language(std::string_view lang) { return lang.empty() ? "en" : std::string(lang); }

// Words longer than this (in UTF-8 bytes) are not indexed: they are junk (base64, URLs glued
// together) and Xapian limits term length.
inline constexpr std::size_t kMaxWordBytes = 64;

// The stopword list of stopwords/<lang>.txt (folded), or an empty set.
const WordSet& stopwords(std::string_view lang);

// Languages with a stopword list in stopwords/.
std::vector<std::string> stopword_languages();

// Whether Xapian has a Snowball stemmer for `lang` (ISO 639-1).
bool has_stemmer(std::string_view lang);

}  // namespace dsearch
