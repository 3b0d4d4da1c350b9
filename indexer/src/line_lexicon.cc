#include "line_lexicon.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>

#include "indexer_data.h"

namespace dsearch::page_detail {
namespace {

constexpr uint32_t kFnvBasis = 0x811C9DC5u, kFnvPrime = 0x01000193u;
constexpr uint32_t kMaxBuckets = 1u << 24;

[[noreturn]] void malformed(const std::string& what) {
  throw std::runtime_error("malformed boilerplate lexicon: " + what);
}

bool word_byte(unsigned char c) {
  return c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

uint32_t fnv(uint32_t h, std::string_view s) {
  for (unsigned char c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<unsigned char>(c + ('a' - 'A'));
    h = (h ^ c) * kFnvPrime;
  }
  return h;
}

LineLexicon load_file(const char* path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(std::string("cannot read boilerplate lexicon ") + path);
  std::stringstream ss;
  ss << in.rdbuf();
  return LineLexicon::parse(ss.str());
}

}  // namespace

std::vector<uint32_t> lexicon_terms(std::string_view line, uint32_t buckets) {
  std::vector<uint32_t> terms;
  std::string_view first, second, prev;
  for (std::size_t i = 0; i < line.size();) {
    while (i < line.size() && !word_byte(static_cast<unsigned char>(line[i]))) ++i;
    std::size_t start = i;
    while (i < line.size() && word_byte(static_cast<unsigned char>(line[i]))) ++i;
    if (start == i) break;
    std::string_view word = line.substr(start, i - start);
    terms.push_back(fnv(kFnvBasis, word) % buckets);
    if (!prev.empty()) terms.push_back(fnv(fnv(fnv(kFnvBasis, prev), " "), word) % buckets);
    if (first.empty())
      first = word;
    else if (second.empty())
      second = word;
    prev = word;
  }
  // How a line starts and ends says much on its own: "Follow us on", "Read more", "reserved."
  if (!first.empty()) {
    terms.push_back(fnv(fnv(kFnvBasis, "^ "), first) % buckets);
    terms.push_back(fnv(fnv(kFnvBasis, prev), " $") % buckets);
  }
  if (!second.empty()) terms.push_back(fnv(fnv(fnv(fnv(kFnvBasis, "^ "), first), " "), second) % buckets);
  return terms;
}

// Format: "#" comment lines, then "buckets N", "bias B", "weights K" and K lines "bucket weight"
// with strictly increasing buckets below N.
LineLexicon LineLexicon::parse(std::string_view text) {
  std::istringstream in{std::string(text)};
  LineLexicon lex;
  std::string key;
  std::size_t buckets = 0, count = 0;
  auto expect = [&](const char* want) {
    if (!(in >> key) || key != want) malformed(std::string("expected '") + want + "'");
  };
  while (in >> std::ws && in.peek() == '#') std::getline(in, key);
  expect("buckets");
  in >> buckets;
  expect("bias");
  in >> lex.bias_;
  expect("weights");
  in >> count;
  if (!in || buckets == 0 || buckets > kMaxBuckets || count > buckets || !std::isfinite(lex.bias_))
    malformed("bad header");
  lex.weights_.assign(buckets, 0.0f);
  long long last = -1;
  for (std::size_t k = 0; k < count; ++k) {
    long long bucket = -1;
    float w = 0;
    in >> bucket >> w;
    if (!in) malformed("bad weight line " + std::to_string(k + 1));
    if (bucket <= last || bucket >= static_cast<long long>(buckets) || !std::isfinite(w))
      malformed("weight line " + std::to_string(k + 1) + " out of range or order");
    lex.weights_[static_cast<std::size_t>(bucket)] = w;
    last = bucket;
  }
  if (in >> key) malformed("trailing text after the weights");
  return lex;
}

// The terms' counts, l2-normalised, as train.py's rows are (so long paragraphs do not score by
// length alone).
double LineLexicon::score(std::string_view line) const {
  std::vector<uint32_t> terms = lexicon_terms(line, static_cast<uint32_t>(weights_.size()));
  std::sort(terms.begin(), terms.end());
  double dot = 0, norm = 0;
  for (std::size_t i = 0; i < terms.size();) {
    std::size_t j = i;
    while (j < terms.size() && terms[j] == terms[i]) ++j;
    auto count = static_cast<double>(j - i);
    dot += count * weights_[terms[i]];
    norm += count * count;
    i = j;
  }
  return bias_ + (norm > 0 ? dot / std::sqrt(norm) : 0.0);
}

const LineLexicon* LineLexicon::active() {
  static const std::optional<LineLexicon> lexicon = []() -> std::optional<LineLexicon> {
    const char* path = std::getenv("DSEARCH_BOILERPLATE_LEXICON");
    if (path && std::string_view(path) == "none") return std::nullopt;
    std::string_view embedded = embedded_indexer_data("boilerplate_lexicon.txt");
    if (!(path && *path) && embedded.empty()) return std::nullopt;
    try {
      return path && *path ? load_file(path) : parse(embedded);
    } catch (const std::exception& e) {
      // As for the line model: only a developer's override gets here, and figures measured with
      // another lexicon than the one asked for would be wrong.
      std::fprintf(stderr, "dindex: %s\n", e.what());
      std::exit(2);
    }
  }();
  return lexicon ? &*lexicon : nullptr;
}

}  // namespace dsearch::page_detail
