#include "dsearch/record_codec.h"

#define ZDICT_STATIC_LINKING_ONLY  // ZDICT_trainFromBuffer_fastCover: exported by libzstd 1.4+
#define ZSTD_STATIC_LINKING_ONLY   // ZSTD_createCDict_advanced2: 1.5+
#include <zdict.h>
#include <zstd.h>

#include <algorithm>
#include <charconv>
#include <map>
#include <stdexcept>

#include "dsearch/schema.h"

namespace dsearch {
namespace {

// A sixteenth of the samples: zstd advises samples of about 100 times the dictionary, but with 16
// times a few hundred short records still train a useful one, and 4 MB of them a 256 KB one that
// packs fi-news's headlines 8% smaller than zstd's default size of 110 KB (bench/SPEED.md).
constexpr std::size_t kMaxDictionaryBytes = 256 << 10, kMinDictionaryBytes = 8192;

// On the mix corpus level 6 packs 4% smaller than level 3 for about 0.3 s more of a 9 s build;
// level 9 gains 2% more for another second.
constexpr int kLevel = 6;

// Records shorter than this are packed with level 4's double-fast parser and hash tables of 2^17
// entries. Level 6 (and level 5 with hash chains, shipped before) walks tables sized for the
// 256 KB dictionary, 3 MB per thread, and in a build, with the analysis competing for the cache,
// that cost about 15 us a fi-news headline (327 bytes): 14% of a build's CPU. This way a 100,000
// headline build takes 11% less CPU and wall time, for records 5% larger (the index 2.6%).
// Longer records gain from level 6's lazy parsing (mix stories 3.5% smaller) at a cost per byte
// that the build hardly notices: the mix builds as fast with smaller tables for them.
constexpr std::size_t kShortRecordBytes = 512;
constexpr int kShortLevel = 4, kShortTableLog = 17;

// One fastCover pass with fixed segment and d-mer sizes. zstd's default trainer tries several
// segment sizes; on 2,000 mix records this packs the next 6,000 4% smaller than its pick, and
// trains in 0.08 s instead of 0.17 s (k 100-300 within 0.2% of each other, d 8 0.4% worse).
constexpr unsigned kSegmentBytes = 200, kDmerBytes = 6;

// A frame claiming more than this is damage, not an article (input articles stop at 16 MB, and
// decoding Latin-1 or UTF-16 to UTF-8 at most doubles them): never allocate for it.
constexpr unsigned long long kMaxRecordBytes = 64ull << 20;

struct FreeDDict {
  void operator()(ZSTD_DDict* d) const { ZSTD_freeDDict(d); }
};

std::string dictionary_key(unsigned id) { return std::string(schema::kMetaDictionary) + std::to_string(id); }

}  // namespace

std::string record_value(const std::string& origin, std::string_view record) {
  std::string value = origin;
  value.resize(kOriginBytes);  // a damaged origin reads as no article's
  value += record;
  return value;
}

Origin stored_origin(std::string_view record_value) {
  return record_value.size() < kOriginBytes ? Origin{} : decode_origin(record_value.substr(0, kOriginBytes));
}

std::string stored_record(const Xapian::Document& doc) {
  std::string value = doc.get_value(schema::kSlotRecord);
  value.erase(0, std::min(value.size(), kOriginBytes));  // in place, and "" for a damaged value
  return value;
}

void store_record(Xapian::Document& doc, std::string_view record) {
  std::string value = doc.get_value(schema::kSlotRecord);
  value.resize(kOriginBytes);
  value += record;
  doc.add_value(schema::kSlotRecord, value);
}

std::string train_dictionary(const std::vector<std::string>& samples) {
  if (samples.size() < kMinDictionarySamples) return {};
  std::string joined;
  std::vector<std::size_t> sizes;
  for (std::size_t i = 0; i < samples.size() && i < kDictionarySamples && joined.size() < kDictionarySampleBytes; ++i) {
    joined += samples[i];
    sizes.push_back(samples[i].size());
  }
  std::string dict(std::clamp(joined.size() / 16, kMinDictionaryBytes, kMaxDictionaryBytes), '\0');
  ZDICT_fastCover_params_t params{};
  params.k = kSegmentBytes;
  params.d = kDmerBytes;
  params.zParams.compressionLevel = kLevel;
  // Coarser frequency counting trains on 4 MB of fi-news headlines in 0.18 s instead of 0.57, and
  // packs 0.2% larger; on 2,000 of them (0.5 MB) it packed 3% larger.
  params.accel = joined.size() > (1u << 20) ? 4 : 1;
  std::size_t n = ZDICT_trainFromBuffer_fastCover(dict.data(), dict.size(), joined.data(), sizes.data(),
                                                  static_cast<unsigned>(sizes.size()), params);
  if (ZDICT_isError(n)) return {};
  dict.resize(n);
  return dict;
}

std::string train_dictionary(const Xapian::Database& db) {
  Xapian::doccount n = db.get_doccount();
  if (n < kMinDictionarySamples) return {};
  Xapian::doccount step = std::max<Xapian::doccount>(1, n / kDictionarySamples), i = 0;
  std::vector<std::string> samples;
  std::size_t bytes = 0;
  for (auto it = db.postlist_begin(""); it != db.postlist_end("") && samples.size() < kDictionarySamples &&
                                        bytes < kDictionarySampleBytes;
       ++it)
    if (i++ % step == 0)
      if (std::string data = stored_record(db.get_document(*it)); !data.empty() && data[0] != kPackedRecord) {
        bytes += data.size();
        samples.push_back(std::move(data));
      }
  return train_dictionary(samples);
}

std::string stored_dictionary(const Xapian::Database& db) {
  std::string best;
  unsigned best_id = 0;
  for (auto it = db.metadata_keys_begin(std::string(schema::kMetaDictionary)); it != db.metadata_keys_end(); ++it) {
    std::string key = *it;
    unsigned id = 0;
    std::from_chars(key.data() + schema::kMetaDictionary.size(), key.data() + key.size(), id);
    if (id > best_id) best_id = id, best = db.get_metadata(key);
  }
  return best;
}

bool store_dictionary(Xapian::WritableDatabase& db, const std::string& dictionary) {
  unsigned id = ZDICT_getDictID(dictionary.data(), dictionary.size());
  if (id == 0) return false;
  std::string key = dictionary_key(id);
  std::string existing = db.get_metadata(key);
  if (!existing.empty()) return existing == dictionary;
  db.set_metadata(key, dictionary);
  return true;
}

struct RecordPacker::Impl {
  ZSTD_CDict* dict = nullptr;        // for records of kShortRecordBytes and more
  ZSTD_CDict* short_dict = nullptr;  // for shorter ones
  ZSTD_CCtx* ctx = nullptr;
  ~Impl() {
    ZSTD_freeCDict(dict);
    ZSTD_freeCDict(short_dict);
    ZSTD_freeCCtx(ctx);
  }
};

namespace {

ZSTD_CDict* short_record_dict(const std::string& dictionary) {
  ZSTD_CCtx_params* params = ZSTD_createCCtxParams();
  if (!params) return nullptr;
  ZSTD_CCtxParams_init(params, kShortLevel);
  ZSTD_CCtxParams_setParameter(params, ZSTD_c_hashLog, kShortTableLog);
  ZSTD_CCtxParams_setParameter(params, ZSTD_c_chainLog, kShortTableLog);
  ZSTD_CDict* dict = ZSTD_createCDict_advanced2(dictionary.data(), dictionary.size(), ZSTD_dlm_byCopy,
                                                ZSTD_dct_auto, params, ZSTD_defaultCMem);
  ZSTD_freeCCtxParams(params);
  return dict;
}

}  // namespace

RecordPacker::RecordPacker() = default;
RecordPacker::~RecordPacker() = default;
RecordPacker::RecordPacker(RecordPacker&&) noexcept = default;
RecordPacker& RecordPacker::operator=(RecordPacker&&) noexcept = default;

RecordPacker::RecordPacker(const std::string& dictionary) : impl_(std::make_unique<Impl>()) {
  impl_->dict = ZSTD_createCDict(dictionary.data(), dictionary.size(), kLevel);
  impl_->short_dict = short_record_dict(dictionary);
  impl_->ctx = ZSTD_createCCtx();
  if (!impl_->dict || !impl_->short_dict || !impl_->ctx) throw std::bad_alloc();
}

bool RecordPacker::ready() const { return impl_ != nullptr; }

std::string RecordPacker::pack(const std::string& record) {
  if (!impl_) return record;
  ZSTD_CCtx_reset(impl_->ctx, ZSTD_reset_session_and_parameters);
  // Frames carry a checksum (4 bytes): the B-tree has none, and a flipped bit should fail, not
  // print a different article.
  ZSTD_CCtx_setParameter(impl_->ctx, ZSTD_c_checksumFlag, 1);
  ZSTD_CCtx_refCDict(impl_->ctx, record.size() < kShortRecordBytes ? impl_->short_dict : impl_->dict);
  std::string out(1 + ZSTD_compressBound(record.size()), kPackedRecord);
  std::size_t n = ZSTD_compress2(impl_->ctx, out.data() + 1, out.size() - 1, record.data(), record.size());
  if (ZSTD_isError(n)) return record;  // cannot happen with a bound-sized buffer; raw is always readable
  out.resize(1 + n);
  return out;
}

struct RecordUnpacker::Impl {
  ZSTD_DCtx* ctx = ZSTD_createDCtx();
  std::map<unsigned, std::unique_ptr<ZSTD_DDict, FreeDDict>> dicts;
  ~Impl() { ZSTD_freeDCtx(ctx); }
  ZSTD_DDict* dict(unsigned id, const Xapian::Database& db) {
    if (id == 0) return nullptr;
    auto& slot = dicts[id];
    if (slot) return slot.get();
    std::string bytes = db.get_metadata(dictionary_key(id));
    if (bytes.empty()) throw std::runtime_error("record packed with dictionary " + std::to_string(id) +
                                                ", which the index does not hold");
    slot.reset(ZSTD_createDDict(bytes.data(), bytes.size()));
    if (!slot) throw std::runtime_error("dictionary " + std::to_string(id) + " does not load");
    return slot.get();
  }
};

RecordUnpacker::RecordUnpacker() : impl_(std::make_unique<Impl>()) {
  if (!impl_->ctx) throw std::bad_alloc();
}
RecordUnpacker::~RecordUnpacker() = default;
RecordUnpacker::RecordUnpacker(RecordUnpacker&&) noexcept = default;
RecordUnpacker& RecordUnpacker::operator=(RecordUnpacker&&) noexcept = default;

std::string RecordUnpacker::unpack(std::string data, const Xapian::Database& db) {
  if (data.empty() || data[0] != kPackedRecord) return data;
  const char* frame = data.data() + 1;
  std::size_t frame_size = data.size() - 1;
  unsigned long long size = ZSTD_getFrameContentSize(frame, frame_size);
  if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN || size > kMaxRecordBytes)
    throw std::runtime_error("damaged packed record");
  ZSTD_DDict* dict = impl_->dict(ZSTD_getDictID_fromFrame(frame, frame_size), db);
  std::string out(size, '\0');
  std::size_t n = ZSTD_decompress_usingDDict(impl_->ctx, out.data(), out.size(), frame, frame_size, dict);
  if (ZSTD_isError(n) || n != size) throw std::runtime_error("damaged packed record");
  return out;
}

}  // namespace dsearch
