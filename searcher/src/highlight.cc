#include "dsearch/searcher/highlight.h"

#include "dsearch/token_sequence.h"

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

std::size_t terms_in_body(const Highlight& h, std::string_view token_order) {
  if (!h.prefixes.empty() || !h.phrases.empty()) return kUnknownTerms;
  TokenSequence order(token_order);
  if (order.empty() || order.title_size() == order.size()) return kUnknownTerms;  // no separator
  std::vector<TokenHash> wanted;
  for (const auto& t : h.terms) wanted.push_back(order.code(term_hash(t)));
  std::vector<bool> found(wanted.size());
  std::size_t count = 0;
  for (std::size_t i = order.title_size() + 1; i < order.size() && count < wanted.size(); ++i)
    for (std::size_t k = 0; k < wanted.size(); ++k)
      if (!found[k] && order[i] == wanted[k]) found[k] = true, ++count;
  return count;
}

}  // namespace dsearch
