// Language guessing in two steps: the script decides for scripts that (nearly) belong to one
// language (Han, Kana, Hangul, Greek, ...), and stopword density votes among the languages of
// stopwords/ for Latin and Cyrillic text. Stopwords are the most frequent words of a language, so a
// few hundred words of text are enough and no model file is needed.
#include <array>
#include <string>

#include "dsearch/indexer/page.h"
#include "stopword_index.h"
#include "text_scan.h"

namespace dsearch {
namespace {

using page_detail::next_codepoint;

// Bytes looked at: enough for a reliable vote, and bounded so a 50 MB page costs nothing extra.
constexpr std::size_t kSampleBytes = 64 * 1024;
constexpr std::size_t kMaxWords = 3000;

enum Script { kLatin, kCyrillic, kGreek, kArabic, kHebrew, kHan, kKana, kHangul, kThai, kDevanagari,
              kArmenian, kGeorgian, kScripts };

int script_of(uint32_t cp) {
  if (cp < 0x80) return ((cp | 32) >= 'a' && (cp | 32) <= 'z') ? kLatin : -1;
  if (cp >= 0xC0 && cp < 0x250) return cp == 0xD7 || cp == 0xF7 ? -1 : kLatin;
  if (cp >= 0x370 && cp < 0x400) return kGreek;
  if (cp >= 0x400 && cp < 0x530) return kCyrillic;
  if (cp >= 0x530 && cp < 0x590) return kArmenian;
  if (cp >= 0x590 && cp < 0x600) return kHebrew;
  if ((cp >= 0x600 && cp < 0x700) || (cp >= 0x750 && cp < 0x780) || (cp >= 0xFB50 && cp < 0xFE00)) return kArabic;
  if (cp >= 0x900 && cp < 0x980) return kDevanagari;
  if (cp >= 0xE00 && cp < 0xE80) return kThai;
  if (cp >= 0x10A0 && cp < 0x1100) return kGeorgian;
  if ((cp >= 0x1100 && cp < 0x1200) || (cp >= 0xAC00 && cp < 0xD7B0) || (cp >= 0x3130 && cp < 0x3190)) return kHangul;
  if ((cp >= 0x3040 && cp < 0x3100) || (cp >= 0x31F0 && cp < 0x3200) || (cp >= 0xFF66 && cp < 0xFFA0)) return kKana;
  if ((cp >= 0x4E00 && cp < 0xA000) || (cp >= 0x3400 && cp < 0x4DC0) || (cp >= 0xF900 && cp < 0xFB00)) return kHan;
  return -1;
}

std::array<std::size_t, kScripts> count_scripts(std::string_view text) {
  std::array<std::size_t, kScripts> n{};
  for (std::size_t i = 0; i < text.size();) {
    int s = script_of(next_codepoint(text, i));
    if (s >= 0) ++n[s];
  }
  return n;
}

// The language of a script that is not voted on by stopwords, or "" (Latin, Cyrillic).
std::string language_of_script(const std::array<std::size_t, kScripts>& n, int dominant) {
  switch (dominant) {
    case kHan:
    case kKana:
      // Japanese mixes Kana into Han text; a small share of Kana is decisive.
      return n[kKana] * 10 > n[kHan] ? "ja" : "zh";
    case kHangul: return "ko";
    case kGreek: return "el";
    case kArabic: return "ar";
    case kHebrew: return "he";
    case kThai: return "th";
    case kDevanagari: return "hi";
    case kArmenian: return "hy";
    case kGeorgian: return "ka";
    default: return "";
  }
}

// The language whose stopwords are densest in `text`, or "" with too little evidence.
std::string vote_by_stopwords(std::string_view text) {
  const auto& idx = page_detail::stopword_index();
  std::array<std::size_t, 32> hits{};
  std::size_t words = 0;
  std::string lower;
  page_detail::for_each_word(text, [&](std::string_view w) {
    page_detail::lower_word(w, lower);
    for (uint32_t m = idx.mask(lower); m; m &= m - 1) ++hits[__builtin_ctz(m)];
    return ++words < kMaxWords;
  });
  std::size_t best = 0, second = 0;
  for (std::size_t i = 0; i < idx.langs.size(); ++i)
    if (hits[i] > hits[best]) best = i;
  second = best == 0 ? 1 : 0;
  for (std::size_t i = 0; i < idx.langs.size(); ++i)
    if (i != best && hits[i] > hits[second]) second = i;
  if (idx.langs.empty() || hits[best] < 2 || hits[best] * 12 < words) return "";
  // Two hits decide a headline only when no other language has any.
  if (hits[best] < 3 && hits[second] > 0) return "";
  // Close neighbours (Danish/Norwegian, Catalan/Spanish) need a margin to be told apart.
  if (hits[best] * 10 < hits[second] * 11 && hits[best] < 20) return "";
  return idx.langs[best];
}

}  // namespace

std::string detect_language(std::string_view text) {
  if (text.size() > kSampleBytes) {
    std::size_t cut = kSampleBytes;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    text = text.substr(0, cut);
  }
  auto n = count_scripts(text);
  int dominant = 0;
  for (int s = 1; s < kScripts; ++s)
    if (n[s] > n[dominant]) dominant = s;
  // Han plus Kana together outweigh Latin in Japanese pages full of romaji menus.
  if (n[kHan] + n[kKana] > n[dominant]) dominant = n[kKana] > n[kHan] ? kKana : kHan;
  if (n[dominant] < 10) return "";
  if (auto lang = language_of_script(n, dominant); !lang.empty()) return lang;
  std::string voted = vote_by_stopwords(text);
  // Russian is the only Cyrillic list in stopwords/; a Latin vote inside Cyrillic text is noise.
  if (dominant == kCyrillic) return "ru";
  return voted;
}

}  // namespace dsearch
