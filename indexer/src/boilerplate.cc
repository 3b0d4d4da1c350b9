#include "boilerplate.h"

#include <algorithm>
#include <string>
#include <unordered_map>

#include <unicode/uchar.h>

#include "boilerplate_features.h"
#include "date_parse.h"
#include "line_model.h"
#include "stopword_index.h"
#include "text_scan.h"

namespace dsearch::page_detail {
namespace {

// jusText's length limits (a text line of a page is one HTML block). Its stopword limits (0.30 and
// 0.32) were tuned for longer lists than the Snowball ones in stopwords/; news prose full of names
// scores lower, and 0.22/0.24 gave the best F1 on trafilatura-eval and readability.
constexpr uint32_t kLengthLow = 70;
constexpr uint32_t kLengthHigh = 200;
constexpr double kStopsLow = 0.22;
constexpr double kStopsHigh = 0.24;
// Stopwords are short; longer words skip the lower-casing and the lookup.
constexpr std::size_t kMaxStopwordBytes = 20;
// A line this short with a date in it is a date line, not a paragraph that mentions a date.
constexpr uint32_t kMaxDateLineWords = 12;

// Hard-wrapped text: lines of 40-100 characters (wire copy wraps at 60-80), a quarter of all lines
// or more (a Reuters earnings table is mostly short lines), and hardly one longer (a scraped page
// has its paragraphs on one line each). Measured on the page sets, looser limits let template
// lines of short menu-heavy pages through; Reuters stories of three lines must still qualify.
constexpr uint32_t kMinWrappedLength = 40, kMaxWrappedLength = 100;

bool is_cjk(uint32_t cp) { return cp >= 0x1100 && ((cp >= 0x3040 && cp < 0xA000) || (cp >= 0xAC00 && cp < 0xD7B0)); }

bool ends_sentence(std::string_view s) {
  // Strip closing quotes and brackets, then look for sentence punctuation.
  for (int guard = 0; guard < 4 && !s.empty(); ++guard) {
    std::size_t start = s.size() - 1;
    while (start > 0 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) --start;
    std::size_t i = start;
    uint32_t cp = next_codepoint(s, i);
    if (cp == '.' || cp == '!' || cp == '?' || cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F || cp == 0x2026)
      return true;
    bool closing = cp == '"' || cp == '\'' || cp == ')' || cp == 0x201D || cp == 0x2019 || cp == 0xBB ||
                   cp == 0x300D;
    if (!closing) return false;
    s = s.substr(0, start);
  }
  return false;
}

void measure(Line& l, uint32_t stop_bit) {
  const auto& idx = stopword_index();
  std::string lower;
  for (std::size_t i = 0; i < l.text.size();) {
    auto c = static_cast<unsigned char>(l.text[i]);
    if (c < 0x80) {
      l.has_digit |= c >= '0' && c <= '9';
      ++l.length;
      ++i;
      continue;
    }
    l.length += is_cjk(next_codepoint(l.text, i)) ? 3 : 1;
  }
  for_each_word(l.text, [&](std::string_view w) {
    ++l.words;
    if (stop_bit && w.size() <= kMaxStopwordBytes) {
      lower_word(w, lower);
      l.stops += (idx.mask(lower) & stop_bit) != 0;
    }
    return true;
  });
  l.sentence_end = ends_sentence(l.text);
}

// Wire copy and e-mailed text are hard-wrapped: "... a regular quarterly dividend of 25 cts per" /
// "share on its common payable May one". In such text a line that carries on the sentence of the
// line above is prose whatever it starts with, so the template recognisers do not see it. Page
// text is not wrapped: there a lower-case "facebook" after a headline is still a button.
bool hard_wrapped(const std::vector<Line>& lines) {
  std::size_t mid = 0, longer = 0;
  for (const auto& l : lines) {
    mid += l.length >= kMinWrappedLength && l.length <= kMaxWrappedLength;
    longer += l.length > kMaxWrappedLength;
  }
  return mid >= 1 && mid * 4 >= lines.size() && longer * 50 <= lines.size();  // see kMinWrappedLength
}

bool continues_sentence(const Line& prev, const Line& l) {
  if (l.blank_before || l.indented || prev.sentence_end || prev.length < kMinWrappedLength) return false;
  std::size_t i = 0;
  return u_islower(static_cast<UChar32>(next_codepoint(l.text, i)));
}

void recognise(Line& l) {
  l.phrase = classify_phrase(l.text);
  l.credit = is_credit_line(l.text);
  l.nav_list = is_separator_list(l.text);
  if (l.has_digit && l.words <= kMaxDateLineWords && l.text.size() < 160) l.date_line = !find_date(l.text).empty();
}

Kind classify(const Line& l, bool have_stopwords) {
  if (l.phrase != Phrase::kNone || l.credit || l.nav_list || l.date_line) return Kind::kBad;
  if (l.length < kLengthLow) return Kind::kShort;
  // Without a stopword list (Chinese, Japanese, ...), sentence punctuation stands in for density.
  double density = have_stopwords ? static_cast<double>(l.stops) / std::max<uint32_t>(l.words, 1)
                                  : (l.sentence_end ? kStopsHigh : 0.0);
  if (density >= kStopsHigh) return l.length > kLengthHigh ? Kind::kGood : Kind::kNearGood;
  if (density >= kStopsLow) return Kind::kNearGood;
  return Kind::kBad;
}

// The class of the nearest line before (dir -1) or after (dir +1) `i` that is not short (and not
// near-good when `skip_neargood`); the page edge counts as bad.
Kind neighbour(const std::vector<Line>& lines, std::size_t i, int dir, bool skip_neargood) {
  for (std::ptrdiff_t j = static_cast<std::ptrdiff_t>(i) + dir; j >= 0 && j < std::ssize(lines); j += dir) {
    Kind k = lines[j].kind;
    // Captions and credits sit between paragraphs; they neither join nor split the article.
    if (k == Kind::kShort || (skip_neargood && k == Kind::kNearGood) || lines[j].credit) continue;
    return k;
  }
  return Kind::kBad;
}

bool heading_like(const Line& l) { return l.words >= 1 && l.words <= 20 && !l.sentence_end; }

// A short heading directly above a paragraph belongs to it (sub-headings, short ledes).
void promote_headings(std::vector<Line>& lines) {
  for (std::size_t i = 0; i + 1 < lines.size(); ++i)
    if (lines[i].kind == Kind::kShort && heading_like(lines[i]) && lines[i + 1].kind == Kind::kGood)
      lines[i].kind = Kind::kNearGood;
}

void revise_short(std::vector<Line>& lines) {
  std::vector<Kind> next(lines.size());
  for (std::size_t i = 0; i < lines.size(); ++i) {
    next[i] = lines[i].kind;
    if (lines[i].kind != Kind::kShort) continue;
    Kind prev = neighbour(lines, i, -1, true), after = neighbour(lines, i, +1, true);
    if (prev == Kind::kGood && after == Kind::kGood) next[i] = Kind::kGood;
    else if (prev == Kind::kBad && after == Kind::kBad) next[i] = Kind::kBad;
    else if ((prev == Kind::kBad && neighbour(lines, i, -1, false) == Kind::kNearGood) ||
             (after == Kind::kBad && neighbour(lines, i, +1, false) == Kind::kNearGood))
      next[i] = Kind::kGood;
    else next[i] = Kind::kBad;
  }
  for (std::size_t i = 0; i < lines.size(); ++i) lines[i].kind = next[i];
}

void revise_neargood(std::vector<Line>& lines) {
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].kind != Kind::kNearGood) continue;
    bool lonely = neighbour(lines, i, -1, true) == Kind::kBad && neighbour(lines, i, +1, true) == Kind::kBad;
    lines[i].kind = lonely ? Kind::kBad : Kind::kGood;
  }
}

// A full sentence with few stopwords (names, titles, figures) inside the article is still article:
// "Vice Marshal Hyon Yong Chol, Minister of the People's Armed Forces, met Putin in Moscow ..."
void rescue_sentences(std::vector<Line>& lines) {
  for (std::size_t i = 0; i < lines.size(); ++i) {
    Line& l = lines[i];
    bool template_line = l.phrase != Phrase::kNone || l.credit || l.nav_list || l.date_line || l.repeated;
    if (l.kind != Kind::kBad || template_line || !l.sentence_end || l.length < kLengthLow) continue;
    if (neighbour(lines, i, -1, false) == Kind::kGood && neighbour(lines, i, +1, false) == Kind::kGood) {
      l.rescued = true;
      l.kind = Kind::kGood;
    }
  }
}

// After the article, "Related stories" and the like open lists of other headlines. Cut there when
// most of the kept text lies before the marker; a marker inside the article is only dropped.
void cut_tail(std::vector<Line>& lines) {
  std::vector<uint64_t> after(lines.size() + 1, 0);
  for (std::size_t i = lines.size(); i-- > 0;) after[i] = after[i + 1] + (lines[i].keep ? lines[i].length : 0);
  uint64_t before = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].phrase == Phrase::kEndMarker && before > 0 && after[i + 1] < before) {
      for (std::size_t j = i; j < lines.size(); ++j) lines[j].keep = false;
      return;
    }
    if (lines[i].keep) before += lines[i].length;
  }
}

// The article is one region of the page: kept lines far from the densest run of kept text are
// stray blurbs (cookie notices, "about us" boxes, comments). Kadane's maximum-sum segment, with
// dropped lines as a cost; other segments survive only when nearly as heavy.
constexpr double kGapCost = 20;     // per dropped line, in characters of kept text
constexpr double kSegmentShare = 0.1;  // of the heaviest segment, for another one to survive

void keep_main_region(std::vector<Line>& lines) {
  struct Segment {
    std::size_t first = 0, last = 0;
    double weight = 0;
  };
  std::vector<Segment> segments;
  Segment best_here;
  double run = 0;
  std::size_t first = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (run <= 0) {
      if (best_here.weight > 0) segments.push_back(best_here);
      best_here = {};
      run = 0;
      first = i;
    }
    run += lines[i].keep ? lines[i].length : -std::min<double>(kGapCost, lines[i].length + 10);
    if (run > best_here.weight) best_here = {first, i, run};
  }
  if (best_here.weight > 0) segments.push_back(best_here);
  double heaviest = 0;
  for (const auto& s : segments) heaviest = std::max(heaviest, s.weight);
  std::vector<char> inside(lines.size(), 0);
  for (const auto& s : segments)
    if (s.weight >= kSegmentShare * heaviest) std::fill(inside.begin() + s.first, inside.begin() + s.last + 1, 1);
  for (std::size_t i = 0; i < lines.size(); ++i) lines[i].keep = lines[i].keep && inside[i];
}

// Template blocks repeat on a page (menus at top and bottom, "Latest News" over every teaser); an
// article paragraph does not.
constexpr std::size_t kMaxRepeatedBytes = 200;

void mark_repeated(std::vector<Line>& lines) {
  std::unordered_map<std::string_view, uint32_t> seen;
  seen.reserve(lines.size());
  for (const auto& l : lines)
    if (l.text.size() <= kMaxRepeatedBytes) ++seen[l.text];
  for (auto& l : lines)
    if (l.text.size() <= kMaxRepeatedBytes) l.repeated = seen[l.text] > 1;
}

}  // namespace

std::vector<Line> scan_lines(std::string_view text, uint32_t stop_bit) {
  std::vector<Line> lines;
  bool blank = false;
  while (!text.empty()) {
    std::size_t nl = text.find('\n');
    std::string_view raw = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    std::string_view t = trim(raw);
    if (t.empty()) {
      blank = true;
      continue;
    }
    Line l;
    l.text = t;
    l.blank_before = blank;
    l.indented = raw.size() > 1 && (raw[0] == '\t' || (raw[0] == ' ' && raw[1] == ' '));
    blank = false;
    measure(l, stop_bit);
    lines.push_back(l);
  }
  bool wrapped = hard_wrapped(lines);
  for (std::size_t i = 0; i < lines.size(); ++i)
    if (!wrapped || i == 0 || !continues_sentence(lines[i - 1], lines[i])) recognise(lines[i]);
  mark_repeated(lines);
  return lines;
}

bool looks_clean(const std::vector<Line>& lines) {
  int nav_run = 0;
  for (const auto& l : lines) {
    if (l.phrase != Phrase::kNone || l.credit || l.nav_list) return false;
    bool nav_like = l.words <= 4 && l.length < 40 && !l.sentence_end && !l.has_digit;
    nav_run = nav_like ? nav_run + 1 : 0;
    if (nav_run >= 3) return false;
  }
  return true;
}

namespace {

// A short label next to an image credit ("Choe Ryong-hae" over "Image: picture-alliance/AP").
constexpr uint32_t kMaxCaptionWords = 8;

bool caption(const std::vector<Line>& lines, std::size_t i) {
  const Line& l = lines[i];
  if (l.sentence_end || l.words > kMaxCaptionWords) return false;
  auto credit_at = [&](std::size_t j) {
    if (j >= lines.size()) return false;
    const Line& c = lines[j];
    if (c.credit) return true;
    if (c.phrase != Phrase::kBoilerplate) return false;
    for (std::string_view w : {"image", "photo", "foto", "bild", "picture", "credit"})
      if (starts_with_ci(c.text, w)) return true;
    return false;
  };
  return credit_at(i + 1) || (i > 0 && credit_at(i - 1));
}

// The learned stage decides each line from the heuristic classes of it and its neighbours plus
// features jusText ignores (see boilerplate_features.h).
void apply_model(const LineModel& model, std::vector<Line>& lines) {
  std::vector<float> f = line_features(lines, LineLexicon::active());
  const std::size_t width = model.features();
  // Neither the features (computed above) nor the vetoes read `keep`, so it is set in place.
  for (std::size_t i = 0; i < lines.size(); ++i) {
    // Lines the recognisers name as template stay out whatever the model says: a dateline, a
    // credit or "Share this" in the body only adds noise to search and snippets. So do captions.
    lines[i].keep = !named_template(lines[i]) && !caption(lines, i) &&
                    model.probability(&f[i * width]) >= model.threshold();
  }
}

void select_heuristic(std::vector<Line>& lines, bool have_stopwords) {
  bool any_good = false;
  for (auto& l : lines) {
    l.initial = l.kind = classify(l, have_stopwords);
    any_good |= l.kind == Kind::kGood;
  }
  if (!any_good) {
    // No paragraph is long and wordy enough: let the near-good ones lead, and failing those keep
    // sentence-like lines (a table of figures, a list of short paragraphs).
    bool any_near = false;
    for (auto& l : lines)
      if (l.kind == Kind::kNearGood) l.kind = Kind::kGood, any_near = true;
    if (!any_near) {
      for (auto& l : lines) l.keep = l.initial != Kind::kBad && (l.sentence_end || l.length >= 40);
      return;
    }
  }
  promote_headings(lines);
  revise_short(lines);
  revise_neargood(lines);
  rescue_sentences(lines);
  for (auto& l : lines) l.keep = l.kind == Kind::kGood && (l.initial != Kind::kBad || l.rescued) && !l.repeated;
  cut_tail(lines);
  keep_main_region(lines);
}

}  // namespace

void select_content(std::vector<Line>& lines, bool have_stopwords) {
  select_heuristic(lines, have_stopwords);
  for (auto& l : lines) l.heuristic_keep = l.keep;
  if (const LineModel* model = LineModel::active()) apply_model(*model, lines);
}

}  // namespace dsearch::page_detail
