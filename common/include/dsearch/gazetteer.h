// Country names -> ISO 3166-1 alpha-2 codes, from the data in common/data/ (ICU region names,
// Debian iso-codes, world-countries demonyms and aliases, GeoNames cities; see its README).
// Both sides use it: the indexer to find countries, the searcher for country:"North Korea".
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace dsearch {

class Gazetteer {
 public:
  // The process-wide gazetteer, loaded once from the embedded data; thread-safe.
  static const Gazetteer& instance();

  // The ISO code for a code, name, official name, short form or demonym as a user types it
  // ("kp", "North Korea", "DPRK", "Democratic People's Republic of Korea", "North Korean");
  // case-insensitive; empty when unknown or ambiguous.
  virtual std::string lookup(std::string_view name) const = 0;

  // English display name for a code: "KP" -> "North Korea"; the code itself when unknown.
  virtual std::string label(std::string_view code) const = 0;

  // Country names close to `name`, for "unknown country" errors.
  virtual std::vector<std::string> similar(std::string_view name) const = 0;

  virtual ~Gazetteer() = default;
};

}  // namespace dsearch
