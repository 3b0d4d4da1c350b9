// Headline, date and publisher detection through extract_page, on small pages built like the seeds.
#include <gtest/gtest.h>

#include "dsearch/indexer/page.h"
#include "test_data.h"

namespace dsearch {
namespace {

const char* kParagraph =
    "The ministry said on Monday that the envoy would travel to the capital for talks with the "
    "government, and that the visit was expected to last for about a week.\n\n"
    "Officials did not say what the envoy would discuss, but analysts said that the trip was part of "
    "an effort to improve relations with its neighbours after years of isolation.\n";

std::string page_with(const std::string& head) {
  return "Home\nWorld\nBusiness\n\nEnvoy heads to Moscow for talks on trade\n\n" + head + "\n\n" + kParagraph;
}

TEST(MetadataDate, Formats) {
  struct Case {
    const char* line;
    const char* date;
  } cases[] = {
      {"Updated: 2014-11-17 16:10", "2014-11-17"},
      {"November 14, 2014", "2014-11-14"},
      {"14 November 2014", "2014-11-14"},
      {"Nov. 14, 2014", "2014-11-14"},
      {"Published 2014-11-17T16:10:00Z", "2014-11-17"},
      {"17.11.2014, 16:10 Uhr", "2014-11-17"},
      {"Montag, 17. November 2014", "2014-11-17"},
      {"le 17 novembre 2014", "2014-11-17"},
      {"17 de noviembre de 2014", "2014-11-17"},
      {"2014年11月17日", "2014-11-17"},
      {"31.02.2014", ""},       // no such day
      {"2014-13-01", ""},       // no such month
      {"03/04/2014", ""},       // ambiguous
      {"25/12/2014", "2014-12-25"},
  };
  for (const auto& c : cases) EXPECT_EQ(extract_page(page_with(c.line)).date, c.date) << c.line;
}

TEST(MetadataDate, PrefersTheDatelineOverDatesInTheText) {
  std::string page = page_with("By Jane Doe, 3 March 2015") +
                     "\nThe agreement of 12 January 2001 was cited by the ministry in its statement today.\n";
  EXPECT_EQ(extract_page(page).date, "2015-03-03");
}

TEST(MetadataTitle, HeadlineAboveTheDateLine) {
  EXPECT_EQ(extract_page(page_with("November 14, 2014")).title, "Envoy heads to Moscow for talks on trade");
  EXPECT_EQ(extract_page(test::seed(test::kXinhua)).title,
            "DPRK envoy's visit to Russia aims to diversify diplomatic relations");
  EXPECT_EQ(extract_page(test::seed(test::kDw)).title, "North Korea envoy to Russia");
}

TEST(MetadataTitle, CleanTextStartsWithItsTitle) {
  Page p = extract_page("Ad sales boost Time Warner profit\n\nQuarterly profits at US media giant TimeWarner jumped "
                        "76% to $1.13bn for the three months to December, from $639m year-earlier.\n");
  EXPECT_EQ(p.title, "Ad sales boost Time Warner profit");
  EXPECT_EQ(p.body.rfind("Quarterly profits", 0), 0u);
}

TEST(MetadataSource, Patterns) {
  struct Case {
    std::string page;
    const char* source;
  } cases[] = {
      {page_with("(Xinhua) Updated: 2014-11-17 16:10"), "Xinhua"},
      {"Home\n\nEnvoy heads to Moscow\n\nMOSCOW, Nov 17 (Reuters) - " + std::string(kParagraph), "Reuters"},
      {page_with("November 14, 2014") + "\nksb/mkg (AFP, AP)\n\nSkip next section More stories from DW\n", "DW"},
      {page_with("November 14, 2014") + "\n\xC2\xA9 2014 Example Media Group. All rights reserved.\n",
       "Example Media Group"},
      {page_with("November 14, 2014") + "\nCopyright 2014 The Daily Example\n", "The Daily Example"},
      {page_with("November 14, 2014") + "\n(AFP, AP)\n", ""},
  };
  for (const auto& c : cases) EXPECT_EQ(extract_page(c.page).source, c.source) << c.page;
  EXPECT_EQ(extract_page(test::seed(test::kXinhua)).source, "Xinhua");
  EXPECT_EQ(extract_page(test::seed(test::kDw)).source, "DW");
}

}  // namespace
}  // namespace dsearch
