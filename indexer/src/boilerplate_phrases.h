// Lines that page templates put around articles, recognised by their wording: navigation ("Skip to
// content"), sharing, image credits, copyright, and the headings that open the blocks after an
// article ("Related stories", "Most Popular", "Weitere Artikel"). The phrases, in English, German,
// French, Spanish, Italian, Portuguese and Polish, are in indexer/data/boilerplate_phrases.txt.
#pragma once

#include <string_view>

namespace dsearch::page_detail {

enum class Phrase { kNone, kBoilerplate, kEndMarker };

// What the wording of `line` (trimmed) says. Only short lines can match: a paragraph that starts
// with "Share" or "Read more" is still a paragraph.
Phrase classify_phrase(std::string_view line);

// "ksb/mkg (AFP, AP)", "dpa/AFP", "(AFP)": author initials and wire credits closing an article.
bool is_credit_line(std::string_view line);

// Navigation rendered on one line: "Home | News | Sport", "Politik • Wirtschaft • Kultur".
bool is_separator_list(std::string_view line);

}  // namespace dsearch::page_detail
