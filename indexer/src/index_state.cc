#include "index_state.h"

#include <stdexcept>

#include "dsearch/origin.h"
#include "dsearch/record_codec.h"
#include "dsearch/schema.h"

namespace dsearch {

void IndexState::load(const Xapian::Database& db, int shard, const DeletedDocs* deleted) {
  articles_.reserve(articles_.size() + db.get_doccount());
  for (auto it = db.valuestream_begin(schema::kSlotRecord); it != db.valuestream_end(schema::kSlotRecord); ++it) {
    if (deleted && deleted->contains(it.get_docid())) continue;
    Origin o = stored_origin(*it);
    articles_[o.id] = StoredArticle{it.get_docid(), o.hash, o.root, o.file, shard};
  }
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
