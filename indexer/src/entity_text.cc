#include "entity_text.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "dsearch/analyzer.h"
#include "dsearch/word_set.h"

namespace dsearch::entities {
namespace {

struct Char {
  UChar32 c;
  int32_t next;  // offset after it
};

Char char_at(std::string_view s, int32_t i) {
  auto b = static_cast<unsigned char>(s[static_cast<size_t>(i)]);
  if (b < 0x80) return {b, i + 1};
  UChar32 c;
  U8_NEXT(reinterpret_cast<const uint8_t*>(s.data()), i, static_cast<int32_t>(s.size()), c);
  return {c < 0 ? 0xFFFD : c, i};
}

bool is_word_char(UChar32 c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  return u_isalnum(c) || u_getCombiningClass(c) > 0 || u_charType(c) == U_NON_SPACING_MARK;
}
// ICU's case properties, answered without a call for ASCII: most words of most news.
bool is_upper(UChar32 c) { return c < 0x80 ? c >= 'A' && c <= 'Z' : u_isupper(c); }
bool is_lower(UChar32 c) { return c < 0x80 ? c >= 'a' && c <= 'z' : u_islower(c); }
bool is_upper_or_title(UChar32 c) { return c < 0x80 ? c >= 'A' && c <= 'Z' : u_isupper(c) || u_istitle(c); }
bool is_letter(UChar32 c) { return c < 0x80 ? (c | 0x20) >= 'a' && (c | 0x20) <= 'z' : u_isalpha(c); }

bool is_apostrophe(UChar32 c) { return c == '\'' || c == 0x2019 || c == 0x2018 || c == 0x2BC; }
bool is_dash(UChar32 c) { return c == '-' || (c >= 0x2010 && c <= 0x2015); }
bool is_space(UChar32 c) { return c == ' ' || c == '\t' || c == '\r' || c == 0xA0 || u_isspace(c); }

// Abbreviations that belong to the name after them: initials and titles ("J. Smith", "Mr. Lim")
// and the short forms that open place names ("St. Louis", "Ft. Lauderdale", "W. Va.").
bool joins_next(std::string_view key, std::string_view raw) {
  if (raw.size() == 1) return true;
  static const char* const kJoin[] = {"mr", "mrs", "ms", "dr", "st", "gen", "col", "lt", "sen", "rep",
                                      "gov", "prof", "rev", "mt", "ft"};
  return one_of(key, kJoin);
}

// Words after which a full stop does not end the sentence: titles and initials.
bool is_abbreviation(std::string_view key, std::string_view raw) {
  if (raw.size() == 1 || raw.find('.') != std::string_view::npos) return true;  // "J.", "U.S."
  static const char* const kAbbr[] = {"mr", "mrs", "ms", "dr", "st", "gen", "col", "lt", "sen", "rep",
                                      "gov", "prof", "rev", "jan", "feb", "mar", "apr", "aug", "sep",
                                      "sept", "oct", "nov", "dec", "no", "vs", "co", "corp", "inc", "ltd",
                                      "jr", "sr", "mt", "ft"};
  return one_of(key, kAbbr);
}

Shape shape_of(std::string_view raw) {
  int upper = 0, lower = 0, letters = 0;
  for (int32_t i = 0; i < static_cast<int32_t>(raw.size());) {
    Char ch = char_at(raw, i);
    i = ch.next;
    if (is_upper_or_title(ch.c)) ++upper, ++letters;
    else if (is_lower(ch.c)) ++lower, ++letters;
    else if (is_letter(ch.c)) ++letters;
  }
  if (letters == 0) return Shape::kOther;
  bool first_upper = is_upper_or_title(char_at(raw, 0).c);
  if (lower == 0 && upper >= 2) return Shape::kUpper;
  if (first_upper && lower > 0) return Shape::kCapital;
  if (lower > 0) return Shape::kLower;
  return Shape::kOther;
}

std::string word_key(std::string_view raw) {
  bool ascii = true;
  for (char c : raw) ascii &= static_cast<unsigned char>(c) < 0x80;
  std::string k;
  if (ascii) {
    for (char c : raw)
      if (c != '.' && c != '\'') k.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c));
    return k;
  }
  // Folding through ICU took 2-3% of a fi-news build, where nearly every other word holds an ä
  // or an ö and the same words come back article after article: each thread remembers them.
  constexpr std::size_t kKnownKeys = 50000;
  thread_local WordMap<std::string> known;
  if (auto it = known.find(raw); it != known.end()) return it->second;
  thread_local Analyzer folder("");
  std::string key = folder.stem(folder.fold(raw));  // no stemmer for "": folds and strips accents only
  if (known.size() >= kKnownKeys) known.clear();
  known.emplace(raw, key);
  return key;
}

}  // namespace

std::vector<Word> scan_words(std::string_view text) {
  std::vector<Word> words;
  const auto n = static_cast<int32_t>(text.size());
  bool sentence_end = true, paragraph_end = true, joined = false, hyphen = false, comma = false,
       paren = false;
  int newlines = 0, indent = 0;  // line breaks and leading spaces since the last word
  uint32_t paragraph = 0;
  size_t line_first_word = 0;
  int line_upper = 0, line_lower = 0;
  auto close_line = [&] {
    bool caps = line_upper >= 2 && line_lower * 8 <= line_upper;
    for (size_t w = line_first_word; w < words.size(); ++w) words[w].caps_line = caps;
    line_first_word = words.size();
    line_upper = line_lower = 0;
  };
  for (int32_t i = 0; i < n;) {
    Char ch = char_at(text, i);
    if (!is_word_char(ch.c)) {
      if (ch.c == '\n') {
        close_line();
        indent = 0;
        if (++newlines >= 2) {
          joined = false;
          if (!paragraph_end) paragraph_end = sentence_end = true, ++paragraph;
        }
      } else if (newlines > 0 && (ch.c == ' ' || ch.c == '\t')) {
        indent += ch.c == '\t' ? 4 : 1;
      } else if (is_dash(ch.c) && !words.empty() && words.back().end == static_cast<uint32_t>(i) &&
                 ch.next < n && is_word_char(char_at(text, ch.next).c)) {
        hyphen = true;  // "Jong-un", "Guinea-Bissau"; a spaced dash separates
      } else if (!is_space(ch.c)) {
        bool touching_dot = ch.c == '.' && !words.empty() && words.back().end == static_cast<uint32_t>(i) &&
                            joins_next(words.back().key, text.substr(words.back().begin, words.back().end - words.back().begin));
        if (!touching_dot) joined = false;
        if (ch.c == ',') comma = true;
        if (ch.c == '(') paren = true;
        bool touching = !words.empty() && words.back().end == static_cast<uint32_t>(i);
        if (ch.c == ')' && touching) words.back().paren_after = true;
        if (ch.c == '.' || ch.c == '!' || ch.c == '?' || ch.c == ':' || ch.c == ';') sentence_end = true;
        if (ch.c == '.' && touching &&
            is_abbreviation(words.back().key, text.substr(words.back().begin, words.back().end - words.back().begin)))
          sentence_end = false;
      }
      i = ch.next;
      continue;
    }
    // An indented line opens a paragraph, as in wire copy and plain-text mail.
    if (newlines == 1 && indent >= 2 && !paragraph_end) {
      paragraph_end = sentence_end = true;
      joined = false;
      ++paragraph;
    }
    // A word: letters and digits, with inner apostrophes ("O'Brien") and abbreviation dots ("U.S.").
    int32_t b = i, e = i;
    bool dotted = false;
    while (e < n) {
      Char c = char_at(text, e);
      if (is_word_char(c.c)) {
        if (is_upper(c.c)) ++line_upper;
        else if (is_lower(c.c)) ++line_lower;
        e = c.next;
        continue;
      }
      if (c.next < n && (is_apostrophe(c.c) || c.c == '.') && is_word_char(char_at(text, c.next).c)) {
        if (c.c == '.') {
          // Only single letters take inner dots ("U.S", "D.P.R.K"), not "end.Next".
          int32_t len = 0;
          for (int32_t k = e - 1; k >= b && text[static_cast<size_t>(k)] != '.'; --k) ++len;
          Char after = char_at(text, c.next);
          if (len != 1 || (after.next < n && is_word_char(char_at(text, after.next).c))) break;
          dotted = true;
        }
        e = c.next;
        continue;
      }
      break;
    }
    Word w;
    w.begin = static_cast<uint32_t>(b);
    int32_t raw_end = e;
    if (dotted && e < n && text[static_cast<size_t>(e)] == '.') ++raw_end;  // "U.S." keeps its dot
    std::string_view raw = text.substr(static_cast<size_t>(b), static_cast<size_t>(e - b));
    for (std::string_view poss : {"'s", "\xE2\x80\x99s", "'S", "\xE2\x80\x99S"}) {
      if (raw.size() > poss.size() && raw.substr(raw.size() - poss.size()) == poss) {
        raw.remove_suffix(poss.size());
        w.possessive = true;
        break;
      }
    }
    if (!w.possessive && e < n && is_apostrophe(char_at(text, e).c) && (raw.back() == 's' || raw.back() == 'S') &&
        (char_at(text, e).next >= n || !is_word_char(char_at(text, char_at(text, e).next).c))) {
      w.possessive = true;  // "Workers'"
      raw_end = char_at(text, e).next;
    }
    w.end = static_cast<uint32_t>(b + static_cast<int32_t>(raw.size()));
    if (raw.size() <= kMaxWordBytes) {
      w.key = word_key(raw);
      w.shape = shape_of(raw);
    }
    w.sentence_start = sentence_end;
    w.paragraph_start = paragraph_end;
    w.joined = joined && !words.empty();
    w.hyphen_before = hyphen && w.joined;
    w.comma_before = comma;
    w.paren_before = paren;
    w.paragraph = paragraph;
    words.push_back(std::move(w));
    sentence_end = paragraph_end = hyphen = comma = paren = false;
    joined = true;
    newlines = 0;
    i = raw_end;
  }
  close_line();
  return words;
}

std::string phrase_key(std::string_view phrase) {
  std::string k;
  for (const Word& w : scan_words(phrase)) {
    if (w.key.empty()) continue;
    if (!k.empty()) k += ' ';
    k += w.key;
  }
  return k;
}

void add_key_prefixes(WordSet& prefixes, const std::string& key) {
  for (size_t sp = key.find(' '); sp != std::string::npos; sp = key.find(' ', sp + 1)) prefixes.insert(key.substr(0, sp));
}

std::string title_case(std::string_view s) {
  std::string out(s);
  bool start = true;
  for (char& c : out) {
    auto u = static_cast<unsigned char>(c);
    bool letter = (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z');
    if (letter) c = static_cast<char>(start ? std::toupper(u) : std::tolower(u));
    start = !letter && u != '\'' && u < 0x80;
  }
  return out;
}

std::string squeeze_spaces(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (is_ascii_space(c)) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

}  // namespace dsearch::entities
