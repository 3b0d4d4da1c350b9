#include <string>

#include "dsearch/searcher/printer.h"

namespace dsearch {
namespace {

const char* const kBold = "\033[1m";
const char* const kMatch = "\033[1;31m";
const char* const kDim = "\033[2m";
const char* const kReset = "\033[0m";

class TextPrinter : public Printer {
 public:
  TextPrinter(std::ostream& out, bool color) : out_(out), color_(color) {}

  void print(const SearchResult& r) override {
    for (const auto& w : r.warnings) out_ << "note: " << w << '\n';
    if (!r.suggestion.empty()) out_ << "Did you mean: " << r.suggestion << "\n\n";
    for (const auto& hit : r.hits) print_hit(hit);
    print_facets(r);
    out_ << count_line(r) << '\n';
  }

 private:
  void print_hit(const Hit& hit) {
    out_ << hit.rank << ". ";
    if (color_) out_ << kBold;
    print_fragments(hit.title.empty() ? std::vector<Fragment>{{"(no title)", false}} : hit.title, kBold);
    if (color_) out_ << kReset;
    out_ << "\n   ";
    if (color_) out_ << kDim;
    out_ << meta_line(hit.article);
    if (color_) out_ << kReset;
    out_ << '\n';
    if (!hit.snippet.empty()) {
      out_ << "   ";
      print_fragments(hit.snippet, "");
      out_ << '\n';
    }
    out_ << '\n';
  }

  // Matches in colour (restoring `outer` after each) or between ** markers.
  void print_fragments(const std::vector<Fragment>& frags, const char* outer) {
    for (const auto& f : frags) {
      if (!f.match) {
        out_ << f.text;
      } else if (color_) {
        out_ << kMatch << f.text << kReset << outer;
      } else {
        out_ << "**" << f.text << "**";
      }
    }
  }

  static std::string meta_line(const Article& a) {
    std::string line;
    auto add = [&](const std::string& s) {
      if (s.empty()) return;
      if (!line.empty()) line += " · ";
      line += s;
    };
    add(a.source);
    add(a.date);
    std::string countries;
    for (const auto& c : a.main_countries) countries += (countries.empty() ? "" : " ") + c;
    add(countries);
    add(a.url.empty() ? a.path : a.url);
    return line;
  }

  void print_facets(const SearchResult& r) {
    for (const auto& f : r.facets) {
      if (f.values.empty()) continue;
      out_ << f.name << ":";
      for (const auto& v : f.values) {
        out_ << "  " << v.value;
        if (v.label != v.value) out_ << " (" << v.label << ")";
        out_ << " " << v.count;
      }
      out_ << '\n';
    }
    if (!r.facets.empty()) out_ << '\n';
  }

  static std::string count_line(const SearchResult& r) {
    std::string n = std::to_string(r.total);
    std::string total = (r.total_exact ? "" : "about ") + n + (r.total == 1 ? " article" : " articles");
    if (r.hits.empty()) return r.total ? total + "; none on this page (offset " + std::to_string(r.offset) + ")" : "no articles found";
    return total + "; showing " + std::to_string(r.hits.front().rank) + "-" + std::to_string(r.hits.back().rank);
  }

  std::ostream& out_;
  bool color_;
};

}  // namespace

std::unique_ptr<Printer> make_text_printer(std::ostream& out, bool color) {
  return std::make_unique<TextPrinter>(out, color);
}

}  // namespace dsearch
