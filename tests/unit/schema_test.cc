// The shared schema and article data layout: what the indexer writes, the searcher must read back.
#include "dsearch/schema.h"

#include <gtest/gtest.h>

#include "dsearch/article.h"

namespace dsearch {
namespace {

TEST(Schema, EntityKeysMergeSpellingVariants) {
  const std::pair<const char*, const char*> cases[] = {
      {"Kim Jong Un", "kim jong un"},         {"Kim Jong-un", "kim jong un"},
      {"KIM JONG UN", "kim jong un"},         {"Workers' Party of Korea", "workers party of korea"},
      {"DER STANDARD", "der standard"},       {"Xinhua", "xinhua"},
  };
  for (const auto& [name, key] : cases) EXPECT_EQ(schema::entity_key(name), key) << name;
}

TEST(Schema, OverlongTermsStayUniqueAndLegal) {
  std::string a(500, 'a'), b = a;
  b.back() = 'b';
  std::string ta = schema::term(schema::kPerson, a), tb = schema::term(schema::kPerson, b);
  EXPECT_LE(ta.size(), 245u);
  EXPECT_NE(ta, tb);
  EXPECT_EQ(schema::term(schema::kPerson, "short"), "XPshort");
}

TEST(Schema, PackedListsRoundTrip) {
  std::vector<std::string> items = {"KP", "RU", "Kim Jong Un"};
  EXPECT_EQ(schema::unpack_list(schema::pack_list(items)), items);
  EXPECT_TRUE(schema::unpack_list("").empty());
}

TEST(Article, SerializeRoundTripsEveryField) {
  Article a;
  a.id = "000_b45b558db81f4ae8.txt";
  a.path = "corpus/000_b45b558db81f4ae8.txt";
  a.title = "DPRK envoy's visit to Russia aims to diversify diplomatic relations";
  a.date = "2014-11-17";
  a.source = "Xinhua";
  a.lang = "en";
  a.body = std::string("SEOUL -- The Republic of Korea's Unification Ministry said Monday\n\n\xE4\xB8\xAD\xE6\x96\x87");
  a.countries = {{"KP", 20}, {"RU", 18}};
  a.main_countries = {"KP", "RU"};
  a.people = {"Kim Jong Un", "Vladimir Putin"};
  a.orgs = {"Korean Central News Agency"};
  EXPECT_EQ(deserialize(serialize(a)), a);
}

TEST(Article, CorruptDataIsAnErrorNotACrash) {
  Article a;
  a.id = "x";
  a.body = "some body text";
  std::string good = serialize(a);
  for (size_t cut = 0; cut < good.size(); ++cut)
    EXPECT_THROW(deserialize(std::string_view(good).substr(0, cut)), std::runtime_error) << cut;
  EXPECT_THROW(deserialize("\x01\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff"), std::runtime_error);
}

}  // namespace
}  // namespace dsearch
