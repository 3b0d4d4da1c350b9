#include "dsearch/analyzer.h"

#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utext.h>
#include <xapian.h>

#include <xxhash.h>

#include <algorithm>
#include <deque>
#include <map>
#include <utility>
#include <vector>
#include <unordered_map>
#include <mutex>
#include <sstream>
#include <stdexcept>

#include "dsearch/embedded.h"
#include "dsearch/word_segmenter.h"

namespace dsearch {
namespace {

// ISO 639-1 -> Xapian's Snowball stemmer names.
const std::map<std::string, std::string, std::less<>>& stemmer_names() {
  static const std::map<std::string, std::string, std::less<>> names = {
      {"ar", "arabic"},   {"hy", "armenian"},   {"eu", "basque"},     {"ca", "catalan"},
      {"da", "danish"},   {"nl", "dutch"},      {"en", "english"},    {"fi", "finnish"},
      {"fr", "french"},   {"de", "german"},     {"hu", "hungarian"},  {"id", "indonesian"},
      {"ga", "irish"},    {"it", "italian"},    {"lt", "lithuanian"}, {"ne", "nepali"},
      {"nb", "norwegian"}, {"no", "norwegian"}, {"nn", "norwegian"},  {"pt", "portuguese"},
      {"ro", "romanian"}, {"ru", "russian"},    {"es", "spanish"},    {"sv", "swedish"},
      {"ta", "tamil"},    {"tr", "turkish"},
  };
  return names;
}

// Languages that write elided articles and pronouns before an apostrophe ("l'homme").
bool elides(std::string_view lang) {
  return lang == "fr" || lang == "it" || lang == "ca";
}

bool is_ascii(std::string_view s) {
  for (unsigned char c : s)
    if (c >= 0x80) return false;
  return true;
}

// Apostrophes a word may contain once folded: ' U+2019 U+02BC U+2018.
constexpr std::string_view kApostrophes[] = {"'", "\xE2\x80\x99", "\xCA\xBC", "\xE2\x80\x98"};

// Removes the possessive "'s" (any apostrophe), elisions in languages that have them, then every
// remaining apostrophe, and abbreviation dots in words that have letters ("u.s" -> "us").
void strip_punctuation(std::string& w, std::string_view lang) {
  for (auto ap : kApostrophes) {
    std::string poss = std::string(ap) + "s";
    if (w.size() > poss.size() && w.compare(w.size() - poss.size(), poss.size(), poss) == 0) {
      w.resize(w.size() - poss.size());
      break;
    }
  }
  if (elides(lang)) {
    for (auto ap : kApostrophes) {
      auto p = w.find(ap);
      if (p != std::string::npos && p > 0 && p <= 2 && p + ap.size() < w.size()) {
        w.erase(0, p + ap.size());
        break;
      }
    }
  }
  for (auto ap : kApostrophes)
    for (auto p = w.find(ap); p != std::string::npos; p = w.find(ap)) w.erase(p, ap.size());
  if (w.find('.') != std::string::npos) {
    bool letters = false;
    for (unsigned char c : w) letters |= (c >= 0x80) || std::isalpha(c);
    if (letters) std::erase(w, '.');
  }
}

// Strips combining accents (U+0300..U+036F) and a few letters that carry their accent as a
// separate code point, so that "São"/"Sao" and "Łódź"/"Lodz" meet. Other scripts' marks are kept:
// in Devanagari or Arabic they are part of the spelling.
std::string strip_accents(std::string_view s) {
  if (is_ascii(s)) return std::string(s);
  UErrorCode st = U_ZERO_ERROR;
  static const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(st);
  static const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(st);
  icu::UnicodeString in = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), s.size()));
  icu::UnicodeString d = nfd->normalize(in, st);
  icu::UnicodeString out;
  for (int32_t i = 0; i < d.length();) {
    UChar32 c = d.char32At(i);
    i += U16_LENGTH(c);
    if (c >= 0x300 && c <= 0x36F) continue;
    switch (c) {
      case 0xF8: out.append(UChar32('o')); break;   // ø
      case 0x142: out.append(UChar32('l')); break;  // ł
      case 0x111: out.append(UChar32('d')); break;  // đ
      case 0xE6: out.append(icu::UnicodeString("ae")); break;
      case 0x153: out.append(icu::UnicodeString("oe")); break;
      default: out.append(c);
    }
  }
  std::string r;
  nfc->normalize(out, st).toUTF8String(r);
  return U_SUCCESS(st) ? r : std::string(s);
}

// Snowball lists comment with '|' and may hold several words a line; ours comment with '#'.
WordSet parse_stopwords(std::string_view text) {
  WordSet words;
  Analyzer folder("");
  std::istringstream lines{std::string(text)};
  for (std::string line; std::getline(lines, line);) {
    line = line.substr(0, std::min(line.find('|'), line.find('#')));
    std::istringstream ws(line);
    for (std::string w; ws >> w;) words.insert(folder.fold(w));
  }
  return words;
}

}  // namespace

// Words remembered per analyzer and generation. A cache lives per thread and language, so this
// bounds memory: 200,000 words a generation were 34 MB per analyzer on Finnish news, twice for two
// threads, for 18% of words missed against 26% with 30,000 (simulated on 100k fi-news items; the
// tail of an inflected language misses whatever the size).
constexpr std::size_t kCacheWords = 30000;

struct Analysed {
  std::string folded, term;
};

// The words analysed so far: an open-addressing table of (hash, index) slots over a deque of
// entries. The node-based map it replaces chased pointers: its lookups were 13% of a query
// benchmark's time, most of them in snippets.
class WordCache {
 public:
  explicit WordCache(std::size_t capacity) : capacity_(capacity) {}

  static std::uint64_t hash(std::string_view raw) {
    std::uint64_t h = XXH3_64bits(raw.data(), raw.size());
    return h ? h : 1;  // 0 marks an empty slot
  }
  bool full() const { return entries_.size() >= capacity_; }

  Analysed* find(std::string_view raw, std::uint64_t h) {
    if (slots_.empty()) return nullptr;
    for (std::size_t i = h & (slots_.size() - 1);; i = (i + 1) & (slots_.size() - 1)) {
      const Slot& s = slots_[i];
      if (s.hash == 0) return nullptr;
      if (s.hash == h && entries_[s.index].raw == raw) return &entries_[s.index].value;
    }
  }

  // Entries never move (a deque), so what find() and insert() return stays valid.
  Analysed& insert(std::string_view raw, std::uint64_t h, Analysed value) {
    if ((entries_.size() + 1) * 2 > slots_.size()) grow();
    place(h, static_cast<std::uint32_t>(entries_.size()));
    entries_.push_back({std::string(raw), std::move(value)});
    return entries_.back().value;
  }

 private:
  struct Slot {
    std::uint64_t hash = 0;
    std::uint32_t index = 0;
  };
  struct Entry {
    std::string raw;
    Analysed value;
  };

  void place(std::uint64_t h, std::uint32_t index) {
    std::size_t i = h & (slots_.size() - 1);
    while (slots_[i].hash != 0) i = (i + 1) & (slots_.size() - 1);
    slots_[i] = {h, index};
  }
  // Kept at most half full, so probes stay short; it starts small, as most analyzers (queries,
  // snippets of a few hits) meet few words.
  void grow() {
    std::vector<Slot> old = std::exchange(slots_, std::vector<Slot>(std::max<std::size_t>(1024, slots_.size() * 2)));
    for (const Slot& s : old)
      if (s.hash) place(s.hash, s.index);
  }

  std::vector<Slot> slots_;
  std::deque<Entry> entries_;
  std::size_t capacity_;
};

struct Analyzer::Impl {
  std::string lang;
  std::unique_ptr<Xapian::Stem> stemmer;  // null: no stemming
  WordSegmenter words;
  const WordSet* stops = nullptr;
  // Folding and stemming cost most of the chain, and news text repeats its words: remember them,
  // in two generations: when `recent` is full it becomes `older` and the words still in use move
  // back into the new `recent` as they are met, so a cache of N words keeps about N of the most
  // used ones, where starting afresh lost them all.
  WordCache recent{kCacheWords}, older{0};
  const Analysed& analyse(std::string_view raw, const Analyzer& a);
};

const Analysed& Analyzer::Impl::analyse(std::string_view raw, const Analyzer& a) {
  std::uint64_t h = WordCache::hash(raw);
  if (Analysed* hit = recent.find(raw, h)) return *hit;
  if (recent.full()) older = std::exchange(recent, WordCache(kCacheWords));
  Analysed value;
  if (Analysed* old = older.find(raw, h)) {
    value = std::move(*old);  // `older` keeps the word with an empty value; `recent` is looked in first
  } else {
    value.folded = a.fold(raw);
    if (!value.folded.empty()) value.term = a.stem(value.folded);
  }
  return recent.insert(raw, h, std::move(value));
}

Analyzer::Analyzer(std::string_view lang) : impl_(std::make_unique<Impl>()) {
  impl_->lang = std::string(lang);
  if (auto it = stemmer_names().find(lang); it != stemmer_names().end())
    impl_->stemmer = std::make_unique<Xapian::Stem>(it->second);
}

Analyzer::~Analyzer() = default;
Analyzer::Analyzer(Analyzer&&) noexcept = default;
Analyzer& Analyzer::operator=(Analyzer&&) noexcept = default;

const std::string& Analyzer::lang() const { return impl_->lang; }

std::string Analyzer::fold(std::string_view word) const {
  std::string w;
  if (is_ascii(word)) {
    w.assign(word);
    for (char& c : w) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  } else {
    UErrorCode st = U_ZERO_ERROR;
    static const icu::Normalizer2* nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(st);
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(word.data(), word.size()));
    nfkc_cf->normalize(u, st).toUTF8String(w);
    if (U_FAILURE(st)) w.assign(word);
  }
  strip_punctuation(w, impl_->lang);
  return w;
}

std::string Analyzer::stem(std::string_view folded) const {
  if (folded.empty()) return {};
  unsigned char first = static_cast<unsigned char>(folded.front());
  bool stemmable = impl_->stemmer && !(first >= '0' && first <= '9');
  std::string s = stemmable ? (*impl_->stemmer)(std::string(folded)) : std::string(folded);
  return strip_accents(s);
}

bool Analyzer::is_stopword(std::string_view folded) const {
  if (!impl_->stops) impl_->stops = &stopwords(impl_->lang);
  return impl_->stops->contains(folded);
}

void Analyzer::tokenize(std::string_view text, const std::function<void(const Token&)>& fn) {
  Token tok;
  impl_->words.words(text, [&](std::uint32_t b, std::uint32_t e) {
    std::string_view raw = text.substr(b, e - b);
    if (raw.size() > kMaxWordBytes) return;
    tok.raw = raw;
    const Analysed& word = impl_->analyse(raw, *this);
    if (word.term.empty()) return;
    tok.folded = word.folded;
    tok.term = word.term;
    tok.begin = b;
    tok.end = e;
    fn(tok);
  });
}

std::vector<Token> Analyzer::tokens(std::string_view text) {
  std::vector<Token> out;
  tokenize(text, [&](const Token& t) { out.push_back(t); });
  return out;
}

const WordSet& stopwords(std::string_view lang) {
  static std::mutex mu;
  static std::map<std::string, WordSet, std::less<>> cache;
  std::lock_guard lock(mu);
  if (auto it = cache.find(lang); it != cache.end()) return it->second;
  auto& set = cache[std::string(lang)];
  if (!lang.empty()) set = parse_stopwords(embedded_stopwords(std::string(lang) + ".txt"));
  return set;
}

std::vector<std::string> stopword_languages() {
  std::vector<std::string> langs;
  for (size_t i = 0;; ++i) {
    std::string_view key = embedded_stopwords_key(i);
    if (key.empty()) break;
    if (key.size() > 4 && key.substr(key.size() - 4) == ".txt") langs.emplace_back(key.substr(0, key.size() - 4));
  }
  return langs;
}

bool has_stemmer(std::string_view lang) { return stemmer_names().count(lang) > 0; }

}  // namespace dsearch
