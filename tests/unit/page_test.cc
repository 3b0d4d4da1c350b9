// extract_page on the seed articles (exact expectations), on clean newswire (Reuters, BBC: nothing
// may be lost) and on boilerplate test sets (trafilatura-eval, readability): the quality figures
// are printed and guarded by floors a little under what the extractor reaches. The line model and
// its lexicon were trained on those two sets, so their floors guard against regressions (a model or
// lexicon not loaded, features out of step); the honest, cross-validated figures are bench/quality's.
#include "dsearch/indexer/page.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <map>
#include <random>
#include <unordered_map>

#include "test_data.h"

namespace dsearch {
namespace {

using test::seed;

std::size_t count_words(std::string_view s) {
  std::size_t n = 0;
  bool in = false;
  for (char c : s) {
    bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    n += !space && !in;
    in = !space;
  }
  return n;
}

// Whitespace runs become one space, so snippets match across our paragraph breaks.
std::string squash(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

std::string str(const nlohmann::json& j, const char* key) {
  return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string();
}

PageHints hints_of(const nlohmann::json& j) { return {str(j, "title"), str(j, "date"), str(j, "source"), str(j, "lang")}; }

TEST(PageSeeds, Xinhua) {
  Page p = extract_page(seed(test::kXinhua));
  EXPECT_EQ(p.source, "Xinhua");
  EXPECT_EQ(p.date, "2014-11-17");
  EXPECT_EQ(p.title, "DPRK envoy's visit to Russia aims to diversify diplomatic relations");
  EXPECT_EQ(p.lang, "en");
  EXPECT_EQ(p.body.rfind("SEOUL -- The Republic of Korea's Unification Ministry said Monday", 0), 0u) << p.body;
  EXPECT_TRUE(p.body.ends_with("releasing all three Americans detained there.")) << p.body;
  for (const char* bad : {"US EUROPE AFRICA", "World / Asia-Pacific", "(Xinhua) Updated:", "Related stories",
                          "Pyongyang urges Seoul", "Most Popular", "Hot Topics", "..."})
    EXPECT_EQ(p.body.find(bad), std::string::npos) << bad;
  EXPECT_NE(p.body.find("\n\nThe DPRK has recently tried"), std::string::npos);
}

TEST(PageSeeds, DeutscheWelle) {
  Page p = extract_page(seed(test::kDw));
  EXPECT_EQ(p.source, "DW");
  EXPECT_EQ(p.date, "2014-11-14");
  EXPECT_EQ(p.title, "North Korea envoy to Russia");
  EXPECT_EQ(p.body.rfind("Choe Ryong Hae, a top Communist Party official", 0), 0u) << p.body;
  EXPECT_TRUE(p.body.ends_with("torture, rape, murder and enslavement.")) << p.body;
  for (const char* bad : {"Skip to", "Image: picture-alliance/AP", "ksb/mkg", "(AFP, AP)", "Skip next section",
                          "DW's Top Story", "More stories from DW", "Choe Ryong-hae\n"})
    EXPECT_EQ(p.body.find(bad), std::string::npos) << bad;
}

TEST(PageSeeds, HintsWinButBodyIsStillCleaned) {
  PageHints h{"Given title", "2001-02-03", "Given source", "en"};
  Page p = extract_page(seed(test::kXinhua), h);
  EXPECT_EQ(p.title, "Given title");
  EXPECT_EQ(p.date, "2001-02-03");
  EXPECT_EQ(p.source, "Given source");
  EXPECT_EQ(p.lang, "en");
  EXPECT_EQ(p.body.find("Related stories"), std::string::npos);
}

TEST(PageRobustness, NeverThrowsOnOddInput) {
  std::mt19937 rng(42);
  std::string random(200000, ' ');
  for (auto& c : random) c = static_cast<char>(rng() % 128);
  const std::string cases[] = {
      "", "\n\n\n", "x", std::string(1'000'000, 'a'), std::string(300000, '\n'), random,
      std::string(100000, '(') + "Xinhua) Updated: 2014-11-17",
      "Title\n\n" + std::string(2'000'000, 'w') + " end.",
      "1. 2. 3. 4. 5.\n(((((\n\xC2\xA9 \xC2\xA9\n31.02.2014\n2014-13-45\n",
  };
  for (const auto& c : cases) {
    Page p;
    EXPECT_NO_THROW(p = extract_page(c));
    EXPECT_LE(p.body.size(), c.size());
  }
}

// Clean newswire must pass through: >= 99% of the words survive in aggregate, and hardly any
// article loses a fifth of its words (a lost wire lede takes the story's place and country with it).
void expect_retention(const char* file, double floor, std::size_t max_maimed) {
  std::string dir = test::corpora_dir();
  if (dir.empty()) GTEST_SKIP() << "shared corpora absent";
  std::size_t in = 0, out = 0, docs = 0, maimed = 0;
  test::for_each_json_line(dir + file, [&](const nlohmann::json& j) {
    std::string body = str(j, "body");
    std::size_t words = count_words(body), kept = count_words(extract_page(body, hints_of(j)).body);
    in += words;
    out += kept;
    maimed += kept * 5 < words * 4;
    ++docs;
  }, 2000);
  if (docs == 0) GTEST_SKIP() << file << " absent";
  double kept = in ? static_cast<double>(out) / in : 1;
  std::printf("%s: %zu docs, %.2f%% of words kept, %zu lost a fifth\n", file, docs, 100 * kept, maimed);
  EXPECT_GE(kept, floor);
  EXPECT_LE(maimed, max_maimed);
}

// The Reuters articles that still lose a fifth are three-line dividend notices ("Qtly div 65 cts
// vs 65 cts prior" / "Pay May Seven" / "Record April Seven"), which read like a table; the BBC ones
// are lists (critics' picks, an FA Cup draw) and one long paragraph the model takes for template.
TEST(PageRetention, ReutersKeepsItsWords) { expect_retention("/reuters21578/reuters21578.jsonl.gz", 0.99, 7); }
TEST(PageRetention, BbcKeepsItsWords) { expect_retention("/bbc-news/bbc-news.jsonl.gz", 0.99, 3); }

struct Counts {
  double tp = 0, fp = 0, fn = 0;
  void print(const char* what) const {
    double p = tp / std::max(tp + fp, 1.0), r = tp / std::max(tp + fn, 1.0);
    std::printf("  %-28s P %.3f  R %.3f  F1 %.3f\n", what, p, r, p + r > 0 ? 2 * p * r / (p + r) : 0);
  }
  double f1() const {
    double p = tp / std::max(tp + fp, 1.0), r = tp / std::max(tp + fn, 1.0);
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
  }
};

// Baselines the brief quotes: the whole page, and only lines of 80+ characters.
std::string long_lines(std::string_view s) {
  std::string out;
  for (std::size_t pos = 0; pos <= s.size();) {
    std::size_t nl = std::min(s.find('\n', pos), s.size());
    if (nl - pos >= 80) out.append(s.substr(pos, nl - pos)).push_back('\n');
    pos = nl + 1;
  }
  return out;
}

// trafilatura's own measure (set DSEARCH_SHOW_LEAKS or DSEARCH_SHOW_MISSES to list the snippets): a kept "with" snippet is a true positive, a kept "without" a false one.
TEST(PageQuality, TrafilaturaEval) {
  std::string dir = test::corpora_dir();
  if (dir.empty()) GTEST_SKIP() << "shared corpora absent";
  std::string eval_text = test::read_file(dir + "/trafilatura-eval/evaldata.json");
  if (eval_text.empty()) GTEST_SKIP() << "evaldata.json absent";
  auto eval = nlohmann::json::parse(eval_text);
  Counts ours, whole, longl;
  std::size_t leaks = 0, without_in_page = 0, pages = 0, title_ok = 0, titles = 0, date_ok = 0, dates = 0;
  test::for_each_json_line(dir + "/trafilatura-eval/trafilatura-eval.jsonl.gz", [&](const nlohmann::json& j) {
    std::string url = str(j, "url");
    if (!eval.contains(url)) return;
    const auto& e = eval[url];
    std::string body = str(j, "body");
    PageHints h = hints_of(j);
    Page detected = extract_page(body, {"", "", "", h.lang});
    std::string got = squash(detected.body), all = squash(body), lng = squash(long_lines(body));
    ++pages;
    for (const auto& s : e["with"]) {
      std::string w = squash(s.get<std::string>());
      for (auto [c, text] : {std::pair{&ours, &got}, {&whole, &all}, {&longl, &lng}})
        (text->find(w) != std::string::npos ? c->tp : c->fn) += 1;
      if (std::getenv("DSEARCH_SHOW_MISSES") && all.find(w) != std::string::npos && got.find(w) == std::string::npos) std::printf("MISS %s | %s\n", url.c_str(), w.substr(0, 100).c_str());
    }
    for (const auto& s : e["without"]) {
      std::string w = squash(s.get<std::string>());
      for (auto [c, text] : {std::pair{&ours, &got}, {&whole, &all}, {&longl, &lng}})
        if (text->find(w) != std::string::npos) c->fp += 1;
      bool in_page = all.find(w) != std::string::npos;
      without_in_page += in_page;
      leaks += in_page && got.find(w) != std::string::npos;
      if (std::getenv("DSEARCH_SHOW_LEAKS") && in_page && got.find(w) != std::string::npos) std::printf("LEAK %s | %s\n", url.c_str(), w.substr(0, 100).c_str());
    }
    if (!h.title.empty()) {
      ++titles;
      title_ok += squash(detected.title) == squash(h.title);
    }
    if (!h.date.empty()) {
      ++dates;
      date_ok += detected.date == h.date;
    }
  });
  if (pages == 0) GTEST_SKIP() << "trafilatura-eval pages absent";
  std::printf("trafilatura-eval, %zu pages (snippets):\n", pages);
  whole.print("whole page");
  longl.print("lines of 80+ chars");
  ours.print("extract_page");
  double leak = static_cast<double>(leaks) / std::max<std::size_t>(without_in_page, 1);
  std::printf("  'without' snippets leaking: %.1f%% of %zu present in the page\n", 100 * leak, without_in_page);
  std::printf("  title exact %.1f%% of %zu, date %.1f%% of %zu\n", 100.0 * title_ok / std::max<size_t>(titles, 1),
              titles, 100.0 * date_ok / std::max<size_t>(dates, 1), dates);
  EXPECT_GE(ours.f1(), 0.92);
  EXPECT_LE(leak, 0.07);
  // 44.4% when the headline was looked for around the heuristic's article start alone.
  EXPECT_GE(static_cast<double>(title_ok) / std::max<size_t>(titles, 1), 0.47);
}

std::unordered_map<std::string, int> bag(std::string_view s) {
  std::unordered_map<std::string, int> words;
  std::string w;
  for (std::size_t i = 0; i <= s.size(); ++i) {
    unsigned char c = i < s.size() ? s[i] : ' ';
    if (c >= 0x80 || std::isalnum(c)) {
      w.push_back(static_cast<char>(std::tolower(c)));
    } else if (!w.empty()) {
      ++words[w];
      w.clear();
    }
  }
  return words;
}

void add_overlap(Counts& c, std::string_view got, std::string_view expected) {
  auto g = bag(got), e = bag(expected);
  double inter = 0, ng = 0, ne = 0;
  for (auto& [w, n] : g) {
    ng += n;
    if (auto it = e.find(w); it != e.end()) inter += std::min(n, it->second);
  }
  for (auto& [w, n] : e) ne += n;
  c.tp += inter;
  c.fp += ng - inter;
  c.fn += ne - inter;
}

// Token overlap (bag of words, micro-averaged) with Readability's expected article text.
TEST(PageQuality, ReadabilityPages) {
  std::string dir = test::corpora_dir();
  if (dir.empty()) GTEST_SKIP() << "shared corpora absent";
  std::map<std::string, std::string> expected;
  test::for_each_json_line(dir + "/readability-test-pages/readability-test-pages.expected.jsonl.gz",
                           [&](const nlohmann::json& j) { expected[str(j, "id")] = str(j, "article_text"); });
  if (expected.empty()) GTEST_SKIP() << "readability expected texts absent";
  Counts ours, whole, longl;
  std::size_t pages = 0, titles = 0, title_ok = 0;
  test::for_each_json_line(dir + "/readability-test-pages/readability-test-pages.jsonl.gz",
                           [&](const nlohmann::json& j) {
                             auto it = expected.find(str(j, "id"));
                             if (it == expected.end()) return;
                             std::string body = str(j, "body");
                             PageHints h = hints_of(j);
                             Page detected = extract_page(body, {"", "", "", h.lang});
                             add_overlap(ours, detected.body, it->second);
                             if (!h.title.empty()) {
                               ++titles;
                               title_ok += squash(detected.title) == squash(h.title);
                             }
                             add_overlap(whole, body, it->second);
                             add_overlap(longl, long_lines(body), it->second);
                             ++pages;
                           });
  std::printf("readability-test-pages, %zu pages (tokens):\n", pages);
  whole.print("whole page");
  longl.print("lines of 80+ chars");
  ours.print("extract_page");
  double title_share = static_cast<double>(title_ok) / std::max<std::size_t>(titles, 1);
  std::printf("  title exact %.1f%% of %zu (the expected title is in the page text on about half)\n",
              100 * title_share, titles);
  EXPECT_GE(ours.f1(), 0.95);
  // 16.5% when the headline was looked for around the heuristic's article start alone.
  EXPECT_GE(title_share, 0.18);
}

}  // namespace
}  // namespace dsearch

namespace dsearch {
namespace {

// Wire copy marks paragraphs by indenting their first line; the body must keep them as "\n\n",
// or entity scoring takes the whole story for its lead.
TEST(PageWire, IndentedLinesStartParagraphs) {
  std::string wire =
      "SALVADOR, Feb 26 - Showers continued throughout the week in\n"
      "the Bahia cocoa zone, alleviating the drought since early\n"
      "January, Comissaria Smith said in its weekly review.\n"
      "    The dry period means the temporao will be late this year.\n"
      "    Arrivals for the week ended February 22 were 155,221 bags.\n";
  PageHints hints;
  hints.title = "BAHIA COCOA REVIEW";
  hints.lang = "en";
  Page p = extract_page(wire, hints);
  EXPECT_NE(p.body.find("weekly review.\n\nThe dry period"), std::string::npos) << p.body;
  EXPECT_NE(p.body.find("this year.\n\nArrivals"), std::string::npos) << p.body;
  EXPECT_NE(p.body.find("in\nthe Bahia"), std::string::npos) << "wrapped lines stay one paragraph: " << p.body;
}

// Hard-wrapped wire copy: a line that carries on the sentence above it is prose, even when it
// starts like a template line ("share on ...", "share."). Real Reuters-21578 stories (NEWID 147,
// 527, 781) that used to lose their lede and their last lines.
TEST(PageWire, WrappedLinesAreNeverTemplate) {
  const char* stories[] = {
      "BIRMINGHAM, Ala., Feb 26 - Torchmark Corp said its board\n"
      "authorized the purchase from time to time of a significant\n"
      "portion of its 7-3/4 pct convertible subordinated debentures.\n"
      "    It also declared a regular quarterly dividend of 25 cts per\n"
      "share on its common payable May one to shareholders of record\n"
      "April 10.\n"
      " Reuter\n",
      "HAUPPAUGE, N.Y., March 2 - Eagle Telephonics Inc said it\n"
      "signed a two-year agreement under which Pacific Telesis Group's\n"
      "<PAC> Pacific Bell unit will buy its Eagle line of electronic\n"
      "key telephone systems for internal use.\n"
      "    Terms of the contract were not disclosed.\n"
      " Reuter\n",
      "LEXINGTON, Ky., March 2 - Shr profit four cts vs loss 16 cts\n"
      "    Net profit 155,383 vs loss 577,336\n"
      "    Note: Net includes tax credit of 51,226 dlrs or one ct per\n"
      "share.\n"
      " Reuter\n"};
  PageHints hints;
  hints.lang = "en";
  for (const char* story : stories) {
    Page p = extract_page(story, hints);
    EXPECT_EQ(count_words(p.body), count_words(story)) << p.body;
  }
}

}  // namespace
}  // namespace dsearch
