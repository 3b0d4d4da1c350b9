// `dindex --extract`: every article as the indexer sees it, without indexing.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "dsearch/article.h"
#include "dsearch/indexer/input.h"

namespace dsearch {

// One JSON object (a line of JSON Lines) for an article: id, path, title, date, source, lang,
// url, countries, country_mentions, main_countries, people, orgs, body.
std::string article_json(const Article& a);

// Prints each article of `paths` as JSON Lines; returns the number of failed inputs.
std::uint64_t extract_articles(const std::vector<std::string>& paths, std::ostream& out,
                               const ErrorSink& errors);

}  // namespace dsearch
