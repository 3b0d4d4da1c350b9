// Splits a query string into lexemes for the parser in query_parser.cc: words (with a +/- sign, a
// field name and a trailing-* flag), "quoted phrases", parentheses and the AND/OR/NOT operators.
// The lexer never fails: control characters and invalid UTF-8 become spaces, an unclosed quote
// runs to the end, and anything it does not understand is a word.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace dsearch::query_internal {

enum class Lex { kWord, kPhrase, kOpen, kClose, kAnd, kOr, kNot };

struct Lexeme {
  Lex kind = Lex::kWord;
  char sign = 0;          // '+' or '-' written right before the word, phrase or '('
  std::string field;      // canonical field name ("title", "country", ...) or empty
  std::string text;       // the word (without trailing '*'s) or the phrase content
  bool wildcard = false;  // the word ended with '*'
  std::size_t offset = 0; // byte offset in the query, for error messages
};

// The query with every invalid UTF-8 byte, control character and Unicode space replaced by ASCII
// spaces, byte for byte, so offsets into it are offsets into the original.
std::string sanitize_query(std::string_view query);

// The lexemes of a sanitized query.
std::vector<Lexeme> lex_query(std::string_view sanitized);

// "title", "country", ... for a field name as typed ("Title", "COUNTRY", "language"); empty when
// the name is not a field.
std::string canonical_field(std::string_view name);

// 1-based column (in characters) of a byte offset, for "... at column N".
std::size_t column_of(std::string_view text, std::size_t offset);

}  // namespace dsearch::query_internal
