#include "dsearch/indexer/analyse.h"

#include <map>
#include <stdexcept>

#include "dsearch/analyzer.h"
#include "dsearch/document_terms.h"
#include "dsearch/indexer/decode.h"
#include "dsearch/indexer/entities.h"
#include "dsearch/indexer/page.h"
#include "dsearch/record_codec.h"
#include "dsearch/schema.h"

namespace dsearch {
namespace {

// One analyzer per language per thread: ICU break iterators are not thread-safe and costly to make.
Analyzer& analyzer_for(const std::string& lang) {
  thread_local std::map<std::string, Analyzer> analyzers;
  auto it = analyzers.find(lang);
  if (it == analyzers.end()) it = analyzers.emplace(lang, Analyzer(analysis_language(lang))).first;
  return it->second;
}

// Spelling data wants real words, not numbers or fragments.
bool spelling_worthy(const std::string& folded) {
  if (folded.size() < 3 || folded.size() > 24) return false;
  for (unsigned char c : folded)
    if (c >= '0' && c <= '9') return false;
  return true;
}

std::string trimmed(const std::string& s) {
  auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

}  // namespace

Article analyse(const RawArticle& raw) {
  Article a;
  std::string text;
  if (raw.json) {
    text = make_valid_utf8(raw.text);
  } else {
    Decoded d = decode_text(raw.text);
    if (!d.error.empty()) throw std::runtime_error(d.error);
    text = std::move(d.text);
  }
  PageHints hints = raw.hints;
  hints.title = make_valid_utf8(hints.title);
  hints.source = make_valid_utf8(hints.source);
  Page page = extract_page(text, hints);
  // Text that looks like boilerplate throughout (a bare list of company names) is still the
  // article its source gave: keep it rather than lose it.
  if (page.body.empty()) page.body = trimmed(text);
  if (page.body.empty() && page.title.empty()) throw std::runtime_error("no article text found");
  a.id = raw.id;
  a.path = raw.origin;
  a.url = make_valid_utf8(raw.url);
  a.title = std::move(page.title);
  a.date = std::move(page.date);
  a.source = std::move(page.source);
  a.lang = std::move(page.lang);
  a.body = std::move(page.body);
  Entities e = extract_entities(a.title, a.body, a.lang);
  a.countries = std::move(e.countries);
  a.main_countries = std::move(e.main_countries);
  a.people = std::move(e.people);
  a.orgs = std::move(e.orgs);
  return a;
}

IndexedDocument make_document(const Article& a, const std::string& origin) {
  IndexedDocument out;
  Xapian::Document& doc = out.doc;
  Analyzer& analyzer = analyzer_for(a.lang);
  WordSet words;
  add_text_terms(doc, analyzer, a.title, a.body, [&](const Token& t) {
    if (spelling_worthy(t.folded)) words.emplace(t.folded);
  });
  out.words.assign(words.begin(), words.end());
  add_name_words(doc, analyzer, a.people);
  add_name_words(doc, analyzer, a.orgs);

  for (const auto& m : a.countries) doc.add_boolean_term(schema::term(schema::kCountry, m.code));
  for (const auto& c : a.main_countries) doc.add_boolean_term(schema::term(schema::kMainCountry, c));
  if (std::string key = schema::entity_key(a.source); !key.empty())
    doc.add_boolean_term(schema::term(schema::kSource, key));
  if (!a.lang.empty()) doc.add_boolean_term(schema::term(schema::kLang, a.lang));

  doc.add_value(schema::kSlotDate, schema::date_value(a.date));
  doc.add_value(schema::kSlotCountries, schema::pack_list(a.main_countries));
  doc.add_value(schema::kSlotPeople, schema::name_keys(a.people));
  doc.add_value(schema::kSlotOrgs, schema::name_keys(a.orgs));
  doc.add_value(schema::kSlotPeopleWords, schema::name_word_hashes(a.people));
  doc.add_value(schema::kSlotOrgWords, schema::name_word_hashes(a.orgs));
  doc.add_value(schema::kSlotSource, schema::name_keys({a.source}));
  doc.add_value(schema::kSlotRecord, record_value(origin, serialize(a)));
  return out;
}

}  // namespace dsearch
