#include "boilerplate_features.h"

#include <algorithm>
#include <cmath>

#include "text_scan.h"

namespace dsearch::page_detail {
namespace {

// Shape of the text that the jusText measures leave out: how much is punctuation, capitals and
// digits, and the marks menus, bylines, bios and captions tend to carry.
struct Shape {
  float punct = 0, caps = 0, digits = 0, mean_word = 0, commas = 0;
  float colon_end = 0, list_start = 0, link = 0, separators = 0, first_person = 0;
};

bool has_ci(std::string_view s, std::string_view needle) {
  if (needle.size() > s.size()) return false;
  for (std::size_t i = 0; i + needle.size() <= s.size(); ++i)
    if (starts_with_ci(s.substr(i), needle)) return true;
  return false;
}

Shape shape_of(const Line& l) {
  Shape s;
  uint32_t chars = 0, punct = 0, digits = 0, caps = 0, words = 0, word_bytes = 0, commas = 0, seps = 0;
  bool at_word_start = true;
  for (std::size_t i = 0; i < l.text.size();) {
    uint32_t cp = next_codepoint(l.text, i);
    ++chars;
    bool word = is_word_char(cp);
    if (word && at_word_start) {
      ++words;
      caps += (cp >= 'A' && cp <= 'Z') || (cp >= 0xC0 && cp <= 0xDE) || (cp >= 0x391 && cp <= 0x42F);
    }
    if (word) ++word_bytes;
    at_word_start = !word;
    digits += cp >= '0' && cp <= '9';
    if (!word && cp != ' ') ++punct;
    commas += cp == ',';
    seps += cp == '|' || cp == 0xBB || cp == 0x203A || cp == 0xB7 || cp == 0x2022 || cp == 0xA9 || cp == '>';
  }
  float n = static_cast<float>(std::max<uint32_t>(chars, 1));
  s.punct = punct / n;
  s.digits = digits / n;
  s.caps = words ? static_cast<float>(caps) / words : 0;
  s.mean_word = words ? static_cast<float>(word_bytes) / words : 0;
  s.commas = std::log1p(static_cast<float>(commas));
  s.separators = std::log1p(static_cast<float>(seps));
  s.colon_end = !l.text.empty() && (l.text.back() == ':' || l.text.ends_with("..."));
  unsigned char c0 = static_cast<unsigned char>(l.text[0]);
  s.list_start = c0 == '-' || c0 == '*' || (c0 >= '0' && c0 <= '9') || l.text.starts_with("\u2022") ||
                 l.text.starts_with("\u2013") || l.text.starts_with("\u2014");
  s.link = has_ci(l.text, "http") || has_ci(l.text, "www.") || l.text.find('@') != std::string_view::npos;
  // Author bios and calls to subscribe address or introduce someone; articles rarely do in a line.
  s.first_person = has_ci(l.text, " you") || has_ci(l.text, " ich ") || has_ci(l.text, " sie ") ||
                   has_ci(l.text, " i am") || has_ci(l.text, " we ");
  return s;
}

float kind_value(Kind k) { return static_cast<float>(static_cast<int>(k)); }

float stop_density(const Line& l) { return l.words ? static_cast<float>(l.stops) / l.words : 0.0f; }

const std::vector<std::string_view> kNames = {
    "log_length", "log_words", "stop_density", "sentence_end", "has_digit", "date_line", "credit",
    "nav_list", "repeated", "phrase_boilerplate", "phrase_end", "blank_before", "indented",
    "initial_kind", "kind", "heuristic_keep", "rescued", "punct_share", "caps_share", "digit_share",
    "mean_word", "log_commas", "colon_end", "list_start", "link", "log_separators", "first_person",
    // neighbours at -2, -1, +1, +2
    "m2_log_length", "m2_stop_density", "m2_keep", "m2_sentence_end", "m2_kind", "m2_template",
    "m1_log_length", "m1_stop_density", "m1_keep", "m1_sentence_end", "m1_kind", "m1_template",
    "p1_log_length", "p1_stop_density", "p1_keep", "p1_sentence_end", "p1_kind", "p1_template",
    "p2_log_length", "p2_stop_density", "p2_keep", "p2_sentence_end", "p2_kind", "p2_template",
    // place on the page
    "position", "kept_before_share", "log_distance_to_kept", "inside_kept_span", "length_vs_longest",
    "log_lines", "kept_share_of_page", "after_end_marker", "log_kept_run", "log_dropped_run",
    // wording (line_lexicon.h): the line, its neighbours at -2, -1, +1, +2, the page mean
    "lex_score", "m2_lex_score", "m1_lex_score", "p1_lex_score", "p2_lex_score", "page_lex_mean"};

constexpr std::size_t kBase = 27, kPerNeighbour = 6;

void neighbour_features(const std::vector<Line>& lines, std::ptrdiff_t j, float* out) {
  if (j < 0 || j >= std::ssize(lines)) {
    std::fill(out, out + kPerNeighbour, -1.0f);  // the page edge
    return;
  }
  const Line& l = lines[j];
  out[0] = std::log1p(static_cast<float>(l.length));
  out[1] = stop_density(l);
  out[2] = l.heuristic_keep;
  out[3] = l.sentence_end;
  out[4] = kind_value(l.kind);
  out[5] = named_template(l);
}

// Scores past the page edge are 0, no evidence either way: the edge itself is in the neighbour
// features above.
void lexical_features(const std::vector<Line>& lines, const LineLexicon* lexicon, std::size_t width,
                      std::vector<float>& f) {
  const std::size_t n = lines.size(), first = width - kLexicalFeatures;
  if (!lexicon || n == 0) return;
  std::vector<double> score(n);
  double sum = 0;
  for (std::size_t i = 0; i < n; ++i) sum += score[i] = lexicon->score(lines[i].text);
  auto at = [&](std::ptrdiff_t j) {
    return j < 0 || j >= std::ssize(lines) ? 0.0f : static_cast<float>(score[j]);
  };
  for (std::size_t i = 0; i < n; ++i) {
    float* out = &f[i * width + first];
    auto ii = static_cast<std::ptrdiff_t>(i);
    out[0] = at(ii);
    out[1] = at(ii - 2), out[2] = at(ii - 1), out[3] = at(ii + 1), out[4] = at(ii + 2);
    out[5] = static_cast<float>(sum / static_cast<double>(n));
  }
}

}  // namespace

const std::vector<std::string_view>& line_feature_names() { return kNames; }

std::vector<float> line_features(const std::vector<Line>& lines, const LineLexicon* lexicon) {
  const std::size_t n = lines.size(), width = kNames.size();
  std::vector<float> f(n * width, 0.0f);
  double total_kept = 0, total_length = 0;
  uint32_t longest = 1;
  std::ptrdiff_t first_kept = -1, last_kept = -1;
  for (std::size_t i = 0; i < n; ++i) {
    total_length += lines[i].length;
    longest = std::max(longest, lines[i].length);
    if (!lines[i].heuristic_keep) continue;
    total_kept += lines[i].length;
    if (first_kept < 0) first_kept = static_cast<std::ptrdiff_t>(i);
    last_kept = static_cast<std::ptrdiff_t>(i);
  }
  // Distance to the nearest kept line and the length of the kept/dropped run a line is in.
  std::vector<uint32_t> dist(n, UINT32_MAX), run(n, 0);
  for (std::size_t i = 0, last = SIZE_MAX; i < n; ++i) {
    if (lines[i].heuristic_keep) last = i;
    if (last != SIZE_MAX) dist[i] = static_cast<uint32_t>(i - last);
  }
  for (std::size_t i = n, next = SIZE_MAX; i-- > 0;) {
    if (lines[i].heuristic_keep) next = i;
    if (next != SIZE_MAX) dist[i] = std::min<uint32_t>(dist[i], static_cast<uint32_t>(next - i));
  }
  for (std::size_t i = 0; i < n;) {
    std::size_t j = i;
    while (j < n && lines[j].heuristic_keep == lines[i].heuristic_keep) ++j;
    for (std::size_t k = i; k < j; ++k) run[k] = static_cast<uint32_t>(j - i);
    i = j;
  }
  double kept_before = 0;
  bool seen_end_marker = false;
  for (std::size_t i = 0; i < n; ++i) {
    const Line& l = lines[i];
    float* row = &f[i * width];
    Shape s = shape_of(l);
    float base[kBase] = {std::log1p(static_cast<float>(l.length)), std::log1p(static_cast<float>(l.words)),
                         stop_density(l), static_cast<float>(l.sentence_end), static_cast<float>(l.has_digit),
                         static_cast<float>(l.date_line), static_cast<float>(l.credit),
                         static_cast<float>(l.nav_list), static_cast<float>(l.repeated),
                         static_cast<float>(l.phrase == Phrase::kBoilerplate),
                         static_cast<float>(l.phrase == Phrase::kEndMarker), static_cast<float>(l.blank_before),
                         static_cast<float>(l.indented), kind_value(l.initial), kind_value(l.kind),
                         static_cast<float>(l.heuristic_keep), static_cast<float>(l.rescued), s.punct, s.caps, s.digits,
                         s.mean_word, s.commas, s.colon_end, s.list_start, s.link, s.separators, s.first_person};
    std::copy(base, base + kBase, row);
    float* nb = row + kBase;
    for (std::ptrdiff_t d : {-2, -1, 1, 2}) {
      neighbour_features(lines, static_cast<std::ptrdiff_t>(i) + d, nb);
      nb += kPerNeighbour;
    }
    auto ii = static_cast<std::ptrdiff_t>(i);
    nb[0] = n > 1 ? static_cast<float>(i) / static_cast<float>(n - 1) : 0.0f;
    nb[1] = total_kept > 0 ? static_cast<float>(kept_before / total_kept) : -1.0f;
    nb[2] = dist[i] == UINT32_MAX ? -1.0f : std::log1p(static_cast<float>(dist[i]));
    nb[3] = first_kept >= 0 && ii >= first_kept && ii <= last_kept;
    nb[4] = static_cast<float>(l.length) / static_cast<float>(longest);
    nb[5] = std::log1p(static_cast<float>(n));
    nb[6] = total_length > 0 ? static_cast<float>(total_kept / total_length) : 0.0f;
    nb[7] = seen_end_marker;
    nb[8] = l.heuristic_keep ? std::log1p(static_cast<float>(run[i])) : 0.0f;
    nb[9] = l.heuristic_keep ? 0.0f : std::log1p(static_cast<float>(run[i]));
    if (l.heuristic_keep) kept_before += l.length;
    seen_end_marker |= l.phrase == Phrase::kEndMarker && kept_before > 0;
  }
  lexical_features(lines, lexicon, width, f);
  return f;
}

}  // namespace dsearch::page_detail
