// Input bytes to text: files that are not valid UTF-8 (Latin-1, Windows-1252) are decoded, not
// rejected; binary files are rejected.
#pragma once

#include <string>
#include <string_view>

namespace dsearch {

struct Decoded {
  std::string text;      // valid UTF-8, BOM removed, CRLF and CR turned into LF
  std::string encoding;  // "utf-8", "windows-1252", "utf-16le", ...
  std::string error;     // non-empty when the bytes are not text (e.g. "binary data (NUL bytes)")
};

Decoded decode_text(std::string_view bytes);

// Replaces invalid UTF-8 sequences with U+FFFD (for strings from JSON that claim to be UTF-8).
std::string make_valid_utf8(std::string_view s);

}  // namespace dsearch
