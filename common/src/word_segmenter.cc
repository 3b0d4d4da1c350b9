#include "dsearch/word_segmenter.h"

#include <unicode/ubrk.h>
#include <unicode/utext.h>

#include <stdexcept>

namespace dsearch {
namespace {

using Emit = std::function<void(std::uint32_t, std::uint32_t)>;

bool is_space(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }
bool is_letter(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

// Bytes the hand-made rules leave to ICU: anything outside ASCII, ':' (MidLetter in UAX #29 but
// not in ICU's rules), '_' (ExtendNumLet, which joins in ways not worth copying) and '@' (ICU 72
// keeps "@handle" and "name@example.com" whole).
bool needs_icu(unsigned char c) { return c >= 0x80 || c == ':' || c == '_' || c == '@'; }

// UAX #29 for ASCII without ':' and '_'. Letters and digits join one another (WB5, WB8-10);
// '.' or an apostrophe joins two letters (WB6-7); ',', ';', '.' or an apostrophe joins two
// digits (WB11-12); everything else, and any other pair, is a break (WB999).
bool joins(unsigned char before, unsigned char mid, unsigned char after) {
  if (is_letter(before) && is_letter(after)) return mid == '.' || mid == '\'';
  if (is_digit(before) && is_digit(after)) return mid == '.' || mid == '\'' || mid == ',' || mid == ';';
  return false;
}

// The words of an ASCII stretch with none of the bytes needs_icu() names.
void ascii_words(std::string_view text, std::size_t from, std::size_t to, const Emit& fn) {
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
    for (; i < n && !is_space(static_cast<unsigned char>(text[i])); ++i) icu = icu || needs_icu(static_cast<unsigned char>(text[i]));
    if (icu) {
      if (icu_from == n) icu_from = b;
      icu_to = i;
      continue;
    }
    if (icu_from < n) {
      icu_span(text, icu_from, icu_to, fn);
      icu_from = n;
    }
    ascii_words(text, b, i, fn);
  }
  if (icu_from < n) icu_span(text, icu_from, icu_to, fn);
}

}  // namespace dsearch
