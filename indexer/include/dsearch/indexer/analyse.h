// One article through the pipeline: decode -> page extraction -> entities -> Xapian document.
// Runs on worker threads: everything here is thread-safe.
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

#include "dsearch/article.h"
#include "dsearch/indexer/input.h"

namespace dsearch {

// The article as the indexer sees it. Throws std::runtime_error with a user-facing reason when
// the input is not an article (binary data, empty after extraction).
Article analyse(const RawArticle& raw);

struct IndexedDocument {
  Xapian::Document doc;
  std::vector<std::string> words;  // distinct folded words, for spelling suggestions
};

// The document to store for `a`: free-text terms, filter terms, value slots and its record.
// `origin` (encode_origin(), origin.h) holds its id key and says where it came from and what it
// held, for reindexing.
IndexedDocument make_document(const Article& a, const std::string& origin);

}  // namespace dsearch
