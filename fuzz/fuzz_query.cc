// The query parser on any bytes, against a small in-memory index (wildcards, spelling).
#include <xapian.h>

#include "dsearch/document_terms.h"
#include "dsearch/error.h"
#include "dsearch/searcher/query.h"

namespace {

Xapian::Database& seed_index() {
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

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
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
