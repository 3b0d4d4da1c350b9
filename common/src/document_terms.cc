#include "dsearch/document_terms.h"

#include "dsearch/schema.h"
#include "dsearch/token_sequence.h"

namespace dsearch {

void add_text_terms(Xapian::Document& doc, Analyzer& analyzer, std::string_view title,
                    std::string_view body, const std::function<void(const Token&)>& on_token) {
  TokenSequenceWriter order;
  std::string title_term(schema::kTitle);
  analyzer.tokenize(title, [&](const Token& t) {
    if (!unindexed(analyzer, t.folded)) {
      doc.add_term(t.term, kTitleWdf);
      title_term.resize(schema::kTitle.size());
      title_term += t.term;
      doc.add_term(title_term);
    }
    order.add(t.term);
    if (on_token) on_token(t);
  });
  order.end_title();
  analyzer.tokenize(body, [&](const Token& t) {
    if (!unindexed(analyzer, t.folded)) doc.add_term(t.term);
    order.add(t.term);
    if (on_token) on_token(t);
  });
  doc.add_value(schema::kSlotTokens, order.value());
}

}  // namespace dsearch
