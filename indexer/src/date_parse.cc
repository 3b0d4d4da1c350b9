// A hand-written tokenizer and a few token patterns instead of std::regex: it is linear, cannot
// overflow the stack, and month names of several languages are one table lookup.
#include "date_parse.h"

#include <cstdio>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "text_scan.h"

namespace dsearch::page_detail {
namespace {

struct Tok {
  enum Type { kNum, kWord, kPunct } type;
  int value = 0;       // kNum: the number; kPunct: the character
  int digits = 0;      // kNum
  std::string word;    // kWord, lower-cased
};

// Month names and abbreviations in English, German, French, Spanish, Italian, Portuguese and
// Polish (genitive, as dates use it).
const std::unordered_map<std::string_view, int>& month_names() {
  static const std::unordered_map<std::string_view, int> m = [] {
    std::unordered_map<std::string_view, int> t;
    const char* names[12][12] = {
        {"january", "jan", "januar", "jänner", "janvier", "enero", "gennaio", "janeiro", "stycznia", "ene"},
        {"february", "feb", "februar", "février", "fevrier", "febrero", "febbraio", "fevereiro", "lutego", "fév", "févr"},
        {"march", "mar", "märz", "mrz", "mär", "mars", "marzo", "março", "marca"},
        {"april", "apr", "avril", "abril", "aprile", "kwietnia", "avr", "abr"},
        {"may", "mai", "mayo", "maggio", "maio", "maja", "mag"},
        {"june", "jun", "juni", "juin", "junio", "giugno", "junho", "czerwca", "giu"},
        {"july", "jul", "juli", "juillet", "julio", "luglio", "julho", "lipca", "juil", "lug"},
        {"august", "aug", "août", "aout", "agosto", "sierpnia", "ago"},
        {"september", "sep", "sept", "septembre", "septiembre", "setiembre", "settembre", "setembro", "września", "set"},
        {"october", "oct", "oktober", "okt", "octobre", "octubre", "ottobre", "outubro", "października", "ott"},
        {"november", "nov", "novembre", "noviembre", "novembro", "listopada"},
        {"december", "dec", "dezember", "dez", "décembre", "decembre", "diciembre", "dicembre", "dezembro", "grudnia", "déc", "dic"},
    };
    for (int mo = 0; mo < 12; ++mo)
      for (const char* n : names[mo])
        if (n) t.emplace(n, mo + 1);
    return t;
  }();
  return m;
}

std::vector<Tok> tokenize(std::string_view s) {
  std::vector<Tok> toks;
  std::string lower;
  for (std::size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c >= '0' && c <= '9') {
      Tok t{Tok::kNum, 0, 0, {}};
      // Every digit is consumed, but only the first nine are accumulated: no int overflow, and
      // no date part has more digits than that anyway.
      int read = 0;
      for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i, ++read)
        if (read < 9) t.value = t.value * 10 + (s[i] - '0');
      t.digits = 0;
      for (int v = t.value; v || !t.digits; v /= 10) ++t.digits;
      toks.push_back(t);
      continue;
    }
    std::size_t at = i;
    uint32_t cp = next_codepoint(s, i);
    if (cp == ' ' || cp == '\t' || cp == 0xA0) continue;
    if (!is_word_char(cp)) {
      toks.push_back({Tok::kPunct, static_cast<int>(cp), 0, {}});
      continue;
    }
    // CJK date markers (年月日, 년월일) are single-character words.
    bool cjk = cp >= 0x3000;
    while (!cjk && i < s.size()) {
      std::size_t j = i;
      uint32_t d = next_codepoint(s, j);
      if (!is_word_char(d) || (d >= '0' && d <= '9') || d >= 0x3000) break;
      i = j;
    }
    lower_word(s.substr(at, i - at), lower);
    toks.push_back({Tok::kWord, 0, 0, lower});
  }
  return toks;
}

bool valid(int y, int m, int d) {
  static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 || d > days[m - 1]) return false;
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return !(m == 2 && d == 29 && !leap);
}

std::string format(int y, int m, int d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

class Matcher {
 public:
  explicit Matcher(const std::vector<Tok>& t) : t_(t) {}

  // The date starting at token k, or "".
  std::string at(std::size_t k) const {
    if (auto s = numeric(k); !s.empty()) return s;
    if (auto s = month_first(k); !s.empty()) return s;
    if (auto s = day_first(k); !s.empty()) return s;
    return cjk(k);
  }

 private:
  bool num(std::size_t k, int min_digits, int max_digits) const {
    return k < t_.size() && t_[k].type == Tok::kNum && t_[k].digits >= min_digits && t_[k].digits <= max_digits;
  }
  bool punct(std::size_t k, int c) const { return k < t_.size() && t_[k].type == Tok::kPunct && t_[k].value == c; }
  bool word(std::size_t k, std::string_view w) const {
    return k < t_.size() && t_[k].type == Tok::kWord && t_[k].word == w;
  }
  int month(std::size_t k) const {
    if (k >= t_.size() || t_[k].type != Tok::kWord) return 0;
    auto it = month_names().find(t_[k].word);
    return it == month_names().end() ? 0 : it->second;
  }
  std::size_t skip(std::size_t k, std::initializer_list<int> puncts) const {
    for (int p : puncts)
      if (punct(k, p)) return k + 1;
    return k;
  }
  std::size_t skip_word(std::size_t k, std::initializer_list<std::string_view> words) const {
    for (auto w : words)
      if (word(k, w)) return k + 1;
    return k;
  }
  int v(std::size_t k) const { return t_[k].value; }
  static std::string ok(int y, int m, int d) { return valid(y, m, d) ? format(y, m, d) : ""; }

  // 2014-11-17, 2014/11/17, 17.11.2014, and unambiguous 17/11/2014 or 11/17/2014.
  std::string numeric(std::size_t k) const {
    for (int sep : {'-', '/', '.'}) {
      if (num(k, 4, 4) && punct(k + 1, sep) && num(k + 2, 1, 2) && punct(k + 3, sep) && num(k + 4, 1, 2))
        return ok(v(k), v(k + 2), v(k + 4));
      if (num(k, 1, 2) && punct(k + 1, sep) && num(k + 2, 1, 2) && punct(k + 3, sep) && num(k + 4, 4, 4)) {
        int a = v(k), b = v(k + 2), y = v(k + 4);
        if (sep == '.' || a > 12) return ok(y, b, a);
        if (b > 12) return ok(y, a, b);
      }
    }
    return "";
  }

  // November 14, 2014 / Nov. 14th 2014
  std::string month_first(std::size_t k) const {
    int m = month(k);
    if (!m) return "";
    std::size_t j = skip(k + 1, {'.'});
    if (!num(j, 1, 2)) return "";
    int d = v(j);
    j = skip_word(j + 1, {"st", "nd", "rd", "th"});
    j = skip(j, {',', '.'});
    return num(j, 4, 4) ? ok(v(j), m, d) : "";
  }

  // 14 November 2014 / 14. November 2014 / 14 de noviembre de 2014 / 14th of Nov, 2014
  std::string day_first(std::size_t k) const {
    if (!num(k, 1, 2) || (k > 0 && (punct(k - 1, '.') || punct(k - 1, '/') || punct(k - 1, '-')))) return "";
    std::size_t j = skip(k + 1, {'.'});
    j = skip_word(j, {"st", "nd", "rd", "th", "er"});
    j = skip_word(j, {"de", "of", "di"});
    int m = month(j);
    if (!m) return "";
    j = skip(j + 1, {'.'});
    j = skip_word(j, {"de", "del"});
    j = skip(j, {','});
    return num(j, 4, 4) ? ok(v(j), m, v(k)) : "";
  }

  // 2014年11月17日, 2014년 11월 17일
  std::string cjk(std::size_t k) const {
    bool han = word(k + 1, "年") && word(k + 3, "月");
    bool hangul = word(k + 1, "년") && word(k + 3, "월");
    if (!num(k, 4, 4) || !(han || hangul) || !num(k + 2, 1, 2) || !num(k + 4, 1, 2)) return "";
    return ok(v(k), v(k + 2), v(k + 4));
  }

  const std::vector<Tok>& t_;
};

}  // namespace

std::string find_date(std::string_view text) {
  auto toks = tokenize(text);
  Matcher m(toks);
  for (std::size_t k = 0; k < toks.size(); ++k)
    if (auto d = m.at(k); !d.empty()) return d;
  return "";
}

}  // namespace dsearch::page_detail
