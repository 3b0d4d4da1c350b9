// What the learned line model (line_model.h) sees of each line of a page: the line's own shape
// and wording, the jusText classes the heuristic stage gave it and its neighbours, and where it
// sits relative to the text the heuristic kept. The same function feeds training
// (tools/boilerplate_model) and indexing, so the two cannot drift apart.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "boilerplate.h"

namespace dsearch::page_detail {

// Row-major, lines.size() rows of line_feature_names().size() values. Needs the heuristic
// classes (initial, kind, heuristic_keep) of the jusText stage.
std::vector<float> line_features(const std::vector<Line>& lines);

const std::vector<std::string_view>& line_feature_names();

}  // namespace dsearch::page_detail
