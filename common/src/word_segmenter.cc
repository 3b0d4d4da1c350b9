#include "dsearch/word_segmenter.h"

#include <unicode/ubrk.h>
#include <unicode/utext.h>

#include <stdexcept>

namespace dsearch {
namespace {

using Emit = std::function<void(std::uint32_t, std::uint32_t)>;

bool is_space(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }
bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

// Within a stretch that latin_letter_at() has vetted, every byte from 0x80 up belongs to a
// two-byte Latin letter, so a byte alone tells a letter.
bool is_letter(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80; }

// U+00C0..U+027F but for U+00D7 and U+00F7 (× and ÷): the accented letters of Finnish, German,
// French, Polish, Czech... and IPA. All are ALetter in UAX #29 and behave as ASCII letters do, so
// they stay out of ICU, which was the largest part of segmenting Finnish news (bench/SPEED.md).
bool latin_letter_at(std::string_view text, std::size_t i) {
  if (i + 1 >= text.size()) return false;
  auto lead = static_cast<unsigned char>(text[i]), next = static_cast<unsigned char>(text[i + 1]);
  if ((next & 0xC0) != 0x80) return false;
  if (lead == 0xC3) return next != 0x97 && next != 0xB7;
  return lead >= 0xC4 && lead <= 0xC9;
}

// Bytes the hand-made rules leave to ICU: any other non-ASCII character, ':' (MidLetter in UAX
// #29 but not in ICU's rules), '_' (ExtendNumLet, which joins in ways not worth copying) and '@'
// (ICU 72 keeps "@handle" and "name@example.com" whole).
bool needs_icu(unsigned char c) { return c == ':' || c == '_' || c == '@'; }

// UAX #29 for letters and digits. Letters and digits join one another (WB5, WB8-10); '.' or an
// apostrophe joins two letters (WB6-7); ',', ';', '.' or an apostrophe joins two digits
// (WB11-12); everything else, and any other pair, is a break (WB999).
bool joins(unsigned char before, unsigned char mid, unsigned char after) {
  if (is_letter(before) && is_letter(after)) return mid == '.' || mid == '\'';
  if (is_digit(before) && is_digit(after)) return mid == '.' || mid == '\'' || mid == ',' || mid == ';';
  return false;
}

// The words of a stretch of ASCII and Latin letters with none of the bytes needs_icu() names.
// Offsets land on character boundaries: a word starts at a letter's first byte, as the bytes
// before it are ASCII, and a join skips an ASCII mark.
void plain_words(std::string_view text, std::size_t from, std::size_t to, const Emit& fn) {
  auto at = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  auto word_char = [&](std::size_t i) { return is_letter(at(i)) || is_digit(at(i)); };
  std::size_t i = from;
  while (i < to) {
    if (!word_char(i)) {
      ++i;
      continue;
    }
    std::size_t b = i++;
    for (;;) {
      if (i < to && word_char(i)) {
        ++i;
      } else if (i + 1 < to && word_char(i + 1) && joins(at(i - 1), at(i), at(i + 1))) {
        i += 2;
      } else {
        break;
      }
    }
    fn(static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(i));
  }
}

// The end of the stretch from `i` to the next space, and whether it needs ICU.
std::size_t stretch_end(std::string_view text, std::size_t i, bool& icu) {
  icu = false;
  while (i < text.size()) {
    auto c = static_cast<unsigned char>(text[i]);
    if (is_space(c)) break;
    if (c < 0x80) {
      icu = icu || needs_icu(c);
      ++i;
    } else if (latin_letter_at(text, i)) {
      i += 2;
    } else {
      icu = true;
      ++i;
    }
  }
  return i;
}

}  // namespace

WordSegmenter::WordSegmenter() {
  UErrorCode st = U_ZERO_ERROR;
  // Cloning a shared prototype is much cheaper than loading the break rules again.
  static std::unique_ptr<icu::BreakIterator> prototype(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), st));
  if (U_FAILURE(st) || !prototype) throw std::runtime_error("ICU word break rules unavailable");
  icu_.reset(prototype->clone());
}

WordSegmenter::~WordSegmenter() = default;
WordSegmenter::WordSegmenter(WordSegmenter&&) noexcept = default;
WordSegmenter& WordSegmenter::operator=(WordSegmenter&&) noexcept = default;

void WordSegmenter::icu_span(std::string_view text, std::size_t from, std::size_t to, const Emit& fn) {
  UErrorCode st = U_ZERO_ERROR;
  UText* ut = utext_openUTF8(nullptr, text.data() + from, static_cast<int64_t>(to - from), &st);
  if (U_FAILURE(st)) return;
  icu_->setText(ut, st);
  int32_t b = icu_->first();
  for (int32_t e = icu_->next(); e != icu::BreakIterator::DONE; b = e, e = icu_->next())
    if (icu_->getRuleStatus() >= UBRK_WORD_NONE_LIMIT)
      fn(static_cast<std::uint32_t>(from + static_cast<std::size_t>(b)), static_cast<std::uint32_t>(from + static_cast<std::size_t>(e)));
  utext_close(ut);
}

void WordSegmenter::icu_words(std::string_view text, const Emit& fn) { icu_span(text, 0, text.size(), fn); }

// ICU breaks on both sides of a space or line break, so the text is cut into stretches between
// them, and a run of stretches that need ICU goes to it in one piece (each setText costs).
void WordSegmenter::words(std::string_view text, const Emit& fn) {
  std::size_t n = text.size(), i = 0;
  std::size_t icu_from = n, icu_to = n;  // the pending run for ICU, if icu_from < n
  while (i < n) {
    while (i < n && is_space(static_cast<unsigned char>(text[i]))) ++i;
    if (i == n) break;
    std::size_t b = i;
    bool icu = false;
    i = stretch_end(text, i, icu);
    if (icu) {
      if (icu_from == n) icu_from = b;
      icu_to = i;
      continue;
    }
    if (icu_from < n) {
      icu_span(text, icu_from, icu_to, fn);
      icu_from = n;
    }
    plain_words(text, b, i, fn);
  }
  if (icu_from < n) icu_span(text, icu_from, icu_to, fn);
}

}  // namespace dsearch
