#include "dsearch/document_terms.h"

#include "dsearch/schema.h"

namespace dsearch {

void add_text_terms(Xapian::Document& doc, Analyzer& analyzer, std::string_view title,
                    std::string_view body, const std::function<void(const Token&)>& on_token) {
  Xapian::termpos pos = 0;
  std::string title_term(schema::kTitle);
  analyzer.tokenize(title, [&](const Token& t) {
    ++pos;
    doc.add_posting(t.term, pos, kTitleWdf);
    title_term.resize(schema::kTitle.size());
    title_term += t.term;
    doc.add_posting(title_term, pos);
    if (on_token) on_token(t);
  });
  pos += kTitleBodyGap;
  analyzer.tokenize(body, [&](const Token& t) {
    doc.add_posting(t.term, ++pos);
    if (on_token) on_token(t);
  });
}

}  // namespace dsearch
