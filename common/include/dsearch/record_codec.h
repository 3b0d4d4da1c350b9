// Article records (article.h, in schema::kSlotRecord) are stored packed with zstd and a dictionary
// trained on the index's own articles. News records are short (a wire story is about 1.3 KB) and
// each compressed alone gains little: zlib, which Glass applies to document data, keeps 55% of the mix
// corpus, zstd with a dictionary about 40% (bench/SPEED.md). Records name their dictionary (the
// zstd frame carries its id), so an index may hold several: one per shard of a first build, of
// which re-runs use any one (the highest id). Records of an index without a dictionary stay raw,
// and a raw record is read as before.
#pragma once

#include <xapian.h>

#include <memory>
#include <string>
#include <vector>

#include "dsearch/origin.h"
#include "dsearch/schema.h"

namespace dsearch {

// schema::kSlotRecord holds the article's origin (origin.h), kOriginBytes, then its record, packed
// or raw. One value, not two: an origin in a slot of its own took 4.7 bytes more an article in
// Glass's value chunks (1.6 MB of fi-news's index). Re-runs read the origins from the value stream
// of this slot.
std::string record_value(const std::string& origin, std::string_view record);

// The origin of a kSlotRecord value; an empty Origin (no article's) for a damaged one.
Origin stored_origin(std::string_view record_value);

// The record of a document, packed or raw; "" when it has none.
std::string stored_record(const Xapian::Document& doc);

// Replaces the record of `doc`, keeping its origin.
void store_record(Xapian::Document& doc, std::string_view record);

// The first byte of a packed record; serialize() starts raw ones with its own format byte, 1.
inline constexpr char kPackedRecord = 2;

// Records a dictionary is trained from: fewer than kMinDictionarySamples train none (zstd needs
// variety, and a tiny index gains nothing); up to kDictionarySamples or kDictionarySampleBytes
// are used, whichever comes first. A first build holds its first kHeldSamples articles whole until
// a first dictionary is trained on them, then keeps the records of the next ones for a second,
// better one: holding 16,000 whole documents took 125 MB more of fi-news's build.
inline constexpr std::size_t kMinDictionarySamples = 200;
inline constexpr std::size_t kHeldSamples = 2000;
inline constexpr std::size_t kDictionarySamples = 16000;
inline constexpr std::size_t kDictionarySampleBytes = 4 << 20;

// A dictionary trained on `samples` (records as serialize() writes them), or "" when there are
// too few or zstd cannot train one.
std::string train_dictionary(const std::vector<std::string>& samples);

// A dictionary trained on records spread over the index, or "" (see above).
std::string train_dictionary(const Xapian::Database& db);

// The dictionary of the index with the highest id (ids are content hashes: any one), or "".
std::string stored_dictionary(const Xapian::Database& db);

// Stores `dictionary` in the index's metadata (written at its next commit). False when another
// dictionary of the same id is stored already: the caller must not pack with it then.
bool store_dictionary(Xapian::WritableDatabase& db, const std::string& dictionary);

// Packs records with one dictionary; packs nothing (returns records as they are) without one.
// Not thread-safe: one per writer.
class RecordPacker {
 public:
  RecordPacker();
  explicit RecordPacker(const std::string& dictionary);
  ~RecordPacker();
  RecordPacker(RecordPacker&&) noexcept;
  RecordPacker& operator=(RecordPacker&&) noexcept;

  bool ready() const;
  std::string pack(const std::string& record);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Unpacks the records of one index, loading each dictionary from its metadata once.
class RecordUnpacker {
 public:
  RecordUnpacker();
  ~RecordUnpacker();
  RecordUnpacker(RecordUnpacker&&) noexcept;
  RecordUnpacker& operator=(RecordUnpacker&&) noexcept;

  // The record as serialize() wrote it, from a stored_record() of `db`. Throws
  // std::runtime_error on a damaged record or a dictionary the index does not hold.
  std::string unpack(std::string data, const Xapian::Database& db);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace dsearch
