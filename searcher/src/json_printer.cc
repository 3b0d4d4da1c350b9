#include <nlohmann/json.hpp>

#include "dsearch/searcher/printer.h"

namespace dsearch {
namespace {

using json = nlohmann::ordered_json;

std::string html_escape(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

std::string marked_html(const std::vector<Fragment>& frags) {
  std::string out;
  for (const auto& f : frags) out += f.match ? "<mark>" + html_escape(f.text) + "</mark>" : html_escape(f.text);
  return out;
}

json or_null(const std::string& s) { return s.empty() ? json() : json(s); }

json hit_json(const Hit& h) {
  const Article& a = h.article;
  json countries = json::array();
  for (const auto& c : a.countries) countries.push_back(c.code);
  return json{{"rank", h.rank},
              {"id", a.id},
              {"score", h.score},
              {"title", a.title},
              {"date", or_null(a.date)},
              {"source", or_null(a.source)},
              {"url", or_null(a.url)},
              {"path", or_null(a.path)},
              {"lang", or_null(a.lang)},
              {"countries", countries},
              {"main_countries", a.main_countries},
              {"people", a.people},
              {"orgs", a.orgs},
              {"snippet", marked_html(h.snippet)}};
}

class JsonPrinter : public Printer {
 public:
  explicit JsonPrinter(std::ostream& out) : out_(out) {}

  void print(const SearchResult& r) override {
    json results = json::array();
    for (const auto& h : r.hits) results.push_back(hit_json(h));
    json facets = json::object();
    for (const auto& f : r.facets) {
      json values = json::array();
      for (const auto& v : f.values) values.push_back({{"value", v.value}, {"label", v.label}, {"count", v.count}});
      facets[f.name] = values;
    }
    json j{{"query", r.query},     {"total", r.total},           {"total_exact", r.total_exact},
           {"offset", r.offset},   {"suggestion", or_null(r.suggestion)},
           {"results", results},   {"facets", facets},           {"warnings", r.warnings}};
    out_ << j.dump(-1, ' ', false, json::error_handler_t::replace) << '\n';
  }

 private:
  std::ostream& out_;
};

}  // namespace

std::unique_ptr<Printer> make_json_printer(std::ostream& out) { return std::make_unique<JsonPrinter>(out); }

}  // namespace dsearch
