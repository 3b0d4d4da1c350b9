#include "query_lexer.h"

#include <algorithm>

#include <cstdint>

namespace dsearch::query_internal {
namespace {

// Length of a valid UTF-8 sequence at s[i] and its code point, or 0 when the bytes there are not
// valid UTF-8 (overlong forms, surrogates and code points past U+10FFFF included).
std::size_t decode(std::string_view s, std::size_t i, char32_t& cp) {
  auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
  auto cont = [&](std::size_t k) { return i + k < s.size() && (b(k) & 0xC0) == 0x80; };
  unsigned char c = b(0);
  if (c < 0x80) { cp = c; return 1; }
  if (c >= 0xC2 && c <= 0xDF && cont(1)) { cp = (c & 0x1Fu) << 6 | (b(1) & 0x3Fu); return 2; }
  if (c >= 0xE0 && c <= 0xEF && cont(1) && cont(2)) {
    cp = (c & 0x0Fu) << 12 | (b(1) & 0x3Fu) << 6 | (b(2) & 0x3Fu);
    if (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4 && cont(1) && cont(2) && cont(3)) {
    cp = (c & 0x07u) << 18 | (b(1) & 0x3Fu) << 12 | (b(2) & 0x3Fu) << 6 | (b(3) & 0x3Fu);
    if (cp < 0x10000 || cp > 0x10FFFF) return 0;
    return 4;
  }
  return 0;
}

bool is_blank(char32_t c) {
  return c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0xA0) || c == 0x1680 || (c >= 0x2000 && c <= 0x200B) ||
         c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000 || c == 0xFEFF;
}

// Length of a quotation mark at s[i]: " “ ” „ « », or 0.
std::size_t quote_at(std::string_view s, std::size_t i) {
  if (s[i] == '"') return 1;
  auto at = [&](std::string_view q) { return s.substr(i, q.size()) == q; };
  if (at("\xE2\x80\x9C") || at("\xE2\x80\x9D") || at("\xE2\x80\x9E")) return 3;
  if (at("\xC2\xAB") || at("\xC2\xBB")) return 2;
  return 0;
}

bool ends_word(std::string_view s, std::size_t i) {
  return i >= s.size() || s[i] == ' ' || s[i] == '(' || s[i] == ')' || quote_at(s, i) > 0;
}

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

}  // namespace

std::string sanitize_query(std::string_view query) {
  std::string out(query);
  for (std::size_t i = 0; i < out.size();) {
    char32_t cp = 0;
    std::size_t n = decode(out, i, cp);
    if (n == 0) {
      out[i++] = ' ';
    } else {
      if (is_blank(cp)) out.replace(i, n, n, ' ');
      i += n;
    }
  }
  return out;
}

std::string canonical_field(std::string_view name) {
  std::string n;
  for (char c : name) n.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c));
  if (n == "title" || n == "source" || n == "country" || n == "mentions" || n == "person" || n == "org" ||
      n == "lang" || n == "date")
    return n;
  if (n == "mention") return "mentions";
  if (n == "people") return "person";
  if (n == "organization" || n == "organisation") return "org";
  if (n == "language") return "lang";
  if (n == "headline") return "title";
  return {};
}

std::size_t column_of(std::string_view text, std::size_t offset) {
  std::size_t col = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i)
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++col;
  return col;
}

std::vector<Lexeme> lex_query(std::string_view s) {
  std::vector<Lexeme> out;
  std::size_t i = 0;
  // In a query typed all in capitals (pasted headlines, TIME-style topics) AND, OR and NOT are
  // words: "WHAT IS NOT KNOWN" must not exclude "known".
  bool operators = std::any_of(s.begin(), s.end(), [](char c) { return c >= 'a' && c <= 'z'; }) ||
                   s.find("&&") != std::string_view::npos || s.find("||") != std::string_view::npos;
  auto read_phrase = [&](Lexeme& lx) {  // s[i] is an opening quote
    i += quote_at(s, i);
    std::size_t begin = i;
    std::size_t q = 0;
    while (i < s.size() && (q = quote_at(s, i)) == 0) ++i;
    lx.kind = Lex::kPhrase;
    lx.text.assign(s.substr(begin, i - begin));
    if (i < s.size()) i += q;  // an unclosed quote runs to the end
  };
  auto read_word = [&](Lexeme& lx) {
    std::size_t begin = i;
    while (!ends_word(s, i)) ++i;
    std::string_view w = s.substr(begin, i - begin);
    while (!w.empty() && w.back() == '*') {
      w.remove_suffix(1);
      lx.wildcard = true;
    }
    lx.text.assign(w);
  };

  while (i < s.size()) {
    if (s[i] == ' ') { ++i; continue; }
    Lexeme lx;
    lx.offset = i;
    // Signs count only when something follows them directly: "- x" and "a - b" are not exclusions.
    std::size_t j = i;
    char sign = 0;
    while (j < s.size() && (s[j] == '+' || s[j] == '-')) {
      sign = (s[j] == '-' || sign == '-') ? '-' : '+';
      ++j;
    }
    if (j > i) {
      if (j >= s.size() || s[j] == ' ' || s[j] == ')') { i = j; continue; }
      lx.sign = sign;
      i = j;
    }
    if (quote_at(s, i)) {
      read_phrase(lx);
    } else if (s[i] == '(') {
      lx.kind = Lex::kOpen;
      ++i;
    } else if (s[i] == ')') {
      lx.kind = Lex::kClose;
      ++i;
    } else {
      // field:value when the word starts with letters and a colon.
      std::size_t k = i;
      while (k < s.size() && is_alpha(s[k])) ++k;
      if (k > i && k < s.size() && s[k] == ':') {
        std::string_view name = s.substr(i, k - i);
        std::string field = canonical_field(name);
        std::size_t v = k + 1;
        if (!field.empty() && v < s.size() && quote_at(s, v)) {
          lx.field = field;
          i = v;
          read_phrase(lx);
        } else if (!field.empty() && !ends_word(s, v)) {
          lx.field = field;
          i = v;
          read_word(lx);
        } else if (s.substr(v, 2) == "//") {
          read_word(lx);  // a URL: one word, which the analyzer splits into a phrase
        } else {
          // "foo:bar" and "title:" with nothing after it: plain words.
          lx.text.assign(name);
          i = v;
        }
      } else {
        read_word(lx);
      }
      if (operators && lx.kind == Lex::kWord && lx.sign == 0 && lx.field.empty() && !lx.wildcard) {
        if (lx.text == "AND" || lx.text == "&&") lx.kind = Lex::kAnd;
        else if (lx.text == "OR" || lx.text == "||") lx.kind = Lex::kOr;
        else if (lx.text == "NOT") lx.kind = Lex::kNot;
      }
      if (lx.kind == Lex::kWord && lx.text.empty() && !lx.wildcard) continue;
    }
    out.push_back(std::move(lx));
  }
  return out;
}

}  // namespace dsearch::query_internal
