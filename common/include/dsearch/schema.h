// The one table of term prefixes, value slots and metadata keys that the indexer writes and the
// searcher reads (after notmuch's lib/prefix.cc). Changing a prefix or slot changes the index
// format: bump kSchemaVersion so that old indexes are rebuilt instead of misread.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace dsearch::schema {

// 2: word order in kSlotTokens, no positions; 3: the article record in kSlotRecord, not the data;
// 4: stopwords not indexed as terms (analyzer.h); 5: no termlist table, deletions listed in
// kMetaDeleted (deleted_docs.h); 6: no title terms, hash, root and file in slot 1; 7: spelling
// data in kMetaSpelling (spelling.h), not Xapian's spelling table; no id terms; 8: kSlotTokens
// hashes as narrow as each document allows (token_sequence.h version 2); kSlotId holds the id's
// key, not the id; 9: the id's key in slot 1 with short keys of root and file (origin.h);
// 10: 8-byte id keys, a one-byte TokenSequence header, the origin at the start of kSlotRecord,
// people, organizations and sources as name keys (name_keys); 11: word order as slot numbers of a
// per-document perfect hash, English stopwords listed by number (token_sequence.h); 12: those
// numbers Rice-coded, no slot 6; 13: no term for a person's or organization's name of several
// words, only for each word; 14: no terms for names, but for their words the text lacks
// (kNameWord); their words' hashes in kSlotPeopleWords and kSlotOrgWords (name_word_hashes)
inline constexpr int kSchemaVersion = 14;

// Term prefixes. Free-text terms (title and body) are unprefixed and stemmed; they carry no
// positions: phrases are checked against kSlotTokens. Stopwords have no terms (analyzer.h).
// Titles have no terms of their own: a title: query is a phrase that must lie within the title
// part of kSlotTokens. Title terms were 29% of the postings of fi-news's headlines. Ids have no
// terms either: only re-runs look articles up by id, and they read the id keys of kSlotRecord's
// stream; a unique term per article was a new entry in Xapian's map of pending postings and in the
// B-tree.
inline constexpr std::string_view kCountry = "XC";        // ISO 3166-1 alpha-2, any mention
inline constexpr std::string_view kMainCountry = "XM";    // ISO code of a country the article is about
// A word of a person's or organization's name that the article's text has no term for (a
// well-known organization named by its acronym: "OPEC" gets "Organization of the Petroleum
// Exporting Countries"), by its entity_key: person: and org: filters find a name's words among the
// free-text terms and these, then check kSlotPeople/kSlotOrgs or the words' slots.
inline constexpr std::string_view kNameWord = "XN";
inline constexpr std::string_view kSource = "XS";         // normalized source (publisher)
inline constexpr std::string_view kLang = "L";            // ISO 639-1 language of the article

// Value slots.
enum Slot : unsigned {
  kSlotDate = 0,          // date_value(), empty when unknown; sortable and range-filterable
  // 1 held the origin (origin.h), in kSlotRecord since schema 10
  kSlotCountries = 2,     // packed list (pack_list) of main country codes, for facets
  kSlotPeople = 3,        // name_keys() of the people, for facets and person: filters
  kSlotOrgs = 4,          // name_keys() of the organizations, for facets and org: filters
  kSlotSource = 5,        // name_keys() of the source, for facets
  // 6 held every mentioned country, which nothing read, until schema 12 (the XC terms filter)
  // 7 held the id (its key in schema 8), 8 and 9 the file and the root key before schema 6
  kSlotTokens = 10,       // the word order, for phrases: a TokenSequence (token_sequence.h)
  // The article's origin and record (record_codec.h). Not the document data: Glass deflates
  // every data tag, and a record packed with zstd does not shrink again; values are stored as they
  // are. Moving the records here cut a first build's CPU time by about a tenth (bench/SPEED.md).
  kSlotRecord = 11,
  kSlotPeopleWords = 12,  // name_word_hashes() of the people, for person: filters of one word
  kSlotOrgWords = 13,     // name_word_hashes() of the organizations, for org: filters of one word
};

// Metadata keys on the database.
inline constexpr std::string_view kMetaSchema = "dsearch:schema";
inline constexpr std::string_view kMetaLangs = "dsearch:langs";  // space-separated languages seen
inline constexpr std::string_view kMetaRoots = "dsearch:roots";  // newline-separated absolute roots
// + the decimal zstd dictionary id: a dictionary the article records are packed with (record_codec.h)
inline constexpr std::string_view kMetaDictionary = "dsearch:zdict:";
// The docids of deleted documents that the index still holds (deleted_docs.h)
inline constexpr std::string_view kMetaDeleted = "dsearch:deleted";
// + the decimal word length in characters: the spelling words of that length (spelling.h)
inline constexpr std::string_view kMetaSpelling = "dsearch:spell:";

// Throws Error(kData) asking for a rebuild unless `version`, the kMetaSchema of the index at
// `path`, is kSchemaVersion. dindex calls it before writing, the searcher before reading (an index
// of another schema would answer wrongly, not fail: schema 1 phrases would find nothing).
void ensure_schema(const std::string& version, const std::string& path);

// Xapian refuses terms longer than 245 bytes; longer ids and names are shortened to this many bytes
// followed by a hash of the whole, so that they stay unique.
inline constexpr std::size_t kMaxTermBytes = 200;

// Builds prefix + value, shortening over-long values to stay a legal and unique Xapian term.
std::string term(std::string_view prefix, std::string_view value);

// Lowercases and squeezes a person, organization or source name to its filter key:
// "Kim Jong-un" and "KIM JONG UN" both give "kim jong un".
std::string entity_key(std::string_view name);

// kSlotDate's value for a day: year << 9 | month << 5 | day in 3 bytes, most significant first, so
// that byte order is date order ("YYYYMMDD" took 8 bytes, 1.7 MB of fi-news's index). Day 31 of
// any month is past its every day: date filters end a month with it. "" for a year past 9999, a
// month past 12 or a day past 31, or 0 for any of them.
std::string date_value(int year, int month, int day);
// "YYYY-MM-DD" as date_value(), or "" when it is not a date of that form.
std::string date_value(std::string_view iso);

// The facet values of people, organizations and sources: a key of kNameKeyBytes for each name,
// the first bytes of XXH3-64 of its entity_key(), so that "Kim Jong-un" and "KIM JONG UN" are one.
// The names are in the records: a facet counts keys and reads the name of each key it shows from
// the record of an article that has it. As names these values took 2.5 times the bytes (fi-news's
// sources alone 3.1 MB). Six bytes: among 100,000 names two share a key about once in 6,000
// indexes.
inline constexpr std::size_t kNameKeyBytes = 6;
std::string name_key(std::string_view name);  // "" for a name whose entity_key() is empty
// The keys of `names` in order, each once.
std::string name_keys(const std::vector<std::string>& names);

// The words of a person's or organization's name: those of its entity_key, each once.
std::vector<std::string> name_words(std::string_view name);

// So that person:Putin finds "Vladimir Putin": a hash of kNameWordBytes for each word of each
// name (name_words), sorted, each once. A term per word (schema 13) cost the mix 0.7 MB, a third
// of it for words of one article; these cost three bytes a word. The filter finds the word among
// the article's free-text terms first (searcher/src/name_filter.h), so a word passes wrongly only
// where the article holds it (or a word of the same stem) outside its names and one of its name
// words has the same hash: with two bytes, 1 of 300 words tried on the mix found such an article
// ("projected": "projects", "Maguire"); with three, about once in 1.6 million such articles for
// ten name words.
inline constexpr std::size_t kNameWordBytes = 3;
std::string name_word_hash(std::string_view word);  // of one word of name_words()
std::string name_word_hashes(const std::vector<std::string>& names);

// Packs a list of strings into one value (for multi-valued facets) and back.
std::string pack_list(const std::vector<std::string>& items);
std::vector<std::string> unpack_list(std::string_view packed);

}  // namespace dsearch::schema
