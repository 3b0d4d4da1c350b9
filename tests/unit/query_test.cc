// The query language against a small in-memory index of the two seeds (plus a German article and
// one without a date), built with the same term layout as the indexer.
#include "dsearch/searcher/query.h"

#include "../../searcher/src/name_filter.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "dsearch/document_terms.h"
#include "dsearch/error.h"
#include "dsearch/schema.h"
#include "test_data.h"

namespace dsearch {
namespace {

struct Doc {
  std::string id, lang, title, body, date, source;
  std::vector<std::string> main_countries, mentions, people, orgs;
};

// The body of a seed: everything after its title line.
std::string seed_body(const char* name, const std::string& title) {
  std::string text = test::seed(name);
  auto at = text.find(title);
  return at == std::string::npos ? text : text.substr(at + title.size());
}

class QueryIndex {
 public:
  QueryIndex() : db_(std::string(), Xapian::DB_BACKEND_INMEMORY) {
    const std::string xt = "DPRK envoy's visit to Russia aims to diversify diplomatic relations";
    const std::string dt = "North Korea envoy to Russia";
    add({"xinhua", "en", xt, seed_body(test::kXinhua, xt), "2014-11-17", "Xinhua", {"KP", "RU"},
         {"KP", "RU", "KR", "JP"}, {"Vladimir Putin", "Kim Jong Un", "Choe Ryong Hae"}, {"KCNA"}});
    add({"dw", "en", dt, seed_body(test::kDw, dt), "2014-11-14", "DW", {"KP"}, {"KP", "RU", "CN", "UA"},
         {"Kim Jong Un", "Choe Ryong Hae"}, {"KCNA", "AP"}});
    add({"standard", "de", "Sonderbeauftragter aus Nordkorea in Moskau",
         "Der Sondergesandte besuchte die H\xC3\xA4user der Regierung in Moskau und traf Wladimir Putin.",
         "2015-03-02", "DER STANDARD", {"AT"}, {"AT", "KP", "RU"}, {"Wladimir Putin"}, {}});
    add({"undated", "en", "Weather report", "Rain in Seoul, sun in Moscow, OPEC said. The Who played.", "", "Nobody",
         {"KR"}, {"KR"}, {}, {"Organization of the Petroleum Exporting Countries", "The Who"}});  // OPEC: the gazetteer's
    add({"repubblica", "it", "D'Alema a Mosca", "Massimo D'Alema ha incontrato il presidente a Mosca.", "2015-04-01",
         "La Repubblica", {"IT"}, {"IT", "RU"}, {"Massimo D'Alema"}, {}});
    ctx_.db = db_;
    ctx_.analyzers = {&en_, &de_, &it_};
  }

  // Document ids for a query, best first.
  std::vector<std::string> search(std::string_view q) {
    ParsedQuery p = parse_query(q, ctx_);
    return run(p);
  }

  std::vector<std::string> run(const ParsedQuery& p) {
    Xapian::Query query;
    if (!p.match.empty() && !p.filter.empty()) query = Xapian::Query(Xapian::Query::OP_FILTER, p.match, p.filter);
    else if (!p.match.empty()) query = p.match;
    else query = p.filter;
    Xapian::Enquire enquire(db_);
    enquire.set_query(query);
    std::vector<std::string> ids;
    auto mset = enquire.get_mset(0, 100);
    for (auto it = mset.begin(); it != mset.end(); ++it) ids.push_back(it.get_document().get_data());
    return ids;
  }

  std::set<std::string> found(std::string_view q) {
    auto ids = search(q);
    return {ids.begin(), ids.end()};
  }

  QueryContext& ctx() { return ctx_; }

 private:
  void add(const Doc& d) {
    Analyzer& a = d.lang == "de" ? de_ : d.lang == "it" ? it_ : en_;
    Xapian::Document doc;
    add_text_terms(doc, a, d.title, d.body);
    add_name_words(doc, a, d.people);
    add_name_words(doc, a, d.orgs);
    doc.set_data(d.id);
    doc.add_boolean_term(schema::term(schema::kLang, d.lang));
    doc.add_boolean_term(schema::term(schema::kSource, schema::entity_key(d.source)));
    for (const auto& c : d.main_countries) doc.add_boolean_term(schema::term(schema::kMainCountry, c));
    for (const auto& c : d.mentions) doc.add_boolean_term(schema::term(schema::kCountry, c));
    doc.add_value(schema::kSlotPeople, schema::name_keys(d.people));
    doc.add_value(schema::kSlotPeopleWords, schema::name_word_hashes(d.people));
    doc.add_value(schema::kSlotOrgs, schema::name_keys(d.orgs));
    doc.add_value(schema::kSlotOrgWords, schema::name_word_hashes(d.orgs));
    if (!d.date.empty()) doc.add_value(schema::kSlotDate, schema::date_value(d.date));
    db_.add_document(doc);
  }

  Xapian::WritableDatabase db_;
  Analyzer en_{"en"}, de_{"de"}, it_{"it"};
  QueryContext ctx_;
};

QueryIndex& index() {
  static QueryIndex idx;
  return idx;
}

using Ids = std::set<std::string>;

struct FindCase {
  const char* query;
  Ids expected;
};

TEST(Query, FindsTheExpectedArticles) {
  const FindCase cases[] = {
      {"special envoy Putin", {"xinhua", "dw", "standard"}},  // "Putin" is also in the German article
      {"\"special envoy\"", {"xinhua", "dw"}},
      {"\"special envoy", {"xinhua", "dw"}},  // an unclosed quote runs to the end
      {"title:Korea", {"dw"}},
      {"TITLE:korea", {"dw"}},
      {"title:\"North Korea\"", {"dw"}},
      {"title:envo*", {"xinhua", "dw"}},
      {"envo*", {"xinhua", "dw"}},
      {"Putin", {"xinhua", "standard"}},
      {"envoy -Putin", {"dw"}},
      {"envoy NOT Putin", {"dw"}},
      {"envoy AND NOT Putin", {"dw"}},
      {"-Putin", {"dw", "undated", "repubblica"}},
      {"NOT Putin", {"dw", "undated", "repubblica"}},
      {"+Putin envoy", {"xinhua", "standard"}},
      {"Putin AND Pyongyang", {"xinhua"}},
      {"Putin OR Ukraine", {"xinhua", "dw", "standard"}},
      {"(Putin OR Ukraine) AND Soviet", {"dw"}},
      {"Soviet OR Khabarovsk -Moscow", {}},
      {"Byeong-cheol", {"xinhua"}},
      {"\"Workers' Party of Korea\"", {"xinhua"}},
      {"\"Party of the Workers\"", {}},
      {"16:10", {"xinhua"}},
      {"Sondergesandte", {"standard"}},
      {"H\xC3\xA4user", {"standard"}},     // German stem "haus" through the second analyzer
      {"D'Alema", {"repubblica"}},  // each language folds the word: Italian drops the elision
      {"D\xE2\x80\x99" "Alema", {"repubblica"}},  // typographic apostrophe
      {"\"Massimo D'Alema\"", {"repubblica"}},
      {"\"D'Alema a Mosca\"", {"repubblica"}},
      {"D'Alem*", {"repubblica"}},  // a prefix too: "alem" in Italian articles
      {"*", {"xinhua", "dw", "standard", "undated", "repubblica"}},
      {"zebra country:KP", {}},  // words absent from the index still have to match
      {"zebra quagga", {}},
      {"zebra Soviet", {"dw"}},
      // Fields.
      {"country:KP", {"xinhua", "dw"}},
      {"country:kp", {"xinhua", "dw"}},
      {"country:\"North Korea\"", {"xinhua", "dw"}},
      {"Country:russia", {"xinhua"}},
      {"country:RU country:AT", {"xinhua", "standard"}},  // the same field twice: either
      {"mentions:JP", {"xinhua"}},
      {"source:Xinhua", {"xinhua"}},
      {"source:\"DER STANDARD\"", {"standard"}},
      {"source:xinhua envoy", {"xinhua"}},
      {"person:Putin", {"xinhua", "standard"}},  // "Vladimir Putin", "Wladimir Putin"
      {"person:\"Kim Jong Un\"", {"xinhua", "dw"}},
      {"person:\"kim jong-un\"", {"xinhua", "dw"}},
      {"person:\"Vladimir Putin\"", {"xinhua"}},  // "Wladimir Putin" is another name
      {"person:\"Kim Ryong\"", {}},  // both words, of two people: Kim Jong Un, Choe Ryong Hae
      {"person:Choe", {"xinhua", "dw"}},
      {"person:wladimir", {"standard"}},
      {"person:Korea", {}},  // in both seeds' text, in no person's name
      {"person:KCNA", {}},   // an organization's name, not a person's
      {"org:Korea", {}},
      {"org:Putin", {}},
      {"org:petroleum", {"undated"}},  // a word of the name the text lacks
      {"org:\"Organization of the Petroleum Exporting Countries\"", {"undated"}},
      {"petroleum", {}},  // not a word of the text
      {"org:\"The Who\"", {"undated"}},  // English stopwords only: their own terms
      {"org:who", {"undated"}},
      {"person:\"Massimo D'Alema\"", {"repubblica"}},  // Italian folds "D'Alema" to "alema"
      {"person:D'Alema", {"repubblica"}},
      {"org:\"KCNA AP\"", {}},
      {"org:KCNA", {"xinhua", "dw"}},
      {"lang:de", {"standard"}},
      {"envoy lang:en", {"xinhua", "dw"}},
      {"envoy -source:DW", {"xinhua"}},
      {"(country:KP OR country:AT) Putin", {"xinhua", "standard"}},
      {"Seoul OR person:Putin", {"xinhua", "dw", "standard", "undated"}},
      // Dates.
      {"date:2014-11", {"xinhua", "dw"}},
      {"date:2014", {"xinhua", "dw"}},
      {"date:2014-11-15..2014-11-30", {"xinhua"}},
      {"date:..2014-11-15", {"dw"}},
      {"date:2014-11-15..", {"xinhua", "standard", "repubblica"}},
      {"date:2014-11-14", {"dw"}},
      {"envoy date:2014-11-17", {"xinhua"}},
  };
  for (const auto& c : cases) EXPECT_EQ(index().found(c.query), c.expected) << c.query;
}

TEST(Query, SameFieldTwiceIsAnAlternative) {
  // country:KP country:RU is KP or RU: xinhua has both, dw only KP.
  EXPECT_EQ(index().found("country:KP country:RU"), (Ids{"xinhua", "dw"}));
}

TEST(Query, RanksTheArticleWithMoreMatchesFirst) {
  auto ids = index().search("special envoy Putin");
  ASSERT_FALSE(ids.empty());
  EXPECT_EQ(ids.front(), "xinhua");
  ids = index().search("North Korea envoy");
  ASSERT_FALSE(ids.empty());
  EXPECT_EQ(ids.front(), "dw");
}

TEST(Query, FiltersDoNotChangeRanking) {
  auto& idx = index();
  auto plain = parse_query("envoy Korea", idx.ctx());
  auto filtered = parse_query("envoy Korea country:KP", idx.ctx());
  EXPECT_EQ(plain.match.get_description(), filtered.match.get_description());
  EXPECT_TRUE(plain.filter.empty());
  EXPECT_NE(filtered.filter.get_description().find("XMKP"), std::string::npos);
}

TEST(Query, OnlyFiltersLeaveMatchEmpty) {
  auto p = parse_query("country:\"North Korea\" date:2014", index().ctx());
  EXPECT_TRUE(p.match.empty());
  EXPECT_FALSE(p.filter.empty());
  EXPECT_TRUE(p.highlight.empty());
}

TEST(Query, CountryNamesAndCodesGiveTheSameFilter) {
  auto& ctx = index().ctx();
  EXPECT_EQ(parse_query("country:\"North Korea\"", ctx).filter.get_description(),
            parse_query("country:KP", ctx).filter.get_description());
  const auto& analyzers = ctx.analyzers;
  EXPECT_EQ(field_filter("country", "North Korea", analyzers).get_description(), "Query(XMKP)");
  EXPECT_EQ(field_filter("mentions", "jp", analyzers).get_description(), "Query(XCJP)");
  EXPECT_EQ(field_filter("lang", "EN", analyzers).get_description(), "Query(Len)");
}

// A name's filter finds its words among the free-text terms of every index language (English
// "worker", German "work", Italian "workers"; "un" is no English stopword) or the words of names their text lacks
// (XN), then checks the names' slots: whole names' keys for a name of several words, their words'
// hashes for one word.
TEST(Query, NameFiltersFindTheWordsThenCheckTheNames) {
  const auto& analyzers = index().ctx().analyzers;
  EXPECT_EQ(field_filter("person", "KIM Jong-un", analyzers).get_description(),
            "Query((((kim OR XNkim) AND (jong OR XNjong) AND (un OR XNun)) FILTER PostingSource(dsearch::NameKeyFilter(slot 3))))");
  EXPECT_EQ(field_filter("person", "Putin", analyzers).get_description(),
            "Query(((putin OR XNputin) FILTER PostingSource(dsearch::NameKeyFilter(slot 12))))");
  EXPECT_EQ(field_filter("org", "Workers' Party", analyzers).get_description(),
            "Query((((worker OR work OR workers OR XNworkers) AND (parti OR party OR XNparty)) FILTER PostingSource(dsearch::NameKeyFilter(slot 4))))");
  // "The" has no term in English articles (German ones have it): a name of nothing but such words
  // has terms of its own there, so that its filter has a term to start from.
  EXPECT_EQ(field_filter("org", "The", analyzers).get_description(),
            "Query(((the OR XNthe) FILTER PostingSource(dsearch::NameKeyFilter(slot 13))))");
}

// Only the articles with names can pass a name filter: the bound Xapian's estimate of a total
// starts from ("org:bank" estimated 2,100 articles of the mix for 1,214, now 1,400).
TEST(Query, NameFiltersBoundTheirMatchesByTheArticlesWithNames) {
  auto& db = index().ctx().db;
  NameKeyFilter orgs(schema::kSlotOrgWords, schema::name_word_hash("kcna"));
  orgs.init(db);
  EXPECT_EQ(orgs.get_termfreq_max(), db.get_value_freq(schema::kSlotOrgWords));
  EXPECT_LT(orgs.get_termfreq_max(), db.get_doccount());
}

TEST(Query, DateFilterBounds) {
  auto same = [](const Xapian::Query& a, const Xapian::Query& b) { return a.get_description() == b.get_description(); };
  using schema::date_value;
  EXPECT_TRUE(same(date_filter("2014-11", "2014-11"), Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema::kSlotDate,
                                                                     date_value(2014, 11, 1), date_value(2014, 11, 31))));
  EXPECT_TRUE(same(date_filter("2014", ""), Xapian::Query(Xapian::Query::OP_VALUE_GE, schema::kSlotDate, date_value(2014, 1, 1))));
  EXPECT_TRUE(same(date_filter("", "2014-11-30"),
                   Xapian::Query(Xapian::Query::OP_VALUE_LE, schema::kSlotDate, date_value(2014, 11, 30))));
  EXPECT_TRUE(same(date_filter("", "2014"), Xapian::Query(Xapian::Query::OP_VALUE_LE, schema::kSlotDate, date_value("2014-12-31"))));
  for (const char* bad : {"2014-13", "14-11-01", "2014/11/01", "2014-11-32", "yesterday", "2014-1"})
    EXPECT_THROW(date_filter(bad, ""), Error) << bad;
}

TEST(Query, StopwordsAreDroppedOutsidePhrasesUnlessAllAreStopwords) {
  auto& ctx = index().ctx();
  auto p = parse_query("the envoy", ctx);
  EXPECT_EQ(p.match.get_description().find("the"), std::string::npos) << p.match.get_description();
  EXPECT_EQ(p.words, (std::vector<std::string>{"envoy"}));
  p = parse_query("\"the envoy\"", ctx);
  EXPECT_NE(p.match.get_description().find("PhraseSource(2 words)"), std::string::npos) << p.match.get_description();
}

// English articles hold no term for an English stopword: phrases and queries of nothing but
// stopwords find them in the word order. German stopwords are German articles' terms.
TEST(Query, StopwordsAreFoundInTheWordOrder) {
  auto& idx = index();
  EXPECT_EQ(idx.ctx().db.get_termfreq("the"), 0u);
  EXPECT_EQ(idx.ctx().db.get_termfreq("der"), 1u);
  EXPECT_EQ(idx.found("\"envoy to russia\""), (Ids{"xinhua", "dw"}));
  EXPECT_EQ(idx.found("\"envoy of russia\""), Ids{});
  EXPECT_EQ(idx.found("title:\"envoy to russia\""), (Ids{"dw"}));
  EXPECT_EQ(idx.found("\"in Seoul\""), (Ids{"undated"}));
  EXPECT_EQ(idx.found("\"in moskau\""), (Ids{"standard"}));
  // Nothing but stopwords: kept, and looked for in every word order.
  EXPECT_EQ(idx.found("to"), (Ids{"xinhua", "dw"}));
  EXPECT_EQ(idx.found("\"in the\""), (Ids{"xinhua", "dw"}));
  EXPECT_EQ(idx.found("der"), (Ids{"standard"}));
}

// A pasted text: Xapian 1.4 is slow on ORs of thousands of terms, most of them absent.
TEST(Query, AlternativesAbsentFromTheIndexAreDroppedFromLongOrs) {
  std::string pasted = "Putin";
  for (int i = 0; i < 40; ++i) pasted += " zebra" + std::to_string(i);
  auto p = parse_query(pasted, index().ctx());
  EXPECT_EQ(p.match.get_description(), "Query(putin)");
  EXPECT_TRUE(p.highlight.terms.count("zebra7"));
}

// A short OR keeps them (looking each up costs more than matching nothing) and finds the same.
TEST(Query, ShortOrsWithAbsentWordsMatchAsWithout) {
  auto& ctx = index().ctx();
  auto hits = [&](const std::string& q) {
    Xapian::Enquire e(ctx.db);
    e.set_query(parse_query(q, ctx).match);
    std::vector<std::pair<Xapian::docid, double>> out;
    Xapian::MSet m = e.get_mset(0, 100);
    for (auto it = m.begin(); it != m.end(); ++it) out.emplace_back(*it, it.get_weight());
    return out;
  };
  auto with = hits("zebra Putin quagga");
  ASSERT_FALSE(with.empty());
  EXPECT_EQ(with, hits("Putin"));
}

TEST(Query, SeveralLanguagesGiveASynonym) {
  auto p = parse_query("H\xC3\xA4user", index().ctx());
  EXPECT_NE(p.match.get_description().find("SYNONYM"), std::string::npos) << p.match.get_description();
  EXPECT_TRUE(p.highlight.terms.count("haus"));
  EXPECT_TRUE(p.highlight.terms.count("hauser"));
}

TEST(Query, EachLanguageFoldsTheWordItsOwnWay) {
  // English indexes "D'Alema" as "dalema", Italian drops the elision ("alem"): the query asks for
  // both, and the snippet of an Italian article marks the word.
  auto p = parse_query("D'Alema", index().ctx());
  EXPECT_TRUE(p.highlight.terms.count("alem")) << p.match.get_description();
  EXPECT_TRUE(p.highlight.terms.count("dalema")) << p.match.get_description();
}

TEST(Query, SplitWordsBecomePhrases) {
  auto& ctx = index().ctx();
  for (const char* q : {"Byeong-cheol", "U.N.-backed", "\xE4\xB8\xAD\xE5\x9B\xBD\xE5\xA4\x96\xE4\xBA\xA4\xE9\x83\xA8"}) {
    auto p = parse_query(q, ctx);
    EXPECT_NE(p.match.get_description().find("PhraseSource(2 words)"), std::string::npos) << q << ": " << p.match.get_description();
    EXPECT_FALSE(p.highlight.phrases.empty()) << q;  // one per distinct stemming
  }
}

TEST(Query, HighlightsWhatTheMatchUses) {
  auto p = parse_query("special envoy Putin -Moscow title:Korea envo* \"Workers' Party of Korea\" country:KP", index().ctx());
  for (const char* t : {"special", "envoy", "putin", "korea", "worker", "parti"}) EXPECT_TRUE(p.highlight.terms.count(t)) << t;
  EXPECT_FALSE(p.highlight.terms.count("moscow"));
  EXPECT_FALSE(p.highlight.terms.count("of"));  // only inside the phrase, which snippets find themselves
  EXPECT_EQ(p.highlight.prefixes, (std::vector<std::string>{"envo"}));
  ASSERT_FALSE(p.highlight.phrases.empty());
  EXPECT_EQ(p.highlight.phrases.front(), (std::vector<std::string>{"worker", "parti", "of", "korea"}));
}

TEST(Query, WildcardsAreCappedWithAWarning) {
  auto& idx = index();
  QueryContext ctx = idx.ctx();
  ctx.max_wildcard_terms = 2;
  auto p = parse_query("s*", ctx);
  ASSERT_EQ(p.warnings.size(), 1u);
  EXPECT_NE(p.warnings.front().find("most frequent"), std::string::npos) << p.warnings.front();
  EXPECT_FALSE(idx.run(p).empty());
  p = parse_query("envo*", ctx);
  EXPECT_TRUE(p.warnings.empty());
  for (const char* q : {"a*", "**", "title:*", "S\xC3\xA3o*", "byeong-ch*"}) EXPECT_NO_THROW(idx.run(parse_query(q, ctx))) << q;
  EXPECT_EQ(idx.found("byeong-ch*"), (Ids{"xinhua"}));
}

TEST(Query, UnknownCountryIsAUsageError) {
  try {
    parse_query("envoy country:Narnia", index().ctx());
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kUsage);
    EXPECT_NE(std::string(e.what()).find("unknown country 'Narnia'"), std::string::npos) << e.what();
  }
  EXPECT_THROW(field_filter("colour", "red", index().ctx().analyzers), Error);
  EXPECT_THROW(field_filter("person", "  ", index().ctx().analyzers), Error);
}

TEST(Query, BadDatesSayWhere) {
  try {
    parse_query("envoy date:2014-13", index().ctx());
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kUsage);
    EXPECT_NE(std::string(e.what()).find("column 7"), std::string::npos) << e.what();
  }
}

TEST(Query, ForgivesSloppySyntax) {
  struct Case {
    const char* query;
    Ids expected;
  } cases[] = {
      {"(Putin OR Ukraine", {"xinhua", "dw", "standard"}},
      {"Putin)", {"xinhua", "standard"}},
      {"Putin AND", {"xinhua", "standard"}},
      {"AND Putin", {"xinhua", "standard"}},
      {"Putin AND AND OR Pyongyang", {"xinhua", "dw", "standard"}},
      {"Putin () ", {"xinhua", "standard"}},
      {"foo:Putin", {"xinhua", "standard"}},  // unknown field: plain words
      {"title:", {}},                        // the word "title"
      {"- Putin", {"xinhua", "standard"}},   // a lone '-' is not an exclusion
      {"http://example.com/Putin", {}},
      {"Putin and Soviet", {"xinhua", "dw", "standard"}},  // lowercase 'and' is a (stop)word
  };
  for (const auto& c : cases) {
    std::set<std::string> got;
    EXPECT_NO_THROW(got = index().found(c.query)) << c.query;
    EXPECT_EQ(got, c.expected) << c.query;
  }
  for (const char* q : {"", "   ", "()", "AND", "NOT", "\"\"", "+", "-", "title:\"\"", ")(", "\"", "*)"}) {
    EXPECT_NO_THROW(index().search(q)) << q;
  }
}

TEST(Query, AllCapitalQueriesHaveNoOperators) {
  // Pasted headlines and TIME-style topics are all capitals: NOT there is a word, not an operator.
  EXPECT_EQ(index().found("ENVOY NOT PUTIN"), index().found("envoy putin"));
  EXPECT_EQ(index().found("ENVOY OR PUTIN"), index().found("envoy putin"));
  EXPECT_NE(index().found("envoy NOT Putin"), index().found("envoy putin"));
}

TEST(Query, SurvivesPathologicalInput) {
  auto& idx = index();
  // Deep nesting: a clear error, not a stack overflow.
  std::string deep(10000, '(');
  deep += "Putin";
  try {
    parse_query(deep, idx.ctx());
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kUsage);
    EXPECT_NE(std::string(e.what()).find("nested"), std::string::npos) << e.what();
  }
  EXPECT_EQ(idx.found(std::string(50, '(') + "Putin" + std::string(50, ')')), (Ids{"xinhua", "standard"}));
  // Many words, many operators.
  std::string many, ands, nots;
  for (int i = 0; i < 10000; ++i) many += "word" + std::to_string(i) + " ";
  for (int i = 0; i < 10000; ++i) ands += "envoy AND ";
  for (int i = 0; i < 10000; ++i) nots += "NOT ";
  EXPECT_TRUE(idx.search(many + "Putin").size() == 2);
  EXPECT_EQ(idx.found(ands), (Ids{"xinhua", "dw"}));
  EXPECT_NO_THROW(idx.search(nots + "Putin"));
  // Control characters and invalid UTF-8.
  std::string junk = std::string("\x01Putin\xFF\xFE envoy\x7F") + std::string(1, '\0') + "\xC3\x28 \xE2\x82 \xF0\x9F\x98";
  EXPECT_EQ(idx.found(junk), (Ids{"xinhua", "dw", "standard"}));
  std::string all_bytes;
  for (int i = 0; i < 256; ++i) all_bytes.push_back(static_cast<char>(i));
  EXPECT_NO_THROW(idx.search(all_bytes));
}

}  // namespace
}  // namespace dsearch
