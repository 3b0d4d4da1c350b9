// The boilerplate line model: the shipped one loads and matches the features dindex computes, and
// a damaged model is refused rather than walked out of bounds.
#include "../../indexer/src/line_model.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "../../indexer/src/boilerplate_features.h"
#include "../../indexer/src/page_lines.h"
#include "test_data.h"

namespace dsearch::page_detail {
namespace {

TEST(LineModel, ShippedModelMatchesTheFeatures) {
  const LineModel* m = LineModel::active();
  ASSERT_NE(m, nullptr) << "indexer/data/boilerplate_model.txt is missing or DSEARCH_BOILERPLATE_MODEL=none";
  EXPECT_EQ(m->features(), line_feature_names().size());
  EXPECT_GT(m->threshold(), 0.0);
  EXPECT_LT(m->threshold(), 1.0);
}

// On the Xinhua seed the model alone (before the recognisers' veto) tells the article's paragraphs
// from the "Related stories" headlines after it.
TEST(LineModel, SeparatesTheSeedArticleFromItsTeasers) {
  const LineModel* m = LineModel::active();
  ASSERT_NE(m, nullptr);
  std::string page = test::seed(test::kXinhua);
  auto p = page_lines(page, {});
  std::vector<float> f = line_features(p.lines, LineLexicon::active());
  auto prob = [&](std::string_view start) {
    for (std::size_t i = 0; i < p.lines.size(); ++i)
      if (p.lines[i].text.starts_with(start)) return m->probability(&f[i * m->features()]);
    ADD_FAILURE() << "no line starts with " << start;
    return -1.0;
  };
  EXPECT_GT(prob("SEOUL -- The Republic of Korea"), m->threshold());
  EXPECT_GT(prob("The DPRK has recently tried"), m->threshold());
  EXPECT_LT(prob("Pyongyang urges Seoul"), m->threshold());
}

TEST(LineModel, RefusesDamagedModels) {
  const std::string header = "features 2\nthreshold 0.5\nbase 0\nrate 1\ntrees 1\n";
  const struct {
    const char* why;
    std::string text;
  } cases[] = {
      {"empty", ""},
      {"no header", "tree 1\n-1 0 -1 -1 0.5\n"},
      {"truncated tree", header + "tree 3\n0 0.5 1 2 0\n-1 0 -1 -1 1\n"},
      {"feature out of range", header + "tree 3\n7 0.5 1 2 0\n-1 0 -1 -1 1\n-1 0 -1 -1 -1\n"},
      {"child pointing back (a loop)", header + "tree 3\n0 0.5 0 2 0\n-1 0 -1 -1 1\n-1 0 -1 -1 -1\n"},
      {"child past the tree", header + "tree 3\n0 0.5 1 9 0\n-1 0 -1 -1 1\n-1 0 -1 -1 -1\n"},
      {"no trees", "features 2\nthreshold 0.5\nbase 0\nrate 1\ntrees 0\n"},
  };
  for (const auto& c : cases) EXPECT_THROW(LineModel::parse(c.text), std::runtime_error) << c.why;
}

TEST(LineModel, WalksTreesAsScikitLearnDoes) {
  // One stump: x0 <= 0.5 -> +2, else -2; base 0, rate 1.
  LineModel m = LineModel::parse("features 1\nthreshold 0.5\nbase 0\nrate 1\ntrees 1\ntree 3\n"
                                 "0 0.5 1 2 0\n-1 0 -1 -1 2\n-1 0 -1 -1 -2\n");
  float at = 0.5f, above = 0.6f;
  EXPECT_NEAR(m.probability(&at), 1.0 / (1.0 + std::exp(-2.0)), 1e-9);  // <= goes left
  EXPECT_NEAR(m.probability(&above), 1.0 / (1.0 + std::exp(2.0)), 1e-9);
}

}  // namespace
}  // namespace dsearch::page_detail
