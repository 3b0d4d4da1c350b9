// A gradient-boosted tree ensemble over line features (boilerplate_features.h), trained by
// tools/boilerplate_model/train.py and shipped as indexer/data/boilerplate_model.txt. Evaluation
// is a few hundred comparisons a line, well below the cost of scanning the line.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace dsearch::page_detail {

class LineModel {
 public:
  // Parses the text format written by train.py; throws std::runtime_error on a malformed model
  // (a shipped model is checked by the tests, an override at startup).
  static LineModel parse(std::string_view text);

  // The model dindex uses: $DSEARCH_BOILERPLATE_MODEL when set (a file, for cross-validation;
  // "none" for the heuristic alone), else the embedded one. Null for "none".
  static const LineModel* active();

  std::size_t features() const { return features_; }
  double threshold() const { return threshold_; }
  // The probability that the line whose features start at `row` is article text.
  double probability(const float* row) const;

 private:
  struct Node {
    int32_t feature;  // -1 for a leaf
    float threshold;  // go left when x <= threshold (scikit-learn's rule)
    int32_t left, right;
    double value;     // leaf output
  };
  std::size_t features_ = 0;
  double threshold_ = 0.5, base_ = 0, rate_ = 1;
  std::vector<Node> nodes_;
  std::vector<int32_t> roots_;
};

}  // namespace dsearch::page_detail
