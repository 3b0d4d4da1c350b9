// An article as the indexer extracted it and as the searcher reads it back from its stored record.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dsearch {

struct CountryMention {
  std::string code;  // ISO 3166-1 alpha-2, uppercase
  int count = 0;
  bool operator==(const CountryMention&) const = default;
};

struct Article {
  std::string id;      // stable unique id: path relative to the indexed root, or the JSONL id
  std::string path;    // absolute path of the file it came from (for JSON Lines: file:line)
  std::string url;
  std::string title;
  std::string date;    // YYYY-MM-DD, or empty when unknown
  std::string source;  // publisher, e.g. "Xinhua"
  std::string lang;    // ISO 639-1, e.g. "en"
  std::string body;    // article text after boilerplate removal, paragraphs separated by "\n\n"
  std::vector<CountryMention> countries;   // every country mentioned, most mentioned first
  std::vector<std::string> main_countries; // the countries the article is about, most central first
  std::vector<std::string> people;         // display names, variants merged
  std::vector<std::string> orgs;           // display names, variants merged

  bool operator==(const Article&) const = default;
};

// Document data layout: a compact, versioned binary encoding of every field above.
std::string serialize(const Article& a);
// Throws std::runtime_error on data that was not written by serialize().
Article deserialize(std::string_view data);

}  // namespace dsearch
