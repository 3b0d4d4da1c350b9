#include "metadata.h"

#include <algorithm>
#include <unordered_set>
#include <utility>

#include "date_parse.h"
#include "text_scan.h"

namespace dsearch::page_detail {
namespace {

constexpr std::size_t kTitleLookBack = 12;  // lines above the article searched for the headline
constexpr std::size_t kNearLines = 3;       // lines around headline and lede searched for a date
constexpr std::size_t kShortLineBytes = 300;
constexpr std::size_t kMaxNameWords = 6;

bool starts_with_any_ci(std::string_view s, std::initializer_list<std::string_view> prefixes) {
  for (auto p : prefixes)
    if (starts_with_ci(s, p)) return true;
  return false;
}

bool headline_like(const Line& l) {
  if (l.phrase != Phrase::kNone || l.credit || l.nav_list || l.date_line) return false;
  if (l.words < 2 || l.words > 25 || l.length < 8 || l.length > 250) return false;
  if (l.sentence_end && l.text.back() == '.') return false;
  return !starts_with_any_ci(l.text, {"by ", "von ", "par ", "por ", "photo", "image", "foto"});
}

// A publisher name: short, capitalised, no digits or commas ("(AFP, AP)" is a credit, not a name).
bool plausible_name(std::string_view s) {
  if (s.size() < 2 || s.size() > 60) return false;
  if (s.find_first_of("0123456789,;:") != std::string_view::npos) return false;
  auto c = static_cast<unsigned char>(s.front());
  if (!(c >= 'A' && c <= 'Z') && c < 0x80) return false;
  std::size_t words = 0;
  for_each_word(s, [&](std::string_view) { return ++words <= kMaxNameWords; });
  return words >= 1 && words <= kMaxNameWords;
}

// "(Xinhua) Updated: ..." or "SEOUL, Nov 17 (Reuters) - ...": the name in brackets.
std::string dateline_agency(std::string_view s, bool at_start_only) {
  std::size_t open = s.find('(');
  if (open == std::string_view::npos || open > 100 || (at_start_only && open != 0)) return "";
  std::size_t close = s.find(')', open);
  if (close == std::string_view::npos || close - open > 40) return "";
  std::string_view name = trim(s.substr(open + 1, close - open - 1));
  std::string_view rest = trim(s.substr(close + 1));
  bool dash = starts_with_any_ci(rest, {"-", "\xE2\x80\x94", "\xE2\x80\x93", ":"});
  if (!(open == 0 || dash) || !plausible_name(name)) return "";
  return std::string(name);
}

// The text after a copyright sign and years, up to the first separator: "© 2014 Xinhua. All ..."
std::string copyright_holder(std::string_view s) {
  for (;;) {
    s = trim(s);
    std::size_t before = s.size();
    for (std::string_view p : {"copyright", "\xC2\xA9", "(c)", "by "})
      if (starts_with_ci(s, p)) s.remove_prefix(p.size());
    while (!s.empty() && ((s.front() >= '0' && s.front() <= '9') || s.front() == '-' || s.front() == ',')) s.remove_prefix(1);
    if (s.size() == before) break;
  }
  std::size_t end = s.size();
  for (std::string_view sep : {".", ",", "|", "\xE2\x80\xA2", ";", " - ", " \xE2\x80\x93 ", "All rights", "all rights",
                               "Alle Rechte", "Tous droits", "Todos los"})
    end = std::min(end, s.find(sep));
  std::string_view name = trim(s.substr(0, end));
  return plausible_name(name) ? std::string(name) : "";
}

// The text after `marker` (searched case-insensitively in `lower`) up to `suffix`, if a name.
std::string name_after(std::string_view s, std::string_view lower, std::string_view marker, std::string_view suffix) {
  std::size_t p = lower.find(marker);
  if (p == std::string_view::npos) return "";
  std::string_view rest = s.substr(p + marker.size());
  if (!suffix.empty()) {
    std::size_t q = lower.rfind(suffix);
    if (q == std::string_view::npos || q < p + marker.size() || q + suffix.size() != lower.size()) return "";
    rest = s.substr(p + marker.size(), q - p - marker.size());
  }
  rest = trim(rest);
  return plausible_name(rest) ? std::string(rest) : "";
}

// A name from template wording: "Skip to more DW sites", "DW's Top Story", "More stories from DW".
std::string template_name(std::string_view s) {
  if (s.size() > 80) return "";
  std::string lower;
  lower_word(s, lower);  // lower-casing keeps byte offsets for the scripts site names use
  if (lower.size() != s.size()) return "";
  for (auto [marker, suffix] : std::initializer_list<std::pair<std::string_view, std::string_view>>{
           {"skip to more ", " sites"}, {"more stories from ", ""}, {"more from ", ""}, {"mehr von ", ""},
           {"follow ", " on twitter"}, {"follow ", " on facebook"}})
    if (auto n = name_after(s, lower, marker, suffix); !n.empty()) return n;
  for (std::string_view possessive : {"'s top stor", "\xE2\x80\x99s top stor"}) {
    std::size_t p = lower.find(possessive);
    if (p == std::string_view::npos || p == 0) continue;
    // The possessor is the word just before: "Skip next section DW's Top Story" -> "DW".
    std::size_t b = s.rfind(' ', p - 1);
    std::string_view name = s.substr(b == std::string_view::npos ? 0 : b + 1, p - (b == std::string_view::npos ? 0 : b + 1));
    if (plausible_name(name)) return std::string(name);
  }
  if (starts_with_any_ci(s, {"copyright", "\xC2\xA9", "(c) "})) return copyright_holder(s);
  return "";
}

// The date and source are read from a few lines above the headline or the article start, whichever
// comes first: a headline found below the start would leave the lines around the start unread.
std::size_t window_begin(std::size_t title, std::size_t start) {
  std::size_t anchor = std::min(title, start);  // kNoLine is the largest
  return anchor == kNoLine ? 0 : anchor - std::min(anchor, kNearLines);
}

std::string_view head(std::string_view s) {
  if (s.size() <= kShortLineBytes) return s;
  std::size_t cut = 200;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return s.substr(0, cut);
}

}  // namespace

std::size_t content_start(const std::vector<Line>& lines) {
  for (std::size_t i = 0; i < lines.size(); ++i)
    if (lines[i].keep) return i;
  return kNoLine;
}

namespace {

constexpr std::size_t kTitleLookAhead = 2;   // kept lines at the article start that may be the headline
// A headline heads its article: a line inside it is more often a subheading or a caption. With the
// search around both starts, titles found on trafilatura-eval went from 53% to 57%, on
// readability-test-pages from 17% to 21% (cross-validated; bench/QUALITY.md, "Titles found").
constexpr double kInsideArticleCost = 0.25;
constexpr std::size_t kBodySampleWords = 600;
constexpr std::size_t kMinContentWordBytes = 4;  // shorter words ("the", "und") say nothing

// Lines from the article start `start` to line `i`: a line above it is its distance away, the
// start itself one line, as a kept headline may be.
std::size_t lines_from(std::size_t i, std::size_t start) { return i < start ? start - i : i - start + 1; }

// Lower-cased content words of the first kept lines: a headline's words recur in its article.
std::unordered_set<std::string> body_words(const std::vector<Line>& lines, std::size_t start) {
  std::unordered_set<std::string> words;
  std::string lower;
  std::size_t n = 0;
  for (std::size_t i = start; i < lines.size() && n < kBodySampleWords; ++i) {
    if (!lines[i].keep) continue;
    for_each_word(lines[i].text, [&](std::string_view w) {
      if (w.size() >= kMinContentWordBytes) {
        lower_word(w, lower);
        words.insert(lower);
      }
      return ++n < kBodySampleWords;
    });
  }
  return words;
}

// How headline-like line `l` is, `distance` lines away from the article start: its share of
// content words found in the article, a bonus for a headline's length, a cost for distance.
// Weights measured on trafilatura-eval titles (detection alone, no hints).
double title_score(const Line& l, std::size_t distance, const std::unordered_set<std::string>& body) {
  std::string lower;
  int content = 0, shared = 0;
  for_each_word(l.text, [&](std::string_view w) {
    if (w.size() < kMinContentWordBytes) return true;
    ++content;
    lower_word(w, lower);
    shared += body.count(lower) != 0;
    return true;
  });
  double overlap = content ? static_cast<double>(shared) / content : 0;
  double shape = l.words >= 4 && l.words <= 20 ? 0.5 : 0.0;
  // Templates repeat the headline (breadcrumb, share text, "latest" lists); a line ending with a
  // colon introduces what follows.
  if (l.repeated) shape += 0.3;
  if (l.text.back() == ':') shape -= 1;
  return 0.5 * overlap + shape - 0.03 * static_cast<double>(distance);
}

}  // namespace

std::size_t find_title(const std::vector<Line>& lines, ArticleStarts starts, bool clean) {
  if (lines.empty()) return kNoLine;
  if (clean) {
    // "Title\n\nFirst paragraph": a hard-wrapped first line (Reuters) has no blank line after it.
    bool alone = lines.size() > 1 && lines[1].blank_before;
    return alone && headline_like(lines[0]) ? 0 : kNoLine;
  }
  std::size_t start = starts.heuristic;
  if (start == kNoLine) return kNoLine;
  std::size_t other = starts.model == kNoLine ? start : starts.model;
  auto body = body_words(lines, start);
  std::size_t best = kNoLine;
  double best_score = 0.25;  // below this no line looks like the headline
  std::size_t top = std::min(start, other);  // the article starts here by the earlier account
  std::size_t first = top - std::min(top, kTitleLookBack);
  std::size_t last = std::min(lines.size(), std::max(start, other) + kTitleLookAhead + 1);
  for (std::size_t i = first; i < last; ++i) {
    const Line& l = lines[i];
    if (!headline_like(l) || (i >= start && l.sentence_end)) continue;
    std::size_t distance = std::min(lines_from(i, start), lines_from(i, other));
    double score = title_score(l, distance, body);
    if (i >= top) score -= kInsideArticleCost;
    if (score > best_score) best_score = score, best = i;
  }
  return best;
}

std::string find_page_date(const std::vector<Line>& lines, std::size_t title, std::size_t start) {
  std::size_t end = std::min(lines.size(), (start == kNoLine ? 0 : start) + kNearLines + 1);
  for (std::size_t i = window_begin(title, start); i < end; ++i)
    if (auto d = find_date(head(lines[i].text)); !d.empty()) return d;
  for (const auto& l : lines)
    if (l.date_line) return find_date(l.text);
  return "";
}

std::string find_source(const std::vector<Line>& lines, std::size_t title, std::size_t start) {
  std::size_t end = std::min(lines.size(), (start == kNoLine ? 0 : start) + 2);
  for (std::size_t i = window_begin(title, start); i < end; ++i) {
    bool lede = i == start;
    if (auto n = dateline_agency(lines[i].text, !lede && !lines[i].date_line); !n.empty()) return n;
  }
  std::vector<std::pair<std::string, int>> votes;
  for (const auto& l : lines) {
    std::string n = template_name(l.text);
    if (n.empty()) continue;
    auto it = std::find_if(votes.begin(), votes.end(), [&](const auto& v) { return v.first == n; });
    if (it == votes.end()) votes.emplace_back(n, 1);
    else ++it->second;
  }
  auto best = std::max_element(votes.begin(), votes.end(),
                               [](const auto& a, const auto& b) { return a.second < b.second; });
  return best == votes.end() ? "" : best->first;
}

}  // namespace dsearch::page_detail
