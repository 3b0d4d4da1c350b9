// The wording signal of the boilerplate line model: a logistic regression over a line's hashed
// words and word pairs, trained by tools/boilerplate_model/train.py and shipped as
// indexer/data/boilerplate_lexicon.txt. It catches the prose that reads like an article but is
// not one (bios, comment policies, newsletter appeals, cookie notices), which the shape features
// cannot tell apart. Tokens and hash are defined so that train.py reproduces them exactly.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace dsearch::page_detail {

class LineLexicon {
 public:
  // Parses the text format written by train.py; throws std::runtime_error on a malformed table.
  static LineLexicon parse(std::string_view text);

  // The lexicon dindex uses: $DSEARCH_BOILERPLATE_LEXICON when set (a file; "none" for no
  // lexicon), else the embedded one. Null for "none" or when none is embedded.
  static const LineLexicon* active();

  // The log-odds that `line` is article text, judged by its wording alone. Any bytes are fine.
  double score(std::string_view line) const;

 private:
  float bias_ = 0;
  std::vector<float> weights_;  // one per bucket, 0 for buckets the file leaves out
};

// The hash buckets (out of `buckets`) of a line's terms, hashed with 32-bit FNV-1a: its
// ASCII-lowercased words (runs of [0-9a-z] and bytes >= 0x80), each pair of neighbouring words
// joined by a space, "^ first", "^ first second" and "last $". Exposed for the tests.
std::vector<uint32_t> lexicon_terms(std::string_view line, uint32_t buckets);

}  // namespace dsearch::page_detail
