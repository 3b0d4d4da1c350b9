// What the learned line model (line_model.h) sees of each line of a page: the line's own shape
// and wording, the jusText classes the heuristic stage gave it and its neighbours, where it sits
// relative to the text the heuristic kept, and the lexical scores (line_lexicon.h) of it, its
// neighbours and the page. The same function feeds training
// (tools/boilerplate_model) and indexing, so the two cannot drift apart.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "boilerplate.h"
#include "line_lexicon.h"

namespace dsearch::page_detail {

// Row-major, lines.size() rows of line_feature_names().size() values. Needs the heuristic
// classes (initial, kind, heuristic_keep) of the jusText stage. The lexical features, the last
// kLexicalFeatures, are 0 without a lexicon (train.py fills them in itself).
std::vector<float> line_features(const std::vector<Line>& lines, const LineLexicon* lexicon);

inline constexpr std::size_t kLexicalFeatures = 6;

const std::vector<std::string_view>& line_feature_names();

}  // namespace dsearch::page_detail
