#include "dsearch/gazetteer.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace {

struct LookupCase {
  const char* name;
  const char* code;
};

TEST(GazetteerLookup, FindsCodes) {
  const LookupCase cases[] = {
    LookupCase{"kp", "KP"}, LookupCase{"KP", "KP"}, LookupCase{"North Korea", "KP"},
    LookupCase{"north korea", "KP"}, LookupCase{"DPRK", "KP"},
    LookupCase{"Democratic People's Republic of Korea", "KP"}, LookupCase{"North Korean", "KP"},
    LookupCase{"Republic of Korea", "KR"}, LookupCase{"South Korea", "KR"}, LookupCase{"ROK", "KR"},
    LookupCase{"U.S.", "US"}, LookupCase{"United States", "US"}, LookupCase{"United States of America", "US"},
    LookupCase{"American", "US"}, LookupCase{"UK", "GB"}, LookupCase{"Britain", "GB"}, LookupCase{"British", "GB"},
    LookupCase{"USSR", "RU"}, LookupCase{"Soviet Union", "RU"}, LookupCase{"Russian", "RU"},
    LookupCase{"West Germany", "DE"}, LookupCase{"Japanese", "JP"}, LookupCase{"Congo", "CG"},
    LookupCase{"DR Congo", "CD"}, LookupCase{"Côte d'Ivoire", "CI"}, LookupCase{"Ivory Coast", "CI"},
    LookupCase{"Georgia", "GE"},  // also the US state in articles, but a country filter means the country
    LookupCase{"Korea", ""}, LookupCase{"Atlantis", ""}, LookupCase{"", ""}};
  for (const auto& c : cases) EXPECT_EQ(dsearch::Gazetteer::instance().lookup(c.name), c.code) << c.name;
}

TEST(GazetteerLabel, EnglishDisplayName) {
  const auto& g = dsearch::Gazetteer::instance();
  EXPECT_EQ(g.label("KP"), "North Korea");
  EXPECT_EQ(g.label("kr"), "South Korea");
  EXPECT_EQ(g.label("US"), "United States");
  EXPECT_EQ(g.label("ZZ"), "ZZ");
}

TEST(GazetteerSimilar, SuggestsCloseNames) {
  const auto& g = dsearch::Gazetteer::instance();
  auto s = g.similar("Nort Korea");
  ASSERT_FALSE(s.empty());
  EXPECT_EQ(s.front(), "North Korea");
  s = g.similar("Germny");
  EXPECT_NE(std::find(s.begin(), s.end(), "Germany"), s.end());
  EXPECT_TRUE(g.similar("zzzzzzzzzzzz").empty());
}

}  // namespace
