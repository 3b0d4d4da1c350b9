#include "index_state.h"

#include "dsearch/schema.h"

namespace dsearch {
namespace {

// Calls fn(docid, value) for every document with a value in `slot`.
template <typename Fn>
void for_each_value(const Xapian::Database& db, Xapian::valueno slot, Fn fn) {
  for (auto it = db.valuestream_begin(slot); it != db.valuestream_end(slot); ++it) fn(it.get_docid(), *it);
}

}  // namespace

IndexState load_state(const Xapian::Database& db) {
  IndexState state;
  std::unordered_map<Xapian::docid, StoredArticle*> by_docid;
  state.reserve(db.get_doccount());
  for_each_value(db, schema::kSlotId, [&](Xapian::docid did, const std::string& id) {
    auto& s = state[id];
    s.docid = did;
    by_docid[did] = &s;
  });
  auto fill = [&](Xapian::valueno slot, std::string StoredArticle::*field) {
    for_each_value(db, slot, [&](Xapian::docid did, const std::string& v) {
      if (auto it = by_docid.find(did); it != by_docid.end()) it->second->*field = v;
    });
  };
  fill(schema::kSlotHash, &StoredArticle::hash);
  fill(schema::kSlotFile, &StoredArticle::file);
  fill(schema::kSlotRoot, &StoredArticle::root_key);
  return state;
}

}  // namespace dsearch
