#include "dsearch/searcher/highlight.h"

#include <algorithm>

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

std::size_t terms_in_body(const Highlight& h, std::string_view token_order,
                          const std::function<bool(const std::string&)>& holds) {
  if (!h.prefixes.empty() || !h.phrases.empty()) return kUnknownTerms;
  TokenSequence order(token_order);
  if (order.empty() || order.title_size() == order.size()) return kUnknownTerms;  // no separator
  std::vector<WordSlot> wanted;
  for (const auto& t : h.terms) {
    WordKey key = word_key(t);
    WordSlot s = order.slot(key);
    if (s != kNoSlot && (exact(key) || holds(t))) wanted.push_back(s);
  }
  std::sort(wanted.begin(), wanted.end());  // distinct: two words held have two slots
  std::vector<bool> found(wanted.size());
  std::size_t count = 0;
  for (std::size_t i = order.title_size() + 1; i < order.size() && count < wanted.size(); ++i) {
    auto at = std::lower_bound(wanted.begin(), wanted.end(), order[i]);
    if (at != wanted.end() && *at == order[i] && !found[at - wanted.begin()]) found[at - wanted.begin()] = true, ++count;
  }
  return count;
}

HeldTerms::HeldTerms(const Xapian::Database& db, const Highlight& h, std::vector<Xapian::docid> docids) {
  if (!h.prefixes.empty() || !h.phrases.empty() || docids.empty()) return;
  std::sort(docids.begin(), docids.end());
  for (const auto& t : h.terms) {
    if (exact(word_key(t))) continue;
    Xapian::PostingIterator p = db.postlist_begin(t), end = db.postlist_end(t);
    for (auto did : docids) {
      if (p == end) break;
      if (*p < did) p.skip_to(did);
      if (p != end && *p == did) held_.emplace(did, t);
    }
  }
}

}  // namespace dsearch
