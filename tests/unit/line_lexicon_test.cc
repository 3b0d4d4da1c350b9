// The boilerplate lexicon: tokens and hashes as train.py makes them (the trees were trained on
// Python's scores), a damaged table refused, any bytes scored without reading out of bounds.
#include "../../indexer/src/line_lexicon.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <stdexcept>
#include <string>

namespace dsearch::page_detail {
namespace {

TEST(LineLexicon, TermsMatchTheTrainer) {
  // train.py's line_terms("Sign up, SIGN up!") with 2^18 buckets: sign, up, "sign up", "up sign"
  // and the line's edges "^ sign", "^ sign up", "up $".
  std::vector<uint32_t> got = lexicon_terms("Sign up, SIGN up!", 1u << 18);
  std::vector<uint32_t> want = {2718, 35748, 35748, 48567, 113580, 139569, 199456, 199456, 208657, 208657};
  std::sort(got.begin(), got.end());
  std::sort(want.begin(), want.end());
  EXPECT_EQ(got, want);
  // Bytes >= 0x80 are word bytes: "café", "©" and "2024" are three words, so two pairs and three
  // edge terms.
  EXPECT_EQ(lexicon_terms("caf\xC3\xA9 \xC2\xA9 2024", 1u << 18).size(), 8u);
  EXPECT_TRUE(lexicon_terms(" ,;- ", 1u << 18).empty());
}

TEST(LineLexicon, ScoresNormalisedCounts) {
  // "subscribe", "now", "subscribe now", "^ subscribe", "now $" and "^ subscribe now" fall in
  // buckets 3, 7, 11, 13, 3 and 1 of 16: counts 2 1 1 1 1, norm sqrt(8).
  LineLexicon lex = LineLexicon::parse("# test\nbuckets 16\nbias -1\nweights 3\n3 2\n7 1\n11 3\n");
  EXPECT_NEAR(lex.score("Subscribe NOW"), -1 + (2 * 2 + 1 + 3) / std::sqrt(8.0), 1e-6);
  EXPECT_NEAR(lex.score("..."), -1, 1e-9);
}

TEST(LineLexicon, RefusesDamagedLexicons) {
  const struct {
    const char* why;
    std::string text;
  } cases[] = {
      {"empty", ""},
      {"no header", "3 0.5\n"},
      {"no buckets", "buckets 0\nbias 0\nweights 0\n"},
      {"too many buckets", "buckets 99999999999\nbias 0\nweights 0\n"},
      {"more weights than buckets", "buckets 2\nbias 0\nweights 3\n0 1\n1 1\n2 1\n"},
      {"truncated", "buckets 16\nbias 0\nweights 2\n3 1\n"},
      {"bucket out of range", "buckets 16\nbias 0\nweights 1\n16 1\n"},
      {"negative bucket", "buckets 16\nbias 0\nweights 1\n-1 1\n"},
      {"buckets out of order", "buckets 16\nbias 0\nweights 2\n5 1\n3 1\n"},
      {"repeated bucket", "buckets 16\nbias 0\nweights 2\n5 1\n5 1\n"},
      {"not a number", "buckets 16\nbias 0\nweights 1\n5 x\n"},
      {"infinite weight", "buckets 16\nbias 0\nweights 1\n5 1e999\n"},
      {"trailing text", "buckets 16\nbias 0\nweights 1\n5 1\n6 1\n"},
  };
  for (const auto& c : cases) EXPECT_THROW(LineLexicon::parse(c.text), std::runtime_error) << c.why;
}

TEST(LineLexicon, ScoresAnyBytes) {
  LineLexicon lex = LineLexicon::parse("buckets 7\nbias 0.5\nweights 2\n0 1\n6 -1\n");
  std::mt19937 rng(3);
  for (int n = 0; n < 2000; ++n) {
    std::string s(rng() % 64, '\0');
    for (char& c : s) c = static_cast<char>(rng());
    EXPECT_TRUE(std::isfinite(lex.score(s)));
  }
}

TEST(LineLexicon, ShippedLexiconLoads) {
  // The shipped trees read lexical scores; without the lexicon they would all be 0.
  EXPECT_NE(LineLexicon::active(), nullptr)
      << "indexer/data/boilerplate_lexicon.txt is missing or DSEARCH_BOILERPLATE_LEXICON=none";
}

}  // namespace
}  // namespace dsearch::page_detail
