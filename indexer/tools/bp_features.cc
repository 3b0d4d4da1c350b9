// bp_features: dumps the line features of pages for training the boilerplate model
// (tools/boilerplate_model/train.py). Reads JSON Lines {"id","body"[,"lang"]} on stdin and writes
// one JSON line per page: {"id", "clean": true} for pages kept whole, else {"id", "lines": [text],
// "f": [[feature, ...] per line]} computed exactly as dindex computes them. Not installed.
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>

#include "../src/boilerplate_features.h"
#include "../src/page_lines.h"

int main() {
  std::ios::sync_with_stdio(false);
  std::string line;
  std::size_t line_no = 0;
  while (std::getline(std::cin, line)) {
    ++line_no;
    nlohmann::json in;
    try {
      in = nlohmann::json::parse(line);
    } catch (const std::exception& e) {
      std::cerr << "bp_features: stdin:" << line_no << ": " << e.what() << "\n";
      return 2;
    }
    dsearch::PageHints hints;
    hints.lang = in.value("lang", std::string());
    std::string body = in.value("body", std::string());
    auto page = dsearch::page_detail::page_lines(body, hints);
    nlohmann::json out = {{"id", in.value("id", std::string())}};
    if (page.clean) {
      out["clean"] = true;
    } else {
      const auto* lexicon = dsearch::page_detail::LineLexicon::active();
      std::vector<float> f = dsearch::page_detail::line_features(page.lines, lexicon);
      const std::size_t width = dsearch::page_detail::line_feature_names().size();
      nlohmann::json texts = nlohmann::json::array(), rows = nlohmann::json::array();
      for (std::size_t i = 0; i < page.lines.size(); ++i) {
        texts.push_back(std::string(page.lines[i].text));
        rows.push_back(std::vector<float>(f.begin() + i * width, f.begin() + (i + 1) * width));
      }
      out["lines"] = std::move(texts);
      out["f"] = std::move(rows);
    }
    std::cout << out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  }
  return 0;
}
