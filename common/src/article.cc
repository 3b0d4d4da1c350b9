#include "dsearch/article.h"

#include "dsearch/record_codec.h"
#include "dsearch/varint.h"

#include <stdexcept>

namespace dsearch {
namespace {

// Version of the record layout; bump on any change below.
constexpr char kFormat = 1;
static_assert(kFormat != kPackedRecord, "a raw record must not read as a packed one");

void put_string(std::string& out, std::string_view s) {
  put_varint(out, s.size());
  out.append(s);
}

void put_list(std::string& out, const std::vector<std::string>& items) {
  put_varint(out, items.size());
  for (const auto& s : items) put_string(out, s);
}

class Reader {
 public:
  explicit Reader(std::string_view data) : data_(data) {}

  uint64_t varint() {
    uint64_t v = 0;
    if (!get_varint(data_, v)) fail();
    return v;
  }

  std::string string() {
    uint64_t n = varint();
    if (n > data_.size()) fail();
    std::string s(data_.substr(0, n));
    data_.remove_prefix(n);
    return s;
  }

  std::vector<std::string> list() {
    uint64_t n = varint();
    if (n > data_.size()) fail();
    std::vector<std::string> items;
    items.reserve(n);
    for (uint64_t i = 0; i < n; ++i) items.push_back(string());
    return items;
  }

  char byte() {
    if (data_.empty()) fail();
    char c = data_.front();
    data_.remove_prefix(1);
    return c;
  }

 private:
  [[noreturn]] static void fail() { throw std::runtime_error("corrupt article data"); }
  std::string_view data_;
};

}  // namespace

std::string serialize(const Article& a) {
  std::string out;
  out.reserve(a.body.size() + a.title.size() + 256);
  out.push_back(kFormat);
  for (const std::string* s : {&a.id, &a.path, &a.url, &a.title, &a.date, &a.source, &a.lang, &a.body})
    put_string(out, *s);
  put_varint(out, a.countries.size());
  for (const auto& c : a.countries) {
    put_string(out, c.code);
    put_varint(out, static_cast<uint64_t>(c.count));
  }
  put_list(out, a.main_countries);
  put_list(out, a.people);
  put_list(out, a.orgs);
  return out;
}

Article deserialize(std::string_view data) {
  Reader r(data);
  if (r.byte() != kFormat) throw std::runtime_error("article data of an unknown format");
  Article a;
  for (std::string* s : {&a.id, &a.path, &a.url, &a.title, &a.date, &a.source, &a.lang, &a.body})
    *s = r.string();
  uint64_t n = r.varint();
  if (n > data.size()) throw std::runtime_error("corrupt article data");
  for (uint64_t i = 0; i < n; ++i) {
    CountryMention m;
    m.code = r.string();
    m.count = static_cast<int>(r.varint());
    a.countries.push_back(std::move(m));
  }
  a.main_countries = r.list();
  a.people = r.list();
  a.orgs = r.list();
  return a;
}

}  // namespace dsearch
