#include "dsearch/token_sequence.h"

#include <xxhash.h>

namespace dsearch {

TokenHash token_hash(std::string_view term) {
  auto h = static_cast<TokenHash>(XXH3_64bits(term.data(), term.size()));
  return h == kSeparator ? TokenHash{1} : h;
}

TokenSequenceWriter::TokenSequenceWriter() { bytes_.push_back(static_cast<char>(kTokenSequenceVersion)); }

void TokenSequenceWriter::put(TokenHash h) {
  bytes_.push_back(static_cast<char>(h & 0xFF));
  bytes_.push_back(static_cast<char>(h >> 8));
}

TokenSequence::TokenSequence(std::string_view value) {
  if (value.empty() || static_cast<unsigned char>(value.front()) != kTokenSequenceVersion) return;
  value.remove_prefix(1);
  if (value.size() % 2 != 0) return;  // cut short: trust none of it
  hashes_ = value.data();
  size_ = value.size() / 2;
  title_size_ = 0;
  while (title_size_ < size_ && (*this)[title_size_] != kSeparator) ++title_size_;
}

}  // namespace dsearch
