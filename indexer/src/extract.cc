#include "dsearch/indexer/extract.h"

#include <nlohmann/json.hpp>

#include "dsearch/indexer/analyse.h"

namespace dsearch {

std::string article_json(const Article& a) {
  nlohmann::ordered_json j;
  j["id"] = a.id;
  j["path"] = a.path;
  j["title"] = a.title;
  j["date"] = a.date.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(a.date);
  j["source"] = a.source.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(a.source);
  j["lang"] = a.lang.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(a.lang);
  j["url"] = a.url.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(a.url);
  j["countries"] = nlohmann::ordered_json::array();
  j["country_mentions"] = nlohmann::ordered_json::object();
  for (const auto& m : a.countries) {
    j["countries"].push_back(m.code);
    j["country_mentions"][m.code] = m.count;
  }
  j["main_countries"] = a.main_countries;
  j["people"] = a.people;
  j["orgs"] = a.orgs;
  j["body"] = a.body;
  return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

std::uint64_t extract_articles(const std::vector<std::string>& paths, std::ostream& out,
                               const ErrorSink& errors) {
  std::uint64_t failed = 0;
  auto fail = [&](const InputError& e) {
    ++failed;
    errors(e);
  };
  for (const auto& file : list_inputs(paths, fail)) {
    read_articles(file, [&](RawArticle&& raw) {
      try {
        out << article_json(analyse(raw)) << '\n';
      } catch (const std::exception& e) {
        fail({raw.origin, e.what()});
      }
    }, fail);
  }
  return failed;
}

}  // namespace dsearch
