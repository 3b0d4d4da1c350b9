// The fuzz targets' bodies, shared by the libFuzzer binaries (fuzz_*.cc) and the regression test
// that replays fuzz/regressions/<target>/* in the normal build (tests/unit/fuzz_regression_test.cc).
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include "dsearch/article.h"
#include "dsearch/document_terms.h"
#include "dsearch/error.h"
#include "dsearch/indexer/analyse.h"
#include "dsearch/indexer/decode.h"
#include "dsearch/indexer/entities.h"
#include "dsearch/indexer/input.h"
#include "dsearch/indexer/page.h"
#include "dsearch/origin.h"
#include "dsearch/record_codec.h"
#include "dsearch/searcher/highlight.h"
#include "dsearch/searcher/query.h"
#include "dsearch/schema.h"
#include "dsearch/spelling.h"
#include "dsearch/token_sequence.h"
#include "dsearch/word_segmenter.h"
#include "../searcher/src/phrase_source.h"
#include <cstdlib>
#include <filesystem>
#include <set>
#include <sys/mman.h>
#include <unistd.h>
#include <xapian.h>

namespace dsearch::fuzz {


inline Xapian::Database& seed_index() {
  static Xapian::WritableDatabase db = [] {
    Xapian::WritableDatabase w(std::string(), Xapian::DB_BACKEND_INMEMORY);
    dsearch::Analyzer en("en");
    Xapian::Document d;
    dsearch::add_text_terms(d, en, "DPRK envoy's visit to Russia",
                            "SEOUL -- The DPRK sent a special envoy of Kim Jong Un to Moscow to meet Putin.");
    w.add_document(d);
    return w;
  }();
  return db;
}


// The analysis chain and snippets on any text: offsets stay inside the text.
inline int analyzer(const uint8_t* data, size_t size) {
  static dsearch::Analyzer en("en"), fi("fi");
  std::string text = dsearch::make_valid_utf8(std::string_view(reinterpret_cast<const char*>(data), size));
  dsearch::Highlight h;
  for (auto* a : {&en, &fi})
    a->tokenize(text, [&](const dsearch::Token& t) {
      if (t.end > text.size() || t.begin >= t.end) std::abort();
      if (h.terms.size() < 3) h.terms.insert(t.term);
    });
  dsearch::snippet(text, en, h, 120);
  dsearch::mark_all(text, en, h);
  // The hand-made segmentation must find exactly ICU's words (word_segmenter.h), on any text.
  static dsearch::WordSegmenter seg;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> fast, icu;
  seg.words(text, [&](std::uint32_t b, std::uint32_t e) { fast.emplace_back(b, e); });
  seg.icu_words(text, [&](std::uint32_t b, std::uint32_t e) { icu.emplace_back(b, e); });
  if (fast != icu) std::abort();
  return 0;
}

// Decoding any bytes: the result is valid UTF-8 or a clear error.
inline int decode(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  dsearch::Decoded d = dsearch::decode_text(bytes);
  if (d.error.empty() && dsearch::make_valid_utf8(d.text) != d.text) std::abort();
  std::string v = dsearch::make_valid_utf8(bytes);
  if (dsearch::make_valid_utf8(v) != v) std::abort();
  return 0;
}

// Entity extraction on any text: title and body split at the first newline.
inline int entities(const uint8_t* data, size_t size) {
  std::string text = dsearch::make_valid_utf8(std::string_view(reinterpret_cast<const char*>(data), size));
  auto nl = text.find('\n');
  std::string_view all(text);
  std::string_view title = all.substr(0, nl == std::string::npos ? 0 : nl);
  std::string_view body = nl == std::string::npos ? all : all.substr(nl + 1);
  dsearch::extract_entities(title, body, "en");
  return 0;
}

// Reading a JSON Lines file of any bytes (through a memory file, as dindex reads files).
inline int jsonl(const uint8_t* data, size_t size) {
  int fd = memfd_create("fuzz.jsonl", 0);
  if (fd < 0) return 0;
  if (write(fd, data, size) != static_cast<ssize_t>(size)) {
    close(fd);
    return 0;
  }
  dsearch::InputFile f;
  f.path = "/proc/self/fd/" + std::to_string(fd);
  f.rel = "fuzz.jsonl";
  f.size = size;
  f.jsonl = true;
  dsearch::read_articles(f, [&f](dsearch::RawArticle&& raw) {
    try {
      dsearch::Article a = dsearch::analyse(raw);
      dsearch::make_document(a, dsearch::encode_origin({dsearch::id_key(a.id), dsearch::hex_number(raw.hash), 1,
                                                        dsearch::short_key(f.rel)}));
    } catch (const std::runtime_error&) {
      // a clear per-article failure is fine
    }
  }, [](const dsearch::InputError&) {});
  close(fd);
  return 0;
}

// Page extraction (boilerplate, title, date, source, language) on any text.
inline int page(const uint8_t* data, size_t size) {
  std::string text = dsearch::make_valid_utf8(std::string_view(reinterpret_cast<const char*>(data), size));
  dsearch::extract_page(text);
  dsearch::PageHints hints;
  hints.lang = "de";
  dsearch::extract_page(text, hints);
  return 0;
}

// The word order of phrases (token_sequence.h): any bytes read as a stored value never lead a read
// outside it, and any text, written by add_text_terms, holds every run of its own words.
inline int tokens(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  dsearch::TokenSequence stored(bytes);
  if (stored.title_size() > stored.size() || (!stored.empty() && (stored.width() < 1 || stored.width() > 31)))
    std::abort();
  for (std::size_t i = 0; i < stored.size(); ++i)
    if (stored[i] >> stored.width()) std::abort();
  // find() scans several positions at a time: it must stop where a scan of each one would (for
  // some 64 positions' slots: a long value has hundreds of thousands).
  for (std::size_t i = 0; i < stored.size(); i += 1 + stored.size() / 64) {
    std::size_t from = i / 2, end = stored.size() - i / 3, expect = from;
    while (expect < end && stored[expect] != stored[i]) ++expect;
    if (stored.find(stored[i], from, end) != std::min(expect, end)) std::abort();
  }
  static const dsearch::PhrasePattern any({{"the", "a"}, {"envoy"}}, false), title({{"the"}, {"envoy"}}, true);
  any.matches(stored);
  title.matches(stored);

  static dsearch::Analyzer en("en");
  std::string text = dsearch::make_valid_utf8(bytes);
  auto nl = text.find('\n');
  std::string_view all(text);
  std::string_view head = all.substr(0, nl == std::string::npos ? 0 : nl);
  std::string_view body = nl == std::string::npos ? all : all.substr(nl + 1);
  Xapian::Document doc;
  dsearch::add_text_terms(doc, en, head, body);
  std::string value = doc.get_value(dsearch::schema::kSlotTokens);
  dsearch::TokenSequence written(value);
  auto words = en.tokens(body);
  if (written.size() != en.tokens(head).size() + 1 + words.size()) std::abort();
  if (words.empty()) return 0;
  std::size_t at = words.size() / 3, n = std::min<std::size_t>(words.size() - at, 1 + size % 4);
  std::vector<std::vector<std::string>> phrase;
  for (std::size_t i = at; i < at + n; ++i) phrase.push_back({words[i].term});
  if (!dsearch::PhrasePattern(phrase, false).matches(written)) std::abort();
  return 0;
}

// A record dictionary trained on made-up articles whose bodies are slices of seed text (any
// variety will do: only the code paths matter), and a glass index in a temporary folder holding it
// (the in-memory backend cannot list metadata keys).
struct DictionaryIndex {
  std::string dir, dict;
  Xapian::WritableDatabase db;
  DictionaryIndex() {
    std::string tmpl = "/tmp/dsearch-fuzz-XXXXXX";
    if (!mkdtemp(tmpl.data())) std::abort();
    dir = tmpl;
    db = Xapian::WritableDatabase(dir + "/index", Xapian::DB_CREATE);
    const std::string text =
        "SEOUL -- The DPRK sent a special envoy of Kim Jong Un to Moscow to meet Putin. Choe Ryong-hae, "
        "secretary of the Workers' Party, left Pyongyang on Monday for a week-long visit, state media "
        "KCNA said. Analysts in Seoul and Tokyo said the trip aims to diversify diplomatic relations. ";
    std::vector<std::string> samples;
    for (std::size_t i = 0; i < dsearch::kMinDictionarySamples * 2; ++i) {
      dsearch::Article a;
      a.id = "NEWID=" + std::to_string(i * 7919);
      a.title = text.substr(i % 97, 20 + i % 31);
      a.date = "2014-11-" + std::to_string(10 + i % 19);
      a.body = text.substr(i % 113) + std::to_string(i * i) + text.substr(0, i % 173);
      samples.push_back(dsearch::serialize(a));
    }
    dict = dsearch::train_dictionary(samples);
    if (!dict.empty()) dsearch::store_dictionary(db, dict);
    db.commit();
  }
  ~DictionaryIndex() {
    db.close();
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
};

// Any bytes as the stored data of a document: unpacking and reading either work or throw
// std::runtime_error. Any bytes packed come back exactly.
inline int record(const uint8_t* data, size_t size) {
  static DictionaryIndex index;
  static dsearch::RecordPacker packer = index.dict.empty() ? dsearch::RecordPacker() : dsearch::RecordPacker(index.dict);
  static dsearch::RecordUnpacker unpacker;
  std::string bytes(reinterpret_cast<const char*>(data), size);
  try {
    dsearch::deserialize(unpacker.unpack(bytes, index.db));
  } catch (const std::runtime_error&) {
    // a clear error for a damaged record is the answer
  }
  if (packer.ready() && unpacker.unpack(packer.pack(bytes), index.db) != bytes) std::abort();
  return 0;
}

// The query parser on any bytes, against a small in-memory index (wildcards, spelling).
inline int query(const uint8_t* data, size_t size) {
  static dsearch::Analyzer en("en"), de("de");
  dsearch::QueryContext ctx{seed_index(), {&en, &de}};
  try {
    dsearch::ParsedQuery q = dsearch::parse_query(std::string_view(reinterpret_cast<const char*>(data), size), ctx);
    Xapian::Enquire e(ctx.db);
    e.set_query(q.match.empty() ? Xapian::Query::MatchAll : q.match);
    e.get_mset(0, 10);
  } catch (const dsearch::Error&) {
    // a clear usage error is a valid answer
  }
  return 0;
}

// Any bytes as a length's spelling data: decoding works or throws std::runtime_error, and
// suggestions over it do not crash. The bytes' lines as words (any bytes): each comes back with
// its count, and is known, so suggests nothing.
inline int spelling(const uint8_t* data, size_t size) {
  std::string bytes(reinterpret_cast<const char*>(data), size);
  try {
    dsearch::spelling::decode(bytes);
  } catch (const std::runtime_error&) {
    // a clear error for damaged data is the answer
  }
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  std::string word = bytes.substr(0, 32);  // the distance is quadratic in the length; words are short
  if (!bytes.empty()) db.set_metadata(dsearch::spelling::key(dsearch::spelling::length(word)), bytes);
  dsearch::spelling::suggest(db, word);
  std::set<std::string> lines;
  for (std::size_t at = 0; at < bytes.size() && lines.size() < 64;) {
    std::size_t nl = std::min(bytes.find('\n', at), bytes.size());
    if (nl > at) lines.insert(bytes.substr(at, std::min<std::size_t>(nl - at, 32)));
    at = nl + 1;
  }
  dsearch::spelling::Builder b;
  std::uint64_t count = 0;
  for (const auto& w : lines) b.add(w, ++count);
  Xapian::WritableDatabase words(std::string(), Xapian::DB_BACKEND_INMEMORY);
  for (const auto& [key, value] : b.finish()) words.set_metadata(key, value);
  count = 0;
  for (const auto& w : lines) {
    if (dsearch::spelling::frequency(words, w) != ++count || !dsearch::spelling::suggest(words, w).empty()) std::abort();
    dsearch::spelling::suggest(words, w + "e");
  }
  return 0;
}

}  // namespace dsearch::fuzz
