// extract_entities: scan the words once, find countries first (their words can't be people),
// then people and organizations.
#include "dsearch/indexer/entities.h"

#include "entities_countries.h"
#include "entities_names.h"

namespace dsearch {

Entities extract_entities(std::string_view title, std::string_view body, std::string_view lang) {
  entities::TextWords t{title, entities::scan_words(title), {}, true};
  entities::TextWords b{body, entities::scan_words(body), {}, false};
  entities::CountryResult countries = entities::find_countries(t, b);
  entities::NameResult names = entities::find_names(t, b, lang);
  return {std::move(countries.countries), std::move(countries.main), std::move(names.people), std::move(names.orgs)};
}

}  // namespace dsearch
