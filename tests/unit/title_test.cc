// find_title on the Xinhua seed, with the two stages' article starts set by hand: the headline is
// looked for near either start, so a heuristic start far below it (a page whose article the
// heuristic picks up late) no longer hides it when the line model's body starts right under it.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "../../indexer/src/metadata.h"
#include "../../indexer/src/stopword_index.h"
#include "test_data.h"

namespace dsearch::page_detail {
namespace {

constexpr std::string_view kHeadline = "DPRK envoy's visit to Russia aims to diversify diplomatic relations";

struct Seed {
  std::string text;  // the lines point into it
  std::vector<Line> lines;
  std::size_t headline = kNoLine, lede = kNoLine, last = kNoLine;
};

// The seed's lines, the article's paragraphs (the lede to the last before "Related stories") kept.
Seed xinhua() {
  Seed s;
  s.text = test::seed(test::kXinhua);
  s.lines = scan_lines(s.text, stopword_index().bit("en"));
  for (std::size_t i = 0; i < s.lines.size(); ++i) {
    std::string_view t = s.lines[i].text;
    if (t == kHeadline) s.headline = i;
    if (s.lede == kNoLine && t.substr(0, 8) == "SEOUL --") s.lede = i;
    if (t.substr(0, 16) == "Related stories:") s.last = i - 1;
  }
  for (std::size_t i = s.lede; s.lede != kNoLine && i <= s.last && s.last != kNoLine; ++i) s.lines[i].keep = true;
  return s;
}

TEST(FindTitle, LooksNearEitherArticleStart) {
  Seed s = xinhua();
  ASSERT_NE(s.headline, kNoLine);
  ASSERT_NE(s.lede, kNoLine);
  ASSERT_NE(s.last, kNoLine);
  ASSERT_GT(s.last, s.lede + 13);  // room for a heuristic start beyond the look-back from the headline
  std::size_t late = s.lede + 13;  // 14+ lines below the headline
  for (std::size_t i = s.lede; i < late; ++i) s.lines[i].keep = false;  // the heuristic's late start

  struct Case {
    const char* what;
    ArticleStarts starts;
    bool finds_headline;
  } cases[] = {
      {"both stages start at the lede", {s.lede, s.lede}, true},
      {"the heuristic starts late, the model at the lede", {late, s.lede}, true},
      {"the heuristic starts late, the model kept nothing", {late, kNoLine}, false},
      {"the heuristic kept nothing", {kNoLine, s.lede}, false},
  };
  for (const auto& c : cases) {
    // Body words come from the heuristic's kept lines; restore them for the lede cases.
    for (std::size_t i = s.lede; i < late; ++i) s.lines[i].keep = c.starts.heuristic == s.lede;
    std::size_t got = find_title(s.lines, c.starts, false);
    EXPECT_EQ(got == s.headline, c.finds_headline)
        << c.what << ": got " << (got == kNoLine ? std::string("no line") : std::string(s.lines[got].text));
  }
}

}  // namespace
}  // namespace dsearch::page_detail
