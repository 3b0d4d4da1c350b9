// Snippets and highlighting on the seed texts: a word that matched is a word that gets marked,
// and the passage shown is the one that holds the most of the query.
#include "dsearch/searcher/highlight.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "dsearch/document_terms.h"
#include "dsearch/schema.h"
#include "dsearch/searcher/query.h"
#include "test_data.h"

namespace dsearch {
namespace {

Highlight highlight_for(std::string_view query, std::vector<std::string> langs = {"en"}) {
  static thread_local std::vector<std::unique_ptr<Analyzer>> keep;
  QueryContext ctx;
  for (const auto& l : langs) {
    keep.push_back(std::make_unique<Analyzer>(l));
    ctx.analyzers.push_back(keep.back().get());
  }
  return parse_query(query, ctx).highlight;
}

std::string text_of(const std::vector<Fragment>& frags) {
  std::string s;
  for (const auto& f : frags) s += f.text;
  return s;
}

std::set<std::string> marked(const std::vector<Fragment>& frags) {
  std::set<std::string> m;
  for (const auto& f : frags)
    if (f.match) m.insert(f.text);
  return m;
}

std::size_t chars(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

const std::string& xinhua() {
  static const std::string body = test::seed(test::kXinhua);
  return body;
}

struct MarkCase {
  const char* query;
  const char* text;  // nullptr: the Xinhua seed
  std::set<std::string> must_mark;
  std::set<std::string> must_not_mark;
  std::size_t max_chars = 240;
};

TEST(Snippet, MarksWhatMatched) {
  const MarkCase cases[] = {
      {"special envoy Putin", nullptr, {"Putin", "special", "envoy"}, {"Russia"}, 5000},
      {"special envoy Putin", nullptr, {"special", "envoy"}, {}},  // no 240 characters hold all three
      {"envoys", nullptr, {"envoy"}, {}},
      {"DPRK", "The DPRK's official Korean central news agency and the DPRK natural resources.", {"DPRK's", "DPRK"}, {}},
      {"Byeong-cheol", nullptr, {"Byeong", "cheol"}, {}},
      {"envo*", nullptr, {"envoy"}, {}},
      {"S\xC3\xA3o", "Flights from Sao Paulo.", {"Sao"}, {}},
      {"Sao", "Flights from S\xC3\xA3o Paulo.", {"S\xC3\xA3o"}, {}},
      {"sao*", "Flights from S\xC3\xA3o Paulo.", {"S\xC3\xA3o"}, {}},
      {"\xE5\xA4\x96\xE4\xBA\xA4\xE9\x83\xA8",  // 外交部
       "\xE4\xB8\xAD\xE5\x9B\xBD\xE5\xA4\x96\xE4\xBA\xA4\xE9\x83\xA8\xE5\x8F\x91\xE8\xA8\x80\xE4\xBA\xBA\xE4\xBB\x8A\xE5\xA4\xA9\xE8\xA1\xA8\xE7\xA4\xBA\xE3\x80\x82",
       {"\xE5\xA4\x96\xE4\xBA\xA4\xE9\x83\xA8"}, {}},
      {"envoy -Putin", "Choe is likely to meet Russian President Vladimir Putin, the envoy said.", {"envoy"}, {"Putin"}},
      {"\"Workers' Party of Korea\"", "A member of the Workers' Party of Korea, to Moscow.", {"Workers", "Party", "of", "Korea"},
       {}},
  };
  Analyzer en("en");
  for (const auto& c : cases) {
    std::string text = c.text ? c.text : xinhua();
    auto frags = snippet(text, en, highlight_for(c.query), c.max_chars);
    auto m = marked(frags);
    for (const auto& w : c.must_mark) EXPECT_TRUE(m.count(w)) << c.query << ": " << w << " in " << text_of(frags);
    for (const auto& w : c.must_not_mark) EXPECT_FALSE(m.count(w)) << c.query << ": " << w << " in " << text_of(frags);
  }
}

TEST(Snippet, StopwordsOfAPhraseAreMarkedOnlyInsideIt) {
  Analyzer en("en");
  auto frags = snippet("The head of state met a member of the Workers' Party of Korea.", en,
                       highlight_for("\"Workers' Party of Korea\""));
  int of_marked = 0;
  for (const auto& f : frags) of_marked += f.match && f.text == "of";
  EXPECT_EQ(of_marked, 1) << text_of(frags);
}

TEST(Snippet, ShowsThePassageWithTheMostDistinctTerms) {
  Analyzer en("en");
  auto frags = snippet(xinhua(), en, highlight_for("Putin summit Cheong"));
  std::string s = text_of(frags);
  EXPECT_NE(s.find("summit between Putin"), std::string::npos) << s;
  auto m = marked(frags);
  EXPECT_TRUE(m.count("Cheong") && m.count("summit") && m.count("Putin")) << s;

  frags = snippet(xinhua(), en, highlight_for("\"special envoy\" Kim"));
  s = text_of(frags);
  EXPECT_NE(s.find("special envoy of top leader Kim"), std::string::npos) << s;
}

TEST(Snippet, IsAboutMaxCharsCutAtWordsWithEllipses) {
  Analyzer en("en");
  for (std::size_t max : {40u, 120u, 240u, 400u}) {
    for (const char* q : {"Putin", "Mongolia Europe", "abductions", "nothing-matches-this"}) {
      auto frags = snippet(xinhua(), en, highlight_for(q), max);
      std::string s = text_of(frags);
      EXPECT_LE(chars(s), max + 12) << q << " " << max << ": " << s;
      EXPECT_GE(chars(s), max / 2) << q << " " << max << ": " << s;
      EXPECT_EQ(s.find('\n'), std::string::npos) << s;
      EXPECT_EQ(s.find("  "), std::string::npos) << s;
      EXPECT_NE(s.front(), ' ') << s;
      EXPECT_NE(s.back(), ' ') << s;
    }
  }
  // The end is cut with an ellipsis after a whole word.
  std::string s = text_of(snippet(xinhua(), en, highlight_for("Putin"), 120));
  EXPECT_EQ(s.substr(s.size() - 3), "\xE2\x80\xA6") << s;
}

TEST(Snippet, StartsAtASentenceWhenItCan) {
  Analyzer en("en");
  std::string body =
      "First sentence here. The Russian President Vladimir Putin met the envoy in Moscow on Friday. "
      "Then many other things happened that nobody wants to read about in a snippet at all.";
  std::string s = text_of(snippet(body, en, highlight_for("Putin"), 100));
  EXPECT_EQ(s.rfind("The Russian President", 0), 0u) << s;
}

TEST(Snippet, WithoutMatchesShowsTheStart) {
  Analyzer en("en");
  std::string s = text_of(snippet(xinhua(), en, Highlight{}, 60));
  EXPECT_EQ(s.rfind("US EUROPE AFRICA ASIA", 0), 0u) << s;
  s = text_of(snippet(xinhua(), en, highlight_for("zebra"), 60));
  EXPECT_EQ(s.rfind("US EUROPE AFRICA ASIA", 0), 0u) << s;
  EXPECT_TRUE(snippet("", en, highlight_for("Putin")).empty());
  EXPECT_TRUE(snippet(" \n\n ", en, highlight_for("Putin")).empty());
}

TEST(Snippet, CountsCharactersNotBytes) {
  Analyzer zh("zh");
  std::string body;
  for (int i = 0; i < 100; ++i)  // 中国外交部发言人今天表示。 x100
    body += "\xE4\xB8\xAD\xE5\x9B\xBD\xE5\xA4\x96\xE4\xBA\xA4\xE9\x83\xA8\xE5\x8F\x91\xE8\xA8\x80\xE4\xBA\xBA"
            "\xE4\xBB\x8A\xE5\xA4\xA9\xE8\xA1\xA8\xE7\xA4\xBA\xE3\x80\x82";
  auto frags = snippet(body, zh, highlight_for("\xE5\xA4\x96\xE4\xBA\xA4\xE9\x83\xA8", {"zh"}), 50);
  std::string s = text_of(frags);
  EXPECT_LE(chars(s), 52u) << s;
  EXPECT_GE(chars(s), 40u) << s;
  EXPECT_FALSE(marked(frags).empty());
  EXPECT_EQ(s.rfind("\xE4\xB8\xAD\xE5\x9B\xBD", 0), 0u) << s;  // starts at a sentence: 中国
}

TEST(Snippet, HandlesLargeBodies) {
  Analyzer en("en");
  std::string big;
  while (big.size() < 50000) big += xinhua();
  big += " The zebra crossing.";
  auto frags = snippet(big, en, highlight_for("zebra"));
  EXPECT_TRUE(marked(frags).count("zebra")) << text_of(frags);
}

// The distinct terms of `h` a body holds, by analysing all of it.
// What the posting lists say of the document: whether it holds a term.
std::function<bool(const std::string&)> holder(const Xapian::Document& doc) {
  std::set<std::string> terms(doc.termlist_begin(), doc.termlist_end());
  return [terms](const std::string& t) { return terms.count(t) > 0; };
}

std::size_t terms_matched(std::string_view body, Analyzer& a, const Highlight& h) {
  std::set<std::string> found;
  a.tokenize(body, [&](const Token& t) {
    if (h.matches(t)) found.insert(t.term);
  });
  return found.size();
}

std::size_t distinct_marked(const std::vector<Fragment>& frags, Analyzer& a) {
  std::set<std::string> terms;
  for (const auto& m : marked(frags)) terms.insert(a.stem(a.fold(m)));
  return terms.size();
}

// Stopping once a passage shows every query term the body holds (as the stored word order
// tells) must show as many terms as analysing the whole body, and mostly the same passage.
TEST(Snippet, StoppingEarlyShowsWhatAWholeScanShows) {
  std::string dir = test::corpora_dir();
  if (dir.empty()) GTEST_SKIP() << "no ../shared/corpora";
  Analyzer en("en");
  const char* const queries[] = {"oil prices", "bank rates", "dollar", "company said shares",
                                 "trade deficit Japan", "profit", "net loss", "tonnes wheat"};
  std::size_t cases = 0, same_count = 0, same_text = 0, stopped = 0;
  test::for_each_json_line(dir + "/reuters21578/reuters21578.jsonl.gz", [&](const nlohmann::json& j) {
    std::string title = j.value("title", ""), body = j.value("body", "");
    if (body.size() < 300) return;
    Xapian::Document doc;
    add_text_terms(doc, en, title, body);
    std::string order = doc.get_value(schema::kSlotTokens);
    for (const char* q : queries) {
      Highlight h = highlight_for(q);
      std::size_t n = terms_in_body(h, order, holder(doc)), truth = terms_matched(body, en, h);
      ASSERT_EQ(n, truth) << q << " in " << body.substr(0, 80);
      ++cases;
      same_count += n == truth;
      auto full = snippet(body, en, h), early = snippet(body, en, h, 240, n);
      EXPECT_EQ(distinct_marked(early, en), distinct_marked(full, en)) << q << "\n" << text_of(full) << "\n" << text_of(early);
      same_text += text_of(full) == text_of(early);
      stopped += n == truth;
    }
  }, 600);
  ASSERT_GT(cases, 2000u);
  std::printf("%zu cases: count exact %zu, same passage %zu\n", cases, same_count, same_text);
  EXPECT_GE(same_text, cases * 95 / 100);
  EXPECT_GT(stopped, 0u);
}

TEST(Snippet, TermsInBodyNeedsAStoredOrderAndPlainTerms) {
  Analyzer en("en");
  Xapian::Document doc;
  add_text_terms(doc, en, "Putin envoy", "The special envoy met officials in Moscow.");
  std::string order = doc.get_value(schema::kSlotTokens);
  auto holds = holder(doc);
  EXPECT_EQ(terms_in_body(highlight_for("envoy Moscow zebra"), order, holds), 2u);
  EXPECT_EQ(terms_in_body(highlight_for("Putin"), order, holds), 0u) << "title words are not body words";
  EXPECT_EQ(terms_in_body(highlight_for("envoy"), "", holds), kUnknownTerms);
  EXPECT_EQ(terms_in_body(highlight_for("env*"), order, holds), kUnknownTerms);
  EXPECT_EQ(terms_in_body(highlight_for("\"special envoy\""), order, holds), kUnknownTerms);
  // Of the stopword table's words the word order tells without the posting lists.
  Highlight stops;
  stops.terms = {"the", "of"};
  EXPECT_EQ(terms_in_body(stops, order, [](const std::string&) { return false; }), 1u);
}

TEST(Highlight, MarkAllMarksTheWholeTitle) {
  Analyzer en("en");
  auto frags = mark_all("  DPRK envoy's visit to Russia\n aims  ", en, highlight_for("envoy russia"));
  EXPECT_EQ(text_of(frags), "DPRK envoy's visit to Russia aims");
  EXPECT_EQ(marked(frags), (std::set<std::string>{"envoy's", "Russia"}));
  ASSERT_EQ(frags.size(), 5u);
  EXPECT_EQ(frags[0].text, "DPRK ");
  EXPECT_TRUE(frags[1].match);
}

TEST(Highlight, MatchesTermsAndPrefixes) {
  Highlight h;
  h.terms = {"envoy"};
  h.prefixes = {"sao", "diplo"};
  Analyzer en("en");
  auto t = en.tokens("envoys S\xC3\xA3o diplomatic Russia");
  ASSERT_EQ(t.size(), 4u);
  EXPECT_TRUE(h.matches(t[0]));
  EXPECT_TRUE(h.matches(t[1]));
  EXPECT_TRUE(h.matches(t[2]));
  EXPECT_FALSE(h.matches(t[3]));
}

}  // namespace
}  // namespace dsearch
