#include "index_state.h"

#include <stdexcept>
#include <unordered_map>
#include <utility>

#include "dsearch/origin.h"
#include "dsearch/schema.h"

namespace dsearch {

IndexState::IndexState() { intern(""); }  // index 0: what an article without a file or root has

void IndexState::load(const Xapian::Database& db, int shard, const DeletedDocs* deleted) {
  // Value streams run in docid order: the other slots are walked alongside the id slot's, with no
  // map from docid to article.
  std::vector<std::pair<Xapian::docid, StoredArticle*>> by_docid;
  by_docid.reserve(db.get_doccount());
  articles_.reserve(articles_.size() + db.get_doccount());
  for (auto it = db.valuestream_begin(schema::kSlotId); it != db.valuestream_end(schema::kSlotId); ++it) {
    if (deleted && deleted->contains(it.get_docid())) continue;
    auto& s = articles_[decode_id_key(*it)];
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
  std::unordered_map<std::uint64_t, std::uint32_t> roots{{0, intern("")}};  // an index has few roots
  walk(schema::kSlotOrigin, [&](StoredArticle& s, const std::string& v) {
    Origin o = decode_origin(v);
    s.hash = o.hash;
    s.file = intern(o.file);
    auto [root, added] = roots.emplace(o.root, 0);
    if (added) root->second = intern(hex_digits(o.root));
    s.root = root->second;
  });
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
