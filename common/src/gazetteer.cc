// Minimal gazetteer from ICU region names; to be replaced by the full data-driven one.
#include "dsearch/gazetteer.h"

#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <map>

#include "dsearch/analyzer.h"

namespace dsearch {
namespace {

class IcuGazetteer : public Gazetteer {
 public:
  IcuGazetteer() {
    for (const char* const* c = icu::Locale::getISOCountries(); *c; ++c) {
      std::string code(*c), name;
      icu::Locale("", *c).getDisplayCountry(icu::Locale::getEnglish(), tmp_).toUTF8String(name);
      labels_[code] = name;
      names_[key(name)] = code;
      names_[key(code)] = code;
    }
  }
  std::string lookup(std::string_view name) const override {
    auto it = names_.find(key(name));
    return it == names_.end() ? std::string() : it->second;
  }
  std::string label(std::string_view code) const override {
    auto it = labels_.find(std::string(code));
    return it == labels_.end() ? std::string(code) : it->second;
  }
  std::vector<std::string> similar(std::string_view) const override { return {}; }

 private:
  static std::string key(std::string_view s) {
    Analyzer a("");
    std::string k;
    for (const auto& t : a.tokens(s)) k += (k.empty() ? "" : " ") + t.term;
    return k;
  }
  icu::UnicodeString tmp_;
  std::map<std::string, std::string> names_, labels_;
};

}  // namespace

const Gazetteer& Gazetteer::instance() {
  static const IcuGazetteer g;
  return g;
}

}  // namespace dsearch
