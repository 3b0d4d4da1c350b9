// Output behind one interface (after notmuch's sprinter): the CLI fills a SearchResult and hands
// it to the text or the JSON printer.
#pragma once

#include <memory>
#include <ostream>

#include "dsearch/searcher/search.h"

namespace dsearch {

class Printer {
 public:
  virtual ~Printer() = default;
  virtual void print(const SearchResult& result) = 0;
};

// Human output. With `color`, titles are bold and matches highlighted with ANSI codes; without,
// matches are wrapped in **…**.
std::unique_ptr<Printer> make_text_printer(std::ostream& out, bool color);

// One JSON object, the documented stable format (README): snippets are HTML-escaped with matches
// in <mark>…</mark>.
std::unique_ptr<Printer> make_json_printer(std::ostream& out);

}  // namespace dsearch
