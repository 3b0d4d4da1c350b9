#include "index_state.h"

#include <xxhash.h>

#include <charconv>
#include <stdexcept>
#include <utility>

#include "dsearch/schema.h"

namespace dsearch {

IdKey id_key(std::string_view id) {
  XXH128_hash_t h = XXH3_128bits(id.data(), id.size());
  return {h.low64, h.high64};
}

std::uint64_t hash_number(std::string_view hex) {
  std::uint64_t n = 0;
  auto [end, ec] = std::from_chars(hex.data(), hex.data() + hex.size(), n, 16);
  return hex.size() == 16 && ec == std::errc() && end == hex.data() + hex.size() ? n : 0;
}

IndexState::IndexState() { intern(""); }  // index 0: what an article without a file or root has

void IndexState::load(const Xapian::Database& db, int shard, const DeletedDocs* deleted) {
  // Value streams run in docid order: the other slots are walked alongside the id slot's, with no
  // map from docid to article.
  std::vector<std::pair<Xapian::docid, StoredArticle*>> by_docid;
  by_docid.reserve(db.get_doccount());
  articles_.reserve(articles_.size() + db.get_doccount());
  for (auto it = db.valuestream_begin(schema::kSlotId); it != db.valuestream_end(schema::kSlotId); ++it) {
    if (deleted && deleted->contains(it.get_docid())) continue;
    auto& s = articles_[id_key(*it)];
    s = StoredArticle{};
    s.docid = it.get_docid();
    s.shard = shard;
    by_docid.emplace_back(s.docid, &s);
  }
  auto walk = [&](Xapian::valueno slot, auto set) {
    auto next = by_docid.begin();
    for (auto it = db.valuestream_begin(slot); it != db.valuestream_end(slot); ++it) {
      Xapian::docid did = it.get_docid();
      while (next != by_docid.end() && next->first < did) ++next;
      if (next == by_docid.end()) return;
      if (next->first == did) set(*next->second, *it);
    }
  };
  walk(schema::kSlotHash, [](StoredArticle& s, const std::string& v) { s.hash = hash_number(v); });
  walk(schema::kSlotFile, [&](StoredArticle& s, const std::string& v) { s.file = intern(v); });
  walk(schema::kSlotRoot, [&](StoredArticle& s, const std::string& v) { s.root = intern(v); });
}

std::uint32_t IndexState::intern(const std::string& s) {
  auto [it, added] = string_ids_.emplace(s, static_cast<std::uint32_t>(strings_.size()));
  if (added) strings_.push_back(s);
  return it->second;
}

StoredArticle* IndexState::find(std::string_view id) {
  auto it = articles_.find(id_key(id));
  return it == articles_.end() ? nullptr : &it->second;
}

StoredArticle& IndexState::at(std::string_view id) {
  if (auto* s = find(id)) return *s;
  throw std::out_of_range("article id not in the index state");
}

}  // namespace dsearch
