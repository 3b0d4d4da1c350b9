#include "dsearch/searcher/highlight.h"

namespace dsearch {
namespace {

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

bool is_ascii(std::string_view s) {
  for (unsigned char c : s)
    if (c >= 0x80) return false;
  return true;
}

}  // namespace

bool Highlight::matches(const Token& t) const {
  if (terms.count(t.term)) return true;
  if (prefixes.empty()) return false;
  for (const auto& p : prefixes)
    if (starts_with(t.folded, p) || starts_with(t.term, p)) return true;
  // Prefixes are stored without accents ("sao"); the folded word keeps them ("são").
  if (is_ascii(t.folded)) return false;
  static thread_local Analyzer plain("");  // no stemmer: stem() only strips accents
  std::string bare = plain.stem(t.folded);
  for (const auto& p : prefixes)
    if (starts_with(bare, p)) return true;
  return false;
}

}  // namespace dsearch
