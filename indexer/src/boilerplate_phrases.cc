#include "boilerplate_phrases.h"

#include <cctype>
#include <string>

#include "text_scan.h"

namespace dsearch::page_detail {
namespace {

// Longest line (in words) a phrase may open; longer lines are content whatever they start with.
constexpr int kMaxPhraseLineWords = 12;
constexpr int kMaxEndMarkerWords = 8;

struct Entry {
  std::string_view phrase;  // lower case
  Phrase kind;
  bool whole;               // the line must be the phrase alone (plus punctuation or a count)
};

constexpr Phrase B = Phrase::kBoilerplate;
constexpr Phrase E = Phrase::kEndMarker;

// Compiled from the template lines of the seeds and of the trafilatura-eval and readability pages.
constexpr Entry kEntries[] = {
    // Blocks that follow an article: cutting the page there is safe once the article was seen.
    {"related stories", E, false}, {"related articles", E, false}, {"related posts", E, false},
    {"related news", E, false}, {"related coverage", E, false}, {"related content", E, false},
    {"related links", E, false}, {"related topics", E, false}, {"related reading", E, false},
    {"related", E, true}, {"more stories", E, false}, {"more from", E, false}, {"more news", E, false},
    {"more on this", E, false}, {"more articles", E, false}, {"most popular", E, false},
    {"most read", E, false}, {"most viewed", E, false}, {"most shared", E, false},
    {"most commented", E, false}, {"hot topics", E, false}, {"read more", E, true}, {"read next", E, false},
    {"recommended", E, false}, {"you may also like", E, false}, {"you might also like", E, false},
    {"you may be interested", E, false}, {"also read", E, false}, {"see also", E, true},
    {"comments", E, true}, {"leave a comment", E, false}, {"leave a reply", E, false},
    {"post a comment", E, false}, {"add a comment", E, false}, {"join the conversation", E, false},
    {"explore more", E, false}, {"top stories", E, true}, {"about the author", E, false},
    {"weitere artikel", E, false}, {"weitere beiträge", E, false}, {"weitere nachrichten", E, false},
    {"weitere themen", E, false}, {"mehr zum thema", E, false}, {"mehr aus", E, false},
    {"mehr artikel", E, false}, {"mehr nachrichten", E, false}, {"das könnte sie auch interessieren", E, false},
    {"das könnte dich auch interessieren", E, false}, {"meistgelesen", E, false}, {"meist gelesen", E, false},
    {"kommentare", E, false}, {"kommentar schreiben", E, false}, {"lesen sie auch", E, false},
    {"auch interessant", E, false}, {"ähnliche artikel", E, false}, {"ähnliche beiträge", E, false},
    {"verwandte artikel", E, false}, {"schreibe einen kommentar", E, false}, {"über den autor", E, false},
    {"articles similaires", E, false}, {"à lire aussi", E, false}, {"a lire aussi", E, false},
    {"lire aussi", E, false}, {"sur le même sujet", E, false}, {"commentaires", E, false},
    {"les plus lus", E, false}, {"dans la même rubrique", E, false}, {"noticias relacionadas", E, false},
    {"artículos relacionados", E, false}, {"te puede interesar", E, false}, {"comentarios", E, false},
    {"lo más leído", E, false}, {"más noticias", E, false}, {"leer más", E, true},
    {"notizie correlate", E, false}, {"artigos relacionados", E, false},
    // Template lines: navigation, sharing, accounts, credits, legal.
    {"skip to", B, false}, {"skip next section", B, false}, {"jump to", B, false}, {"zum inhalt", B, false},
    {"zur navigation", B, false}, {"direkt zum", B, false}, {"springe zu", B, false}, {"aller au contenu", B, false},
    {"share on", B, false}, {"share this", B, false}, {"share to", B, false}, {"share via", B, false},
    {"share", B, true}, {"teilen", B, false}, {"tweet", B, true}, {"follow us", B, false},
    {"folgen sie", B, false}, {"subscribe", B, false}, {"abonnieren", B, false}, {"newsletter", B, false},
    {"sign up", B, false}, {"sign in", B, false}, {"log in", B, false}, {"login", B, false},
    {"register", B, true}, {"anmelden", B, false}, {"registrieren", B, false}, {"einloggen", B, false},
    {"image:", B, false}, {"photo:", B, false}, {"photos:", B, false}, {"foto:", B, false},
    {"fotos:", B, false}, {"bild:", B, false}, {"bilder:", B, false}, {"picture:", B, false},
    {"credit:", B, false}, {"credits:", B, false}, {"bildquelle", B, false}, {"quelle:", B, false},
    {"copyright", B, false}, {"©", B, false}, {"(c)", B, false}, {"all rights reserved", B, false},
    {"alle rechte", B, false}, {"tous droits", B, false}, {"todos los derechos", B, false},
    {"impressum", B, false}, {"datenschutz", B, false}, {"privacy", B, false}, {"terms of", B, false},
    {"terms and conditions", B, false}, {"mentions légales", B, false}, {"aviso legal", B, false},
    {"advertisement", B, false}, {"anzeige", B, true}, {"werbung", B, true}, {"publicidad", B, true},
    {"publicité", B, true}, {"back to top", B, false}, {"nach oben", B, false}, {"posted by", B, false},
    {"posted in", B, false}, {"filed under", B, false}, {"tags:", B, false}, {"tags", B, true},
    {"schlagworte", B, false}, {"schlagwörter", B, false}, {"stichwörter", B, false}, {"themen:", B, false},
    {"categories", B, true}, {"category:", B, false}, {"kategorie", B, false}, {"kategorien", B, false},
    {"home", B, true}, {"menu", B, true}, {"menü", B, true}, {"navigation", B, false}, {"search", B, true},
    {"suche", B, true}, {"suchen", B, true}, {"print", B, true}, {"drucken", B, true}, {"email", B, true},
    {"e-mail", B, true}, {"facebook", B, true}, {"twitter", B, true}, {"whatsapp", B, true},
    {"linkedin", B, true}, {"pinterest", B, true}, {"instagram", B, true}, {"youtube", B, true},
    {"xing", B, true}, {"reddit", B, true}, {"rss", B, true}, {"next", B, true}, {"previous", B, true},
    {"older post", B, false}, {"newer post", B, false}, {"older posts", B, false}, {"newer posts", B, false},
    {"next post", B, false}, {"previous post", B, false}, {"vorheriger", B, false}, {"nächster", B, false},
    {"zurück", B, true}, {"weiter", B, true}, {"startseite", B, true}, {"accueil", B, true}, {"inicio", B, true},
    {"kontakt", B, true}, {"contact", B, true}, {"contact us", B, false}, {"about us", B, false},
    {"über uns", B, false}, {"close", B, true}, {"schließen", B, true}, {"fermer", B, true},
    {"toggle navigation", B, false}, {"main menu", B, false}, {"hauptmenü", B, false}, {"reply", B, true},
    {"antworten", B, true}, {"loading", B, true}, {"cookie", B, false}, {"we use cookies", B, false},
    {"diese website verwendet cookies", B, false}, {"wir verwenden cookies", B, false},
    {"this site uses cookies", B, false}, {"this website uses cookies", B, false}, {"accept", B, true},
    {"akzeptieren", B, true}, {"ok", B, true}, {"partager", B, false}, {"compartir", B, false},
    {"imprimir", B, true}, {"imprimer", B, true}, {"download", B, true}, {"listen", B, true},
    {"sponsored", B, false}, {"top story", B, false}, {"top stories", B, true}, {"see all", B, false},
    {"view all", B, false}, {"show more", B, false}, {"load more", B, false}, {"alle anzeigen", B, false},
};

// Phrase entries compare against the line lower-cased, after list numbering and bullets.
std::string_view strip_list_marker(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
  if (i > 0 && i < s.size() && (s[i] == '.' || s[i] == ')')) s.remove_prefix(i + 1);
  for (std::string_view bullet : {"-", "*", "•", "·", "»", "›", ">", "|", "+"})
    if (s.substr(0, bullet.size()) == bullet) {
      s.remove_prefix(bullet.size());
      break;
    }
  return trim(s);
}

// True when what follows a matched prefix is only punctuation, digits and spaces ("Comments (12)").
bool only_decoration(std::string_view rest) {
  for (std::size_t i = 0; i < rest.size();) {
    uint32_t cp = next_codepoint(rest, i);
    if (cp >= 0x80 ? is_word_char(cp) : std::isalpha(static_cast<int>(cp)) != 0) return false;
  }
  return true;
}

bool matches(std::string_view lower, const Entry& e) {
  if (lower.substr(0, e.phrase.size()) != e.phrase) return false;
  std::string_view rest = lower.substr(e.phrase.size());
  if (e.whole) return only_decoration(rest);
  if (rest.empty()) return true;
  // A word must not continue past the phrase: "share" must not match "shareholders".
  std::size_t last = e.phrase.size() - 1;
  while (last > 0 && (static_cast<unsigned char>(e.phrase[last]) & 0xC0) == 0x80) --last;
  if (!is_word_char(next_codepoint(e.phrase, last))) return true;
  std::size_t i = 0;
  return !is_word_char(next_codepoint(rest, i));
}

// Wording that marks a whole short line as a caption credit or a legal notice wherever it appears:
// "René Klemmer. Foto: GdP/Hagen Immel", "Photograph by ...".
constexpr std::string_view kShortLineMarks[] = {
    "foto:", "photo:", "image:", "bild:", "imagen:", "photograph:", "credit:", "\xC2\xA9", "getty images",
    "shutterstock", "picture-alliance", "picture alliance", "photograph by", "photo by", "foto von",
    "all rights reserved", "alle rechte vorbehalten", "newsletter", "javascript"};
constexpr int kMaxMarkedLineWords = 25;
// Consent banners run long, but no article paragraph talks about the reader's cookies.
constexpr int kMaxNoticeWords = 150;

bool contains_mark(std::string_view lower, int words) {
  if (lower.find("cookie") != std::string_view::npos && words <= kMaxNoticeWords) return true;
  if (words > kMaxMarkedLineWords) return false;
  for (auto m : kShortLineMarks)
    if (lower.find(m) != std::string_view::npos) return true;
  return false;
}

int count_words(std::string_view s, int stop_after) {
  int n = 0;
  for_each_word(s, [&](std::string_view) { return ++n <= stop_after; });
  return n;
}

}  // namespace

Phrase classify_phrase(std::string_view line) {
  line = strip_list_marker(line);
  if (line.empty()) return Phrase::kNone;
  int words = count_words(line.substr(0, 4000), kMaxNoticeWords + 1);
  if (words > kMaxMarkedLineWords) {
    // Long lines: only a consent banner qualifies, so look for it before lower-casing anything.
    bool cookie = words <= kMaxNoticeWords && line.find("ookie") != std::string_view::npos;
    return cookie ? Phrase::kBoilerplate : Phrase::kNone;
  }
  std::string lower;
  lower_word(line.substr(0, 400), lower);
  if (words <= kMaxPhraseLineWords) {
    for (const auto& e : kEntries) {
      if (!matches(lower, e)) continue;
      if (e.kind == Phrase::kEndMarker && words > kMaxEndMarkerWords) continue;
      return e.kind;
    }
  }
  return contains_mark(lower, words) ? Phrase::kBoilerplate : Phrase::kNone;
}

bool is_credit_line(std::string_view line) {
  line = trim(line);
  if (line.empty() || line.size() > 60) return false;
  if (line.front() == '(' && line.back() == ')') return count_words(line, 6) <= 5;
  // Lower-case initials joined by slashes, optionally followed by agencies: "ksb/mkg (AFP, AP)".
  std::size_t i = 0, groups = 0;
  while (i < line.size()) {
    std::size_t start = i;
    while (i < line.size() && std::isalpha(static_cast<unsigned char>(line[i]))) ++i;
    if (i - start < 2 || i - start > 5) return false;
    ++groups;
    if (i < line.size() && line[i] == '/') {
      ++i;
      continue;
    }
    break;
  }
  if (groups < 2) return false;
  std::string_view rest = trim(line.substr(i));
  return rest.empty() || (rest.front() == '(' && rest.back() == ')');
}

bool is_separator_list(std::string_view line) {
  if (line.size() > 400) return false;
  int seps = 0;
  for (std::string_view sep : {" | ", " • ", " · ", " / ", " - "}) {
    for (std::size_t p = line.find(sep); p != std::string_view::npos; p = line.find(sep, p + 1)) ++seps;
  }
  int words = count_words(line, 100);
  return seps >= 2 && words <= (seps + 1) * 3;
}

}  // namespace dsearch::page_detail
