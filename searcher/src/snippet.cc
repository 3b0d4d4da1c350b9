// Snippets in one pass over the body: tokenize once (marking matched words and whole phrase
// occurrences), slide a window of max_chars characters over the matches to find the passage with
// the most distinct matched terms (then a whole phrase, then most matches), move its start back to
// a sentence start when one is close enough, and cut at word boundaries. Characters are counted as
// code points with each run of whitespace counting as one, which is how the snippet prints.
#include <algorithm>
#include <cstdint>
#include <optional>
#include <tuple>
#include <unordered_map>

#include "dsearch/searcher/highlight.h"

namespace dsearch {
namespace {

constexpr uint32_t kNoHit = UINT32_MAX;
constexpr std::string_view kEllipsis = "\xE2\x80\xA6";

// Byte length of a whitespace character at s[i] (ASCII, NBSP, U+2028/9, ideographic space), or 0.
std::size_t space_len(std::string_view s, std::size_t i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c == ' ' || (c >= '\t' && c <= '\r')) return 1;
  if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) return 2;
  if (c == 0xE2 && s.substr(i, 3) == "\xE2\x80\xA8") return 3;
  if (c == 0xE2 && s.substr(i, 3) == "\xE2\x80\xA9") return 3;
  if (c == 0xE3 && s.substr(i, 3) == "\xE3\x80\x80") return 3;
  return 0;
}

bool is_cont(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Punctuation that ends a sentence: . ! ? and the CJK full stops.
bool ends_sentence(std::string_view s) {
  if (s.empty()) return false;
  char c = s.back();
  if (c == '.' || c == '!' || c == '?') return true;
  for (std::string_view p : {"\xE3\x80\x82", "\xEF\xBC\x81", "\xEF\xBC\x9F"})  // 。！？
    if (s.size() >= p.size() && s.substr(s.size() - p.size()) == p) return true;
  return false;
}

struct Word {
  uint32_t b, e;      // bytes
  uint32_t cb, ce;    // characters, whitespace runs counting one
  uint32_t hit = kNoHit;  // distinct matched term id
};

struct Scan {
  std::vector<Word> words;
  std::vector<uint32_t> hits;                               // indices of matched words, in order
  std::vector<std::pair<uint32_t, uint32_t>> phrases;       // whole phrase occurrences: [first, last] hit index
  std::size_t starts = SIZE_MAX;  // windows start at one of the first `starts` hits
};

// Stopping early: once some max_chars window shows every term the body holds (`want`), only the
// words a passage from a hit up to there can still reach are needed.
class EarlyStop {
 public:
  EarlyStop(std::size_t want, std::size_t max_chars) : want_(want), max_chars_(max_chars) {
    if (want_ == 0) until_ = static_cast<uint32_t>(std::min<std::size_t>(max_chars_, UINT32_MAX));
  }
  bool enabled() const { return want_ != kUnknownTerms; }
  bool done() const { return done_; }

  // Called for each word once it is in sc.words.
  void saw(Scan& sc, const Word& w) {
    if (until_ != UINT32_MAX) {
      done_ = w.cb > until_;
      return;
    }
    if (w.hit == kNoHit) return;
    ++hits_;
    if (w.hit >= last_.size()) last_.resize(w.hit + 1);
    last_[w.hit] = w.cb;
    if (last_.size() < want_) return;
    uint32_t first = *std::min_element(last_.begin(), last_.end());
    if (w.ce - first > max_chars_) return;
    sc.starts = hits_;  // windows start at this hit or before
    until_ = static_cast<uint32_t>(std::min<std::size_t>(w.ce + max_chars_, UINT32_MAX));
  }

 private:
  std::size_t want_, max_chars_;
  uint32_t until_ = UINT32_MAX;
  std::size_t hits_ = 0;
  std::vector<uint32_t> last_;  // per matched term: where its last match starts
  bool done_ = false;
};

// The end of the piece of `text` to analyse next: whitespace past `from + n` bytes (words never
// span whitespace, so pieces analyse as the whole would), or the end.
std::size_t piece_end(std::string_view text, std::size_t from, std::size_t n) {
  if (text.size() - from <= n) return text.size();
  std::size_t cut = text.find_first_of(" \t\n\r", from + n);
  return cut == std::string_view::npos ? text.size() : cut;
}

// Tokenizes `text` once: every word with its character offsets, matched words marked; with
// `body_terms` known, only as far as EarlyStop needs.
Scan scan(std::string_view text, Analyzer& analyzer, const Highlight& h, std::size_t max_chars = 0,
          std::size_t body_terms = kUnknownTerms) {
  Scan sc;
  EarlyStop stop(body_terms, max_chars);
  bool marking = !h.empty() || !h.phrases.empty();
  std::unordered_map<std::string, uint32_t> ids;
  auto id_of = [&](const std::string& term) {
    return ids.emplace(term, static_cast<uint32_t>(ids.size())).first->second;
  };
  std::size_t longest = 0;
  for (const auto& p : h.phrases) longest = std::max(longest, p.size());
  std::vector<std::string> ring(longest > 1 ? longest : 0);  // terms of the last words
  std::vector<std::pair<uint32_t, uint32_t>> occ;             // phrase occurrences in word indices

  std::size_t cursor = 0;  // bytes counted so far
  uint32_t chars = 0;
  bool in_space = true;    // leading whitespace does not count
  auto advance = [&](std::size_t to) {
    while (cursor < to) {
      if (std::size_t n = space_len(text, cursor)) {
        if (!in_space) ++chars;
        in_space = true;
        cursor += n;
      } else {
        if (!is_cont(text[cursor])) ++chars;
        in_space = false;
        ++cursor;
      }
    }
  };

  uint32_t base = 0;  // offset of the piece being analysed
  auto on_token = [&](const Token& t) {
    if (stop.done()) return;
    Word w;
    w.b = base + t.begin;
    w.e = base + t.end;
    advance(w.b);
    w.cb = chars;
    advance(w.e);
    w.ce = chars;
    if (marking && h.matches(t)) w.hit = id_of(t.term);
    uint32_t k = static_cast<uint32_t>(sc.words.size());
    sc.words.push_back(w);
    if (stop.enabled()) stop.saw(sc, w);
    if (ring.empty()) return;
    ring[k % ring.size()] = t.term;
    for (const auto& p : h.phrases) {
      std::size_t m = p.size();
      if (m < 2 || k + 1 < m || p.back() != t.term) continue;
      bool all = true;
      for (std::size_t q = 0; q < m && all; ++q) all = ring[(k + 1 - m + q) % ring.size()] == p[q];
      if (!all) continue;
      for (std::size_t q = 0; q < m; ++q) {
        Word& pw = sc.words[k + 1 - m + q];
        if (pw.hit == kNoHit) pw.hit = id_of(p[q]);
      }
      occ.emplace_back(static_cast<uint32_t>(k + 1 - m), k);
    }
  };
  // A few hundred bytes a piece when stopping early: a piece costs one more segmenter start.
  std::size_t piece = stop.enabled() ? 512 : text.size();
  for (std::size_t from = 0; from < text.size() && !stop.done();) {
    std::size_t to = piece_end(text, from, piece);
    base = static_cast<uint32_t>(from);
    analyzer.tokenize(text.substr(from, to - from), on_token);
    from = to;
  }
  for (uint32_t i = 0; i < sc.words.size(); ++i)
    if (sc.words[i].hit != kNoHit) sc.hits.push_back(i);
  for (auto [first, last] : occ) {
    auto a = std::lower_bound(sc.hits.begin(), sc.hits.end(), first) - sc.hits.begin();
    auto b = std::lower_bound(sc.hits.begin(), sc.hits.end(), last) - sc.hits.begin();
    sc.phrases.emplace_back(static_cast<uint32_t>(a), static_cast<uint32_t>(b));
  }
  std::sort(sc.phrases.begin(), sc.phrases.end());
  return sc;
}

// The window of hits [first, last) of at most max_chars characters with the best score. Terms
// marked in `covered` (shown by another passage) do not count towards distinctness.
std::pair<std::size_t, std::size_t> best_window(const Scan& sc, std::size_t max_chars,
                                                const std::vector<bool>& covered = {}) {
  const auto& hits = sc.hits;
  std::vector<uint32_t> count;
  uint32_t distinct = 0;
  auto add = [&](std::size_t j) {
    uint32_t id = sc.words[hits[j]].hit;
    if (id >= count.size()) count.resize(id + 1);
    bool fresh = id >= covered.size() || !covered[id];
    if (count[id]++ == 0 && fresh) ++distinct;
  };
  auto remove = [&](std::size_t i) {
    uint32_t id = sc.words[hits[i]].hit;
    bool fresh = id >= covered.size() || !covered[id];
    if (--count[id] == 0 && fresh) --distinct;
  };
  std::tuple<uint32_t, bool, std::size_t> best{0, false, 0};
  std::pair<std::size_t, std::size_t> where{0, 0};
  std::size_t j = 0, p = 0;
  for (std::size_t i = 0; i < hits.size() && i < sc.starts; ++i) {
    if (j <= i) { add(i); j = i + 1; }
    uint32_t begin = sc.words[hits[i]].cb;
    while (j < hits.size() && sc.words[hits[j]].ce - begin <= max_chars) add(j++);
    while (p < sc.phrases.size() && sc.phrases[p].first < i) ++p;
    bool phrase = p < sc.phrases.size() && sc.phrases[p].second < j;
    std::tuple<uint32_t, bool, std::size_t> score{distinct, phrase, j - i};
    if (score > best) { best = score; where = {i, j}; }
    remove(i);
  }
  return where;
}

// Appends text[b, e) with whitespace runs collapsed to one space, merging with a plain fragment.
void append_plain(std::vector<Fragment>& out, std::string_view text, std::size_t b, std::size_t e) {
  if (b >= e) return;
  if (out.empty() || out.back().match) out.push_back({});
  std::string& s = out.back().text;
  for (std::size_t i = b; i < e;) {
    if (std::size_t n = space_len(text, i)) {
      if (s.empty() || s.back() != ' ') s.push_back(' ');
      i += n;
    } else {
      s.push_back(text[i++]);
    }
  }
}

// Fragments for text[b, e) with the matched words among words[first..last] marked.
std::vector<Fragment> fragments(std::string_view text, const Scan& sc, std::size_t b, std::size_t e,
                                std::size_t first, std::size_t last, bool lead, bool trail) {
  std::vector<Fragment> out;
  if (lead) out.push_back({std::string(kEllipsis), false});
  std::size_t at = b;
  for (std::size_t k = first; k <= last && k < sc.words.size(); ++k) {
    const Word& w = sc.words[k];
    if (w.hit == kNoHit || w.b < b || w.e > e) continue;
    append_plain(out, text, at, w.b);
    out.push_back({std::string(text.substr(w.b, w.e - w.b)), true});
    at = w.e;
  }
  append_plain(out, text, at, e);
  if (trail) {
    if (out.empty() || out.back().match) out.push_back({});
    out.back().text.append(kEllipsis);
  }
  return out;
}

// Where the sentence holding word k starts, if word k is its first word: the byte after the
// whitespace that follows the previous sentence's end (so an opening quote is kept).
std::optional<std::size_t> sentence_start(std::string_view text, const Scan& sc, std::size_t k) {
  std::size_t gb = k == 0 ? 0 : sc.words[k - 1].e, ge = sc.words[k].b;
  std::string_view gap = text.substr(gb, ge - gb);
  std::size_t last_space = std::string_view::npos;
  bool newline = false;
  for (std::size_t i = 0; i < gap.size();) {
    if (std::size_t n = space_len(gap, i)) {
      newline |= gap[i] == '\n';
      last_space = i + n;
      i += n;
    } else {
      ++i;
    }
  }
  std::size_t start = gb + (last_space == std::string_view::npos ? 0 : last_space);
  if (k == 0) return start;
  if (last_space == std::string_view::npos) {
    // CJK sentences end without a space: "。" then the next word.
    for (std::string_view p : {"\xE3\x80\x82", "\xEF\xBC\x81", "\xEF\xBC\x9F"})  // 。！？
      if (auto at = gap.rfind(p); at != std::string_view::npos) return gb + at + p.size();
    return std::nullopt;
  }
  std::string_view before = gap.substr(0, gap.find_first_of(" \t\n\r\f\v"));
  if (newline || ends_sentence(before)) return start;
  return std::nullopt;
}

}  // namespace

// The passage around words [fw, lw] of at most max_chars characters: starts at a sentence start
// when one is near, ends at a word boundary, with "…" where it cuts.
std::vector<Fragment> render_passage(std::string_view body, const Scan& sc, std::size_t fw, std::size_t lw,
                                     std::size_t max_chars) {
  const auto& words = sc.words;
  uint32_t used = words[lw].ce - words[fw].cb;
  uint32_t slack = max_chars > used ? static_cast<uint32_t>(max_chars - used) : 0;

  // Start: the nearest sentence start within the slack, else a little context at a word start.
  std::size_t sw = fw, start = words[fw].b;
  bool at_sentence = false;
  for (std::size_t k = fw + 1; k-- > 0;) {
    if (words[fw].cb - words[k].cb > slack * 3 / 4) break;
    if (auto s = sentence_start(body, sc, k)) {
      sw = k;
      start = *s;
      at_sentence = true;
      break;
    }
  }
  if (!at_sentence) {
    uint32_t context = std::min<uint32_t>(slack / 3, 60);
    while (sw > 0 && words[fw].cb - words[sw - 1].cb <= context) --sw;
    start = words[sw].b;
  }

  // End: the last word that fits, with the punctuation glued to it ("Putin." "relations,").
  uint32_t limit = words[sw].cb + static_cast<uint32_t>(max_chars);
  std::size_t ew = lw;
  while (ew + 1 < words.size() && words[ew + 1].ce <= limit) ++ew;
  std::size_t end = words[ew].e;
  std::size_t next = ew + 1 < words.size() ? words[ew + 1].b : body.size();
  while (end < next && !space_len(body, end) && end - words[ew].e < 8) ++end;
  while (end < next && is_cont(body[end])) ++end;
  bool cut_end = false;
  for (std::size_t i = end; i < body.size() && !cut_end;) {
    if (std::size_t n = space_len(body, i)) i += n;
    else cut_end = true;
  }
  bool lead = !at_sentence && sw > 0;
  bool trail = cut_end && !ends_sentence(body.substr(start, end - start));
  return fragments(body, sc, start, end, sw, ew, lead, trail);
}

std::vector<Fragment> snippet(std::string_view body, Analyzer& analyzer, const Highlight& h, std::size_t max_chars,
                              std::size_t body_terms) {
  if (max_chars == 0) return {};
  Scan sc = scan(body, analyzer, h, max_chars, body_terms);
  if (sc.words.empty()) {
    std::vector<Fragment> out;
    append_plain(out, body, 0, body.size());
    if (!out.empty()) {
      std::string& s = out.front().text;
      while (!s.empty() && s.front() == ' ') s.erase(0, 1);
      while (!s.empty() && s.back() == ' ') s.pop_back();
      if (s.empty()) out.clear();
    }
    return out;  // no words at all: nothing worth cutting carefully
  }

  if (sc.hits.empty()) return render_passage(body, sc, 0, 0, max_chars);
  auto [i, j] = best_window(sc, max_chars);
  std::vector<bool> all(sc.hits.size()), shown(sc.hits.size());
  for (uint32_t h : sc.hits) all[sc.words[h].hit] = true;
  for (std::size_t k = i; k < j; ++k) shown[sc.words[sc.hits[k]].hit] = true;
  if (shown == all) return render_passage(body, sc, sc.hits[i], sc.hits[j - 1], max_chars);

  // Some query words lie outside the best window: show two shorter passages, the best one and the
  // one adding most of the missing words (Google- and Lucene-style multi-passage snippets).
  std::size_t half = max_chars / 2;
  auto [a1, b1] = best_window(sc, half);
  std::vector<bool> first(all.size());
  for (std::size_t k = a1; k < b1; ++k) first[sc.words[sc.hits[k]].hit] = true;
  auto [a2, b2] = best_window(sc, half, first);
  bool adds = false;
  for (std::size_t k = a2; k < b2; ++k) adds |= !first[sc.words[sc.hits[k]].hit];
  if (!adds || (a2 < b1 && a1 < b2)) return render_passage(body, sc, sc.hits[i], sc.hits[j - 1], max_chars);
  if (a2 < a1) {
    std::swap(a1, a2);
    std::swap(b1, b2);
  }
  auto out = render_passage(body, sc, sc.hits[a1], sc.hits[b1 - 1], half);
  auto second = render_passage(body, sc, sc.hits[a2], sc.hits[b2 - 1], half);
  bool ellipsis = !out.empty() && !out.back().match && out.back().text.size() >= kEllipsis.size() &&
                  out.back().text.compare(out.back().text.size() - kEllipsis.size(), kEllipsis.size(), kEllipsis) == 0;
  if (ellipsis && !second.empty() && !second.front().match && second.front().text.rfind(kEllipsis, 0) == 0) {
    second.front().text.erase(0, kEllipsis.size());
    if (second.front().text.empty()) second.erase(second.begin());
  }
  if (!ellipsis) out.push_back({std::string(" ").append(kEllipsis).append(" "), false});
  else out.back().text += " ";
  out.insert(out.end(), second.begin(), second.end());
  return out;
}

std::vector<Fragment> mark_all(std::string_view text, Analyzer& analyzer, const Highlight& h) {
  Scan sc = scan(text, analyzer, h);
  std::size_t b = 0, e = text.size();
  while (b < e && space_len(text, b)) b += space_len(text, b);
  while (e > b) {  // trailing whitespace (one byte or a multi-byte space)
    std::size_t k = e - 1;
    while (k > b && is_cont(text[k])) --k;
    if (!space_len(text, k)) break;
    e = k;
  }
  return fragments(text, sc, b, e, 0, sc.words.empty() ? 0 : sc.words.size() - 1, false, false);
}

}  // namespace dsearch
