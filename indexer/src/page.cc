// extract_page: language first (boilerplate scoring needs its stopwords), then line scanning and
// content selection, then metadata read around the article start. Every step is a linear scan.
#include "dsearch/indexer/page.h"

#include <cctype>

#include "boilerplate.h"
#include "metadata.h"
#include "page_lines.h"
#include "stopword_index.h"
#include "text_scan.h"

namespace dsearch {
namespace {

using page_detail::kNoLine;
using page_detail::Line;

// Language from the prose-like lines only, so menus in English do not outvote a German article.
std::string guess_page_language(std::string_view text) {
  constexpr std::size_t kSample = 16 * 1024;
  std::string prose;
  std::size_t pos = 0;
  while (pos < text.size() && prose.size() < kSample) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    if (nl - pos >= 60) prose.append(text.substr(pos, std::min(nl - pos, kSample))).push_back('\n');
    pos = nl + 1;
  }
  std::string lang = detect_language(prose);
  return lang.empty() ? detect_language(text) : lang;
}

bool same_text_ci(std::string_view a, std::string_view b) {
  if (a.size() != b.size() || a.empty()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  return true;
}

// Clean text keeps its own paragraphs and line breaks (Reuters tables). Wire copy marks a
// paragraph by indenting its first line: that becomes a blank line, the body's paragraph mark,
// which entity scoring (the lead paragraph) and readers rely on.
std::string join_clean(const std::vector<Line>& lines) {
  std::string body;
  for (const auto& l : lines) {
    if (!l.keep) continue;
    if (!body.empty()) body.append(l.blank_before || l.indented ? "\n\n" : "\n");
    body.append(l.text);
  }
  return body;
}

std::string join_paragraphs(const std::vector<Line>& lines) {
  std::string body;
  for (const auto& l : lines) {
    if (!l.keep) continue;
    if (!body.empty()) body.append("\n\n");
    body.append(l.text);
  }
  return body;
}

}  // namespace

namespace page_detail {

PageLines page_lines(std::string_view text, const PageHints& hints) {
  PageLines p;
  // A declared language can be wrong (a template's <html lang>): scoring counts the stopwords of
  // the declared and of the detected language.
  std::string detected = guess_page_language(text);
  p.lang = hints.lang.empty() ? detected : hints.lang;
  const auto& idx = stopword_index();
  uint32_t stop_bit = p.lang.empty() ? ~0u : idx.bit(p.lang) | idx.bit(detected);
  p.lines = scan_lines(text, stop_bit);
  p.clean = looks_clean(p.lines);
  if (p.clean) {
    for (auto& l : p.lines) l.keep = l.heuristic_keep = true;
  } else {
    select_content(p.lines, stop_bit != 0);
  }
  return p;
}

}  // namespace page_detail

Page extract_page(std::string_view text, const PageHints& hints) {
  Page page;
  try {
    auto [lang, lines, clean] = page_detail::page_lines(text, hints);
    page.lang = std::move(lang);
    // The body is what the line model kept. The date and source are read around the article start
    // the heuristic found, the layout their rules were written and measured for; the headline
    // around that start and the model's.
    std::vector<char> body_keep(lines.size());
    page_detail::ArticleStarts starts;
    for (std::size_t i = 0; i < lines.size(); ++i) {
      body_keep[i] = lines[i].keep;
      if (body_keep[i] && starts.model == kNoLine) starts.model = i;
      lines[i].keep = lines[i].heuristic_keep;
    }
    std::size_t start = starts.heuristic = page_detail::content_start(lines);
    std::size_t title = page_detail::find_title(lines, starts, clean);
    if (hints.title.empty() && title != kNoLine) page.title = std::string(lines[title].text);
    else page.title = hints.title;
    // The headline heads the page, not the body.
    if (start != kNoLine && (start == title || same_text_ci(lines[start].text, page_detail::trim(page.title)))) {
      lines[start].keep = false;
      start = page_detail::content_start(lines);
    }
    page.date = hints.date.empty() ? page_detail::find_page_date(lines, title, start) : hints.date;
    page.source = hints.source.empty() ? page_detail::find_source(lines, title, start) : hints.source;
    for (std::size_t i = 0; i < lines.size(); ++i) lines[i].keep = body_keep[i] && i != title;
    if (std::size_t first = page_detail::content_start(lines);
        first != kNoLine && same_text_ci(lines[first].text, page_detail::trim(page.title)))
      lines[first].keep = false;
    page.body = clean ? join_clean(lines) : join_paragraphs(lines);
  } catch (...) {
    // Only allocation can fail here; an empty body is the honest answer then.
    page.body.clear();
  }
  return page;
}

}  // namespace dsearch
