#include "boilerplate_phrases.h"

#include <cctype>
#include <string>
#include <vector>

#include "indexer_data.h"

#include "text_scan.h"

namespace dsearch::page_detail {
namespace {

// Longest line (in words) a phrase may open; longer lines are content whatever they start with.
constexpr int kMaxPhraseLineWords = 12;
constexpr int kMaxEndMarkerWords = 8;

struct Entry {
  std::string phrase;  // lower case
  Phrase kind;
  bool whole;          // the line must be the phrase alone (plus punctuation or a count)
};

// indexer/data/boilerplate_phrases.txt: "E phrase", "B phrase", "E= phrase", "B= phrase".
std::vector<Entry> parse_entries(std::string_view text) {
  std::vector<Entry> entries;
  while (!text.empty()) {
    std::size_t nl = text.find('\n');
    std::string_view line = trim(text.substr(0, nl));
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    if (line.size() < 3 || line.front() == '#' || (line[0] != 'E' && line[0] != 'B')) continue;
    bool whole = line[1] == '=';
    std::string_view phrase = trim(line.substr(whole ? 2 : 1));
    if (phrase.empty()) continue;
    std::string lower;
    lower_word(phrase, lower);
    entries.push_back({lower, line[0] == 'E' ? Phrase::kEndMarker : Phrase::kBoilerplate, whole});
  }
  return entries;
}

// Entries bucketed by their first byte, so a line is compared only with the phrases that can match.
struct PhraseTable {
  std::vector<Entry> by_first_byte[256];
};

const PhraseTable& phrase_table() {
  static const PhraseTable t = [] {
    PhraseTable table;
    for (auto& e : parse_entries(embedded_indexer_data("boilerplate_phrases.txt")))
      table.by_first_byte[static_cast<unsigned char>(e.phrase[0])].push_back(std::move(e));
    return table;
  }();
  return t;
}

// Phrase entries compare against the line lower-cased, after list numbering and bullets.
std::string_view strip_list_marker(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
  if (i > 0 && i < s.size() && (s[i] == '.' || s[i] == ')')) s.remove_prefix(i + 1);
  for (std::string_view bullet : {"-", "*", "•", "·", "»", "›", ">", "|", "+"})
    if (s.substr(0, bullet.size()) == bullet) {
      s.remove_prefix(bullet.size());
      break;
    }
  return trim(s);
}

// True when what follows a matched prefix is only punctuation, digits and spaces ("Comments (12)").
bool only_decoration(std::string_view rest) {
  for (std::size_t i = 0; i < rest.size();) {
    uint32_t cp = next_codepoint(rest, i);
    if (cp >= 0x80 ? is_word_char(cp) : std::isalpha(static_cast<int>(cp)) != 0) return false;
  }
  return true;
}

bool matches(std::string_view lower, const Entry& e) {
  if (lower.substr(0, e.phrase.size()) != e.phrase) return false;
  std::string_view rest = lower.substr(e.phrase.size());
  if (e.whole) return only_decoration(rest);
  if (rest.empty()) return true;
  // A word must not continue past the phrase: "share" must not match "shareholders".
  std::size_t last = e.phrase.size() - 1;
  while (last > 0 && (static_cast<unsigned char>(e.phrase[last]) & 0xC0) == 0x80) --last;
  if (!is_word_char(next_codepoint(e.phrase, last))) return true;
  std::size_t i = 0;
  return !is_word_char(next_codepoint(rest, i));
}

// Wording that marks a whole short line as a caption credit or a legal notice wherever it appears:
// "René Klemmer. Foto: GdP/Hagen Immel", "Photograph by ...".
constexpr std::string_view kShortLineMarks[] = {
    "foto:", "photo:", "image:", "bild:", "imagen:", "photograph:", "credit:", "\xC2\xA9", "getty images",
    "shutterstock", "picture-alliance", "picture alliance", "photograph by", "photo by", "foto von",
    "all rights reserved", "alle rechte vorbehalten", "newsletter", "javascript"};
constexpr int kMaxMarkedLineWords = 25;
// Consent banners run long, but no article paragraph talks about the reader's cookies.
constexpr int kMaxNoticeWords = 150;

bool contains_mark(std::string_view lower, int words) {
  if (lower.find("cookie") != std::string_view::npos && words <= kMaxNoticeWords) return true;
  if (words > kMaxMarkedLineWords) return false;
  for (auto m : kShortLineMarks)
    if (lower.find(m) != std::string_view::npos) return true;
  return false;
}

int count_words(std::string_view s, int stop_after) {
  int n = 0;
  for_each_word(s, [&](std::string_view) { return ++n <= stop_after; });
  return n;
}

}  // namespace

Phrase classify_phrase(std::string_view line) {
  line = strip_list_marker(line);
  if (line.empty()) return Phrase::kNone;
  int words = count_words(line.substr(0, 4000), kMaxNoticeWords + 1);
  if (words > kMaxMarkedLineWords) {
    // Long lines: only a consent banner qualifies, so look for it before lower-casing anything.
    bool cookie = words <= kMaxNoticeWords && line.find("ookie") != std::string_view::npos;
    return cookie ? Phrase::kBoilerplate : Phrase::kNone;
  }
  std::string lower;
  lower_word(line.substr(0, 400), lower);
  if (words <= kMaxPhraseLineWords) {
    for (const auto& e : phrase_table().by_first_byte[static_cast<unsigned char>(lower.empty() ? 0 : lower[0])]) {
      if (!matches(lower, e)) continue;
      if (e.kind == Phrase::kEndMarker && words > kMaxEndMarkerWords) continue;
      return e.kind;
    }
  }
  return contains_mark(lower, words) ? Phrase::kBoilerplate : Phrase::kNone;
}

bool is_credit_line(std::string_view line) {
  line = trim(line);
  if (line.empty() || line.size() > 60) return false;
  if (line.front() == '(' && line.back() == ')') return count_words(line, 6) <= 5;
  // Lower-case initials joined by slashes, optionally followed by agencies: "ksb/mkg (AFP, AP)".
  std::size_t i = 0, groups = 0;
  while (i < line.size()) {
    std::size_t start = i;
    while (i < line.size() && std::isalpha(static_cast<unsigned char>(line[i]))) ++i;
    if (i - start < 2 || i - start > 5) return false;
    ++groups;
    if (i < line.size() && line[i] == '/') {
      ++i;
      continue;
    }
    break;
  }
  if (groups < 2) return false;
  std::string_view rest = trim(line.substr(i));
  return rest.empty() || (rest.front() == '(' && rest.back() == ')');
}

bool is_separator_list(std::string_view line) {
  if (line.size() > 400) return false;
  int seps = 0;
  for (std::string_view sep : {" | ", " • ", " · ", " / ", " - "}) {
    for (std::size_t p = line.find(sep); p != std::string_view::npos; p = line.find(sep, p + 1)) ++seps;
  }
  int words = count_words(line, 100);
  return seps >= 2 && words <= (seps + 1) * 3;
}

}  // namespace dsearch::page_detail
