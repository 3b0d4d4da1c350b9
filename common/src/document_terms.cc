#include "dsearch/document_terms.h"

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

}  // namespace dsearch
