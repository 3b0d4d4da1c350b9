#include "dsearch/document_terms.h"

#include <algorithm>

#include "dsearch/schema.h"
#include "dsearch/token_sequence.h"
#include "dsearch/word_set.h"

namespace dsearch {

void add_text_terms(Xapian::Document& doc, Analyzer& analyzer, std::string_view title,
                    std::string_view body, const std::function<void(const Token&)>& on_token) {
  TokenSequenceWriter order;
  // Each term's wdf is summed here and handed to Xapian once: its document keeps terms in a
  // std::map, and a lookup there for every occurrence of a word cost more than this table.
  WordMap<Xapian::termcount> wdf;
  analyzer.tokenize(title, [&](const Token& t) {
    if (!unindexed(analyzer, t.folded)) wdf[t.term] += kTitleWdf;
    order.add(t.term);
    if (on_token) on_token(t);
  });
  order.end_title();
  analyzer.tokenize(body, [&](const Token& t) {
    if (!unindexed(analyzer, t.folded)) ++wdf[t.term];
    order.add(t.term);
    if (on_token) on_token(t);
  });
  for (const auto& [term, n] : wdf) doc.add_term(term, n);
  doc.add_value(schema::kSlotTokens, order.value());
}

void add_name_words(Xapian::Document& doc, Analyzer& analyzer, const std::vector<std::string>& names) {
  auto has_term = [&](const std::string& term) {
    Xapian::TermIterator it = doc.termlist_begin();
    it.skip_to(term);
    return it != doc.termlist_end() && *it == term;
  };
  for (const auto& name : names) {
    std::vector<Token> words = analyzer.tokens(name);
    // A name of nothing but unindexed words ("The Who") would leave its filter no term to start from.
    bool all_unindexed = std::all_of(words.begin(), words.end(), [&](const Token& t) { return unindexed(analyzer, t.folded); });
    for (const Token& t : words) {
      if (unindexed(analyzer, t.folded) ? !all_unindexed : has_term(t.term)) continue;
      if (std::string word = schema::entity_key(t.raw); !word.empty())
        doc.add_boolean_term(schema::term(schema::kNameWord, word));
    }
  }
}

}  // namespace dsearch
