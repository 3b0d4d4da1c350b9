// detect_language: stopword voting on real news in English, German and Finnish, script detection
// for CJK, Cyrillic, Greek and Arabic, and silence when the evidence is too thin.
#include <gtest/gtest.h>

#include "dsearch/indexer/page.h"
#include "test_data.h"

namespace dsearch {
namespace {

TEST(LanguageDetect, Seeds) {
  EXPECT_EQ(detect_language(test::seed(test::kXinhua)), "en");
  EXPECT_EQ(detect_language(test::seed(test::kDw)), "en");
}

TEST(LanguageDetect, ScriptsAndShortTexts) {
  struct Case {
    const char* text;
    const char* lang;
  } cases[] = {
      {"朝鲜最高领导人金正恩派遣特使前往俄罗斯，寻求外交关系多元化。", "zh"},
      {"北朝鮮の金正恩第1書記は、特使をロシアに派遣すると発表した。", "ja"},
      {"북한은 김정은 국방위원회 제1위원장의 특사를 러시아에 파견했다고 밝혔다.", "ko"},
      {"Северная Корея направила специального посланника в Россию для переговоров.", "ru"},
      {"Η Βόρεια Κορέα έστειλε ειδικό απεσταλμένο στη Ρωσία για συνομιλίες.", "el"},
      {"أرسلت كوريا الشمالية مبعوثا خاصا إلى روسيا لإجراء محادثات.", "ar"},
      {"Der Sondergesandte soll nach Moskau reisen, um die Beziehungen zu Russland zu stärken, "
       "wie die Nachrichtenagentur am Freitag meldete.", "de"},
      {"L'envoyé spécial de la Corée du Nord se rendra à Moscou pour renforcer les relations avec la Russie "
       "et pour discuter de la sécurité dans la région.", "fr"},
      {"El enviado especial de Corea del Norte viajará a Moscú para fortalecer las relaciones con Rusia y "
       "para discutir la seguridad en la región.", "es"},
      {"", ""},
      {"Xinhua", ""},
      {"12345 67890 !!!", ""},
  };
  for (const auto& c : cases) EXPECT_EQ(detect_language(c.text), c.lang) << c.text;
}

// Share of documents detected as `lang`, and share detected at all, over the first `limit` lines.
void expect_corpus_language(const std::string& file, const char* lang, std::size_t limit, double min_right,
                            bool with_title) {
  std::string dir = test::corpora_dir();
  if (dir.empty()) GTEST_SKIP() << "shared corpora absent";
  std::size_t docs = 0, right = 0, silent = 0, wrong = 0;
  test::for_each_json_line(dir + file, [&](const nlohmann::json& j) {
    std::string text = (with_title ? j["title"].get<std::string>() + "\n" : "") + j["body"].get<std::string>();
    std::string got = detect_language(text);
    ++docs;
    right += got == lang;
    silent += got.empty();
    wrong += !got.empty() && got != lang;
  }, limit);
  if (docs == 0) GTEST_SKIP() << file << " absent";
  std::printf("%s: %zu docs, %.1f%% %s, %.1f%% undecided\n", file.c_str(), docs, 100.0 * right / docs, lang,
              100.0 * silent / docs);
  EXPECT_GE(static_cast<double>(right) / docs, min_right);
  EXPECT_LE(static_cast<double>(wrong) / docs, 0.03);
}

TEST(LanguageCorpus, GermanNews) { expect_corpus_language("/gnad10k-test/gnad10k-test.jsonl.gz", "de", 300, 0.98, false); }
TEST(LanguageCorpus, EnglishNews) { expect_corpus_language("/bbc-news/bbc-news.jsonl.gz", "en", 300, 0.99, false); }
// Iltalehti items are a headline and one sentence: some are too short to call, none may be wrong.
TEST(LanguageCorpus, FinnishHeadlines) { expect_corpus_language("/fi-news/fi-news.jsonl.gz", "fi", 1000, 0.35, true); }

// Pages that declare their language in <html lang>: the guess agrees on nearly all of them.
TEST(LanguageCorpus, TrafilaturaPages) {
  std::string dir = test::corpora_dir();
  if (dir.empty()) GTEST_SKIP() << "shared corpora absent";
  std::size_t pages = 0, right = 0;
  test::for_each_json_line(dir + "/trafilatura-eval/trafilatura-eval.jsonl.gz", [&](const nlohmann::json& j) {
    if (!j["lang"].is_string() || j["body"].get<std::string>().size() < 2000) return;
    std::string lang = j["lang"];
    if (lang != "de" && lang != "en" && lang != "fr" && lang != "es") return;
    ++pages;
    right += extract_page(j["body"].get<std::string>()).lang == lang;
  });
  if (pages == 0) GTEST_SKIP() << "trafilatura-eval absent";
  std::printf("trafilatura-eval: %.1f%% of %zu pages (de, en, fr, es) agree with <html lang>\n",
              100.0 * right / pages, pages);
  EXPECT_GE(static_cast<double>(right) / pages, 0.9);
}

}  // namespace
}  // namespace dsearch
