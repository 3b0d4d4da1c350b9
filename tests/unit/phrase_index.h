// A small index for phrase tests, written by add_text_terms as dindex writes it, and a phrase
// matcher by brute force to check it against: the article's words, re-tokenized with the analyzer
// that indexed them, searched for the phrase's terms side by side. The oracle knows nothing of
// hashes or Xapian; it says what OP_PHRASE over positions said (window = number of words, no
// phrase across the title and the body).
#pragma once

#include <stdlib.h>
#include <xapian.h>

#include <filesystem>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "dsearch/analyzer.h"
#include "dsearch/document_terms.h"
#include "dsearch/schema.h"

namespace dsearch::test {

struct OracleDoc {
  std::string id;
  std::vector<std::string> title, body;  // terms, in order
  std::vector<bool> title_indexed, body_indexed;  // whether each has a term (not a stopword)
};

// What a phrase accepts at each position; with `prefix_last`, the last position holds one prefix
// and accepts every term that starts with it (a wildcard phrase "Byeong-ch*").
struct OraclePhrase {
  std::vector<std::set<std::string>> terms;
  bool prefix_last = false;
  bool title_only = false;
};

// The phrase a query text such as `special envoy` or `Byeong-ch*` stands for: its words folded by
// the first analyzer and stemmed by each.
inline OraclePhrase oracle_phrase(std::string_view text, const std::vector<Analyzer*>& analyzers,
                                  bool title_only = false) {
  OraclePhrase p;
  p.title_only = title_only;
  p.prefix_last = !text.empty() && text.back() == '*';
  auto words = analyzers.front()->tokens(text);
  for (std::size_t i = 0; i < words.size(); ++i) {
    std::set<std::string> terms;
    if (p.prefix_last && i + 1 == words.size()) {
      static Analyzer plain("");  // accents stripped, not stemmed: how wildcard prefixes meet terms
      terms.insert(plain.stem(words[i].folded));
    } else {
      for (Analyzer* a : analyzers) terms.insert(a->stem(words[i].folded));
    }
    p.terms.push_back(std::move(terms));
  }
  return p;
}

// The phrase of a query as the tests write them: "a phrase", title:"a phrase", or a split word
// such as Byeong-cheol or Byeong-ch*.
inline OraclePhrase oracle_query(std::string_view query, const std::vector<Analyzer*>& analyzers) {
  bool title = query.starts_with("title:");
  if (title) query.remove_prefix(6);
  std::string text;
  for (char c : query)
    if (c != '"') text.push_back(c);
  return oracle_phrase(text, analyzers, title);
}

inline bool accepts(const OraclePhrase& p, std::size_t i, const std::string& term) {
  if (p.prefix_last && i + 1 == p.terms.size()) return term.starts_with(*p.terms[i].begin());
  return p.terms[i].count(term) > 0;
}

inline bool holds(const std::vector<std::string>& words, const OraclePhrase& p) {
  std::size_t n = p.terms.size();
  for (std::size_t at = 0; n > 0 && at + n <= words.size(); ++at) {
    std::size_t k = 0;
    while (k < n && accepts(p, k, words[at + k])) ++k;
    if (k == n) return true;
  }
  return false;
}

inline bool oracle_matches(const OracleDoc& d, const OraclePhrase& p) {
  return holds(d.title, p) || (!p.title_only && holds(d.body, p));
}

class PhraseIndex {
 public:
  // On disk (glass without termlists, as dindex writes) or in memory: Xapian's value streams
  // differ between them.
  explicit PhraseIndex(bool on_disk) {
    if (on_disk) {
      std::string tmpl = (std::filesystem::temp_directory_path() / "dsearch-phrase-XXXXXX").string();
      dir_ = mkdtemp(tmpl.data());
      db_ = Xapian::WritableDatabase(dir_ + "/index", Xapian::DB_CREATE | Xapian::DB_NO_TERMLIST);
    } else {
      db_ = Xapian::WritableDatabase(std::string(), Xapian::DB_BACKEND_INMEMORY);
    }
  }
  ~PhraseIndex() {
    db_.close();
    std::error_code ec;
    if (!dir_.empty()) std::filesystem::remove_all(dir_, ec);
  }
  PhraseIndex(const PhraseIndex&) = delete;
  PhraseIndex& operator=(const PhraseIndex&) = delete;

  // Adds an article (its id is the document data); returns its terms in order, for the oracle.
  const OracleDoc& add(const std::string& id, Analyzer& a, std::string_view title, std::string_view body) {
    Xapian::Document doc;
    add_text_terms(doc, a, title, body);
    doc.set_data(id);
    db_.add_document(doc);
    OracleDoc d{id, {}, {}, {}, {}};
    for (const auto& t : a.tokens(title)) {
      d.title.push_back(t.term);
      d.title_indexed.push_back(!unindexed(a, t.folded));
    }
    for (const auto& t : a.tokens(body)) {
      d.body.push_back(t.term);
      d.body_indexed.push_back(!unindexed(a, t.folded));
    }
    docs_.push_back(std::move(d));
    return docs_.back();
  }

  // A document with no word order of add_text_terms: `value` (if any) in the slot, no terms.
  void add_raw(const std::string& id, const std::string* value) {
    Xapian::Document doc;
    if (value) doc.add_value(schema::kSlotTokens, *value);
    doc.set_data(id);
    db_.add_document(doc);
    docs_.push_back(OracleDoc{id, {}, {}, {}, {}});
  }

  Xapian::WritableDatabase& db() { return db_; }
  const std::vector<OracleDoc>& docs() const { return docs_; }  // docs()[docid - 1]

  std::set<std::string> found(const Xapian::Query& q) {
    Xapian::Enquire enquire(db_);
    enquire.set_query(q);
    std::set<std::string> ids;
    auto mset = enquire.get_mset(0, db_.get_doccount());
    for (auto it = mset.begin(); it != mset.end(); ++it) ids.insert(it.get_document().get_data());
    return ids;
  }

  std::set<std::string> expected(const OraclePhrase& p) const {
    std::set<std::string> ids;
    for (const auto& d : docs_)
      if (oracle_matches(d, p)) ids.insert(d.id);
    return ids;
  }

 private:
  std::string dir_;
  Xapian::WritableDatabase db_;
  std::vector<OracleDoc> docs_;
};

}  // namespace dsearch::test
