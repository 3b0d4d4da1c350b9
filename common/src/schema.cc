#include "dsearch/schema.h"

#include "dsearch/analyzer.h"
#include "dsearch/error.h"
#include "dsearch/hash.h"

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
