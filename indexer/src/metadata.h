// Headline, date and publisher of a page, read from the lines around the start of the article:
// page templates put them in a fairly fixed order (menus, headline, byline/date line, lede).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "boilerplate.h"

namespace dsearch::page_detail {

inline constexpr std::size_t kNoLine = static_cast<std::size_t>(-1);

// Index of the first kept line (the article start), or kNoLine.
std::size_t content_start(const std::vector<Line>& lines);

// Where the article starts by each stage's account: the heuristic's first kept line and the line
// model's. They disagree on 60% of trafilatura-eval's pages, and the headline may sit above either.
struct ArticleStarts {
  std::size_t heuristic = kNoLine;
  std::size_t model = kNoLine;
};

// Index of the headline line near the article's start, or kNoLine. In clean text the headline is
// the first line when it looks like one. Without a heuristic start there is none: a headline is
// scored by the words the heuristic kept below it.
std::size_t find_title(const std::vector<Line>& lines, ArticleStarts starts, bool clean);

// YYYY-MM-DD: the first date near the headline and the dateline, else the first date on a short
// line, else "".
std::string find_page_date(const std::vector<Line>& lines, std::size_t title, std::size_t start);

// The publisher: a "(Xinhua)" opening the date line or dateline, else the name most repeated in
// template lines ("More stories from DW", "© 2014 Name"), else "".
std::string find_source(const std::vector<Line>& lines, std::size_t title, std::size_t start);

}  // namespace dsearch::page_detail
