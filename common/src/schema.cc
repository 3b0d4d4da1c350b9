#include "dsearch/schema.h"

#include <algorithm>

#include <xxhash.h>

#include <cstdint>

#include "dsearch/analyzer.h"
#include "dsearch/error.h"
#include "dsearch/hash.h"
#include "dsearch/varint.h"

namespace dsearch::schema {

void ensure_schema(const std::string& version, const std::string& path) {
  ensure(version == std::to_string(kSchemaVersion), ErrorKind::kData,
         "index " + path + " was built by another version of dindex (schema " + version +
             "); run dindex --rebuild to build it again");
}

std::string term(std::string_view prefix, std::string_view value) {
  std::string t(prefix);
  if (value.size() <= kMaxTermBytes) {
    t.append(value);
    return t;
  }
  // Cut on a UTF-8 boundary so the term stays valid text, then make it unique again.
  std::size_t cut = kMaxTermBytes - 17;
  while (cut > 0 && (static_cast<unsigned char>(value[cut]) & 0xC0) == 0x80) --cut;
  t.append(value.substr(0, cut));
  t.push_back('#');
  t.append(content_hash(value));
  return t;
}

std::string entity_key(std::string_view name) {
  static thread_local Analyzer folder("");
  std::string key;
  folder.tokenize(name, [&](const Token& tok) {
    if (!key.empty()) key.push_back(' ');
    key.append(tok.term);
  });
  return key;
}

std::string name_key(std::string_view name) {
  std::string key = entity_key(name);
  if (key.empty()) return {};
  std::string out;
  put_u64(out, XXH3_64bits(key.data(), key.size()));
  out.resize(kNameKeyBytes);
  return out;
}

std::string name_keys(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) {
    std::string k = name_key(n);
    bool seen = false;
    for (std::size_t i = 0; i < out.size() && !seen; i += kNameKeyBytes) seen = out.compare(i, kNameKeyBytes, k) == 0;
    if (!k.empty() && !seen) out += k;
  }
  return out;
}

std::vector<std::string> name_words(std::string_view name) {
  std::string key = entity_key(name);
  std::vector<std::string> words;
  for (std::size_t b = 0; b < key.size();) {
    std::size_t e = std::min(key.find(' ', b), key.size());
    if (e > b) words.push_back(key.substr(b, e - b));
    b = e + 1;
  }
  std::sort(words.begin(), words.end());
  words.erase(std::unique(words.begin(), words.end()), words.end());
  return words;
}

std::string name_word_hash(std::string_view word) {
  std::string out;
  put_u64(out, XXH3_64bits(word.data(), word.size()));
  out.resize(kNameWordBytes);
  return out;
}

std::string name_word_hashes(const std::vector<std::string>& names) {
  std::vector<std::string> hashes;
  for (const auto& n : names)
    for (const auto& w : name_words(n)) hashes.push_back(name_word_hash(w));
  std::sort(hashes.begin(), hashes.end());
  hashes.erase(std::unique(hashes.begin(), hashes.end()), hashes.end());
  std::string out;
  for (const auto& h : hashes) out += h;
  return out;
}

std::string date_value(int year, int month, int day) {
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 || day > 31) return {};
  std::uint32_t n = static_cast<std::uint32_t>(year) << 9 | static_cast<std::uint32_t>(month) << 5 |
                    static_cast<std::uint32_t>(day);
  return {static_cast<char>(n >> 16), static_cast<char>(n >> 8 & 0xFF), static_cast<char>(n & 0xFF)};
}

std::string date_value(std::string_view iso) {
  auto number = [&](std::size_t pos, std::size_t n) {
    int v = 0;
    for (std::size_t i = pos; i < pos + n; ++i) {
      if (iso[i] < '0' || iso[i] > '9') return -1;
      v = v * 10 + (iso[i] - '0');
    }
    return v;
  };
  if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-') return {};
  return date_value(number(0, 4), number(5, 2), number(8, 2));
}

std::string pack_list(const std::vector<std::string>& items) {
  std::string packed;
  for (const auto& item : items) {
    if (!packed.empty()) packed.push_back('\x1f');  // unit separator: never in names
    packed.append(item);
  }
  return packed;
}

std::vector<std::string> unpack_list(std::string_view packed) {
  std::vector<std::string> items;
  while (!packed.empty()) {
    auto sep = packed.find('\x1f');
    items.emplace_back(packed.substr(0, sep));
    if (sep == std::string_view::npos) break;
    packed.remove_prefix(sep + 1);
  }
  return items;
}

}  // namespace dsearch::schema
