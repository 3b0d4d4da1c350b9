// The list of deleted documents as the index stores it (deleted_docs.h).
#include "dsearch/deleted_docs.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

namespace dsearch {
namespace {

struct Case {
  std::vector<Xapian::docid> docids;
  std::string bytes;
};

const Case kCases[] = {
    {{}, ""},
    {{1}, "\x01"},
    {{1, 2, 130}, std::string("\x01\x01\x80\x01", 4)},  // a gap of 128 takes two bytes
    {{4294967295u}, "\xff\xff\xff\xff\x0f"},            // the largest docid
};

TEST(DeletedDocs, EncodesGapsAndDecodesThemBack) {
  for (const auto& c : kCases) {
    EXPECT_EQ(DeletedDocs::encode(c.docids), c.bytes);
    EXPECT_EQ(DeletedDocs::decode(c.bytes), c.docids);
  }
}

TEST(DeletedDocs, RefusesBytesItDidNotWrite) {
  const std::string bad[] = {
      "\x80",                                   // truncated
      std::string("\x01\x00", 2),               // a gap of 0: a docid twice
      "\xff\xff\xff\xff\x10",                   // past the largest docid
      "\xff\xff\xff\xff\xff\x01",               // overlong
      std::string("\x81\x80\x80\x80\x80\x00", 6),  // 1, padded to six bytes
      std::string("\xff\xff\xff\xff\x0f\x01"),  // past the largest docid by adding
  };
  for (const auto& b : bad) EXPECT_THROW(DeletedDocs::decode(b), std::runtime_error) << testing::PrintToString(b);
}

TEST(DeletedDocs, KeepsAddedDocidsSortedAndOnce) {
  DeletedDocs d;
  for (Xapian::docid did : {9u, 3u, 7u, 3u, 12u}) d.add(did);
  EXPECT_EQ(d.size(), 4u);
  EXPECT_TRUE(d.contains(3));
  EXPECT_TRUE(d.contains(12));
  EXPECT_FALSE(d.contains(8));
}

TEST(DeletedDocs, AreStoredWithTheIndexAndReadBack) {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  for (int i = 0; i < 5; ++i) db.add_document(Xapian::Document());
  EXPECT_EQ(live_doccount(db), 5u);
  DeletedDocs d = DeletedDocs::load(db);
  d.add(4);
  d.add(2);
  d.store(db);
  EXPECT_EQ(DeletedDocs::load(db).size(), 2u);
  EXPECT_TRUE(DeletedDocs::load(db).contains(2));
  EXPECT_EQ(live_doccount(db), 3u);
}

}  // namespace
}  // namespace dsearch
