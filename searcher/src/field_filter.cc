// Boolean filters for the fields of the query language and the CLI options: one term per value
// (schema prefixes), people's and organizations' names (name_filter.h), and value ranges on the
// date slot.
#include <optional>
#include <string>

#include "dsearch/error.h"
#include "dsearch/gazetteer.h"
#include "dsearch/schema.h"
#include "dsearch/searcher/query.h"
#include "name_filter.h"
#include "query_fields.h"

namespace dsearch {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && static_cast<unsigned char>(s.front()) <= ' ') s.remove_prefix(1);
  while (!s.empty() && static_cast<unsigned char>(s.back()) <= ' ') s.remove_suffix(1);
  return s;
}

std::string country_code(std::string_view value) {
  const Gazetteer& g = Gazetteer::instance();
  std::string code = g.lookup(value);
  if (!code.empty()) return code;
  std::string msg = "unknown country '" + std::string(value) + "'";
  auto similar = g.similar(value);
  if (!similar.empty()) {
    msg += " (did you mean ";
    for (std::size_t i = 0; i < similar.size() && i < 5; ++i) msg += (i ? ", " : "") + similar[i];
    msg += "?)";
  }
  throw Error(ErrorKind::kUsage, msg);
}

std::string lang_code(std::string_view value) {
  std::string code;
  for (char c : value) {
    if (c == '-' || c == '_') break;  // "en-US" -> "en"
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')))
      throw Error(ErrorKind::kUsage, "bad language '" + std::string(value) + "': use an ISO 639-1 code like en");
    code.push_back(static_cast<char>(c | 0x20));
  }
  if (code.size() < 2 || code.size() > 3)
    throw Error(ErrorKind::kUsage, "bad language '" + std::string(value) + "': use an ISO 639-1 code like en");
  return code;
}

// "YYYY", "YYYY-MM" or "YYYY-MM-DD" -> the first (or last) day it covers, as schema::date_value().
std::optional<std::string> date_bound(std::string_view d, bool last) {
  std::string iso(d);
  if (d.size() == 4) iso += last ? "-12-31" : "-01-01";
  else if (d.size() == 7) iso += last ? "-31" : "-01";  // day 31 is past every day of a month
  std::string value = schema::date_value(iso);
  if (value.empty()) return std::nullopt;
  return value;
}

std::string bad_date(std::string_view d) {
  return "bad date '" + std::string(d) + "': use YYYY, YYYY-MM or YYYY-MM-DD, or a range like 2014-11-01..2014-11-30";
}

}  // namespace

Xapian::Query field_filter(std::string_view field, std::string_view value, const std::vector<Analyzer*>& analyzers) {
  value = trim(value);
  ensure(!value.empty(), ErrorKind::kUsage, "empty value for " + std::string(field));
  if (field == "country") return Xapian::Query(schema::term(schema::kMainCountry, country_code(value)));
  if (field == "mentions") return Xapian::Query(schema::term(schema::kCountry, country_code(value)));
  if (field == "lang") return Xapian::Query(schema::term(schema::kLang, lang_code(value)));
  ensure(field == "person" || field == "org" || field == "source", ErrorKind::kUsage,
         "unknown field '" + std::string(field) + "'");
  std::string key = schema::entity_key(value);
  ensure(!key.empty(), ErrorKind::kUsage, "no words in " + std::string(field) + " '" + std::string(value) + "'");
  if (field == "person") return name_filter(kPeopleSlots, value, analyzers);
  if (field == "org") return name_filter(kOrgSlots, value, analyzers);
  return Xapian::Query(schema::term(schema::kSource, key));
}

Xapian::Query date_filter(std::string_view since, std::string_view until) {
  since = trim(since);
  until = trim(until);
  std::optional<std::string> lo, hi;
  if (!since.empty() && !(lo = date_bound(since, false))) throw Error(ErrorKind::kUsage, bad_date(since));
  if (!until.empty() && !(hi = date_bound(until, true))) throw Error(ErrorKind::kUsage, bad_date(until));
  if (lo && hi) return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema::kSlotDate, *lo, *hi);
  if (lo) return Xapian::Query(Xapian::Query::OP_VALUE_GE, schema::kSlotDate, *lo);
  if (hi) return Xapian::Query(Xapian::Query::OP_VALUE_LE, schema::kSlotDate, *hi);
  return Xapian::Query::MatchAll;
}

namespace query_internal {

Xapian::Query date_value_filter(std::string_view value) {
  auto dots = value.find("..");
  if (dots == std::string_view::npos) {
    ensure(!value.empty(), ErrorKind::kUsage, bad_date(value));
    return date_filter(value, value);
  }
  std::string_view since = value.substr(0, dots), until = value.substr(dots + 2);
  ensure(!since.empty() || !until.empty(), ErrorKind::kUsage, bad_date(value));
  return date_filter(since, until);
}

}  // namespace query_internal
}  // namespace dsearch
