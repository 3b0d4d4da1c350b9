#include "line_model.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>

#include "boilerplate_features.h"
#include "indexer_data.h"

namespace dsearch::page_detail {
namespace {

[[noreturn]] void malformed(const std::string& what) {
  throw std::runtime_error("malformed boilerplate model: " + what);
}

LineModel load_active(const char* path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(std::string("cannot read boilerplate model ") + path);
  std::stringstream ss;
  ss << in.rdbuf();
  return LineModel::parse(ss.str());
}

}  // namespace

// Format: "#" comment lines, then "features N", "threshold P", "base B", "rate R", "trees T",
// then per tree "tree K" and K lines "feature threshold left right value" (feature -1: a leaf).
LineModel LineModel::parse(std::string_view text) {
  std::istringstream in{std::string(text)};
  LineModel m;
  std::string key;
  std::size_t trees = 0;
  auto expect = [&](const char* want) {
    if (!(in >> key) || key != want) malformed(std::string("expected '") + want + "'");
  };
  while (in >> std::ws && in.peek() == '#') std::getline(in, key);
  expect("features");
  in >> m.features_;
  expect("threshold");
  in >> m.threshold_;
  expect("base");
  in >> m.base_;
  expect("rate");
  in >> m.rate_;
  expect("trees");
  in >> trees;
  if (!in || m.features_ == 0 || trees == 0 || trees > 100000) malformed("bad header");
  for (std::size_t t = 0; t < trees; ++t) {
    std::size_t count = 0;
    expect("tree");
    in >> count;
    if (!in || count == 0 || count > 1u << 20) malformed("bad tree size");
    auto root = static_cast<int32_t>(m.nodes_.size());
    m.roots_.push_back(root);
    for (std::size_t k = 0; k < count; ++k) {
      Node node{};
      in >> node.feature >> node.threshold >> node.left >> node.right >> node.value;
      if (!in) malformed("bad node");
      bool leaf = node.feature < 0;
      if (!leaf && (static_cast<std::size_t>(node.feature) >= m.features_ || node.left <= static_cast<int32_t>(k) ||
                    node.right <= static_cast<int32_t>(k) || node.left >= static_cast<int32_t>(count) ||
                    node.right >= static_cast<int32_t>(count)))
        malformed("node out of range");
      // Children are stored relative to the tree; make them absolute. Children always follow
      // their parent, so every walk ends.
      if (!leaf) node.left += root, node.right += root;
      m.nodes_.push_back(node);
    }
  }
  return m;
}

double LineModel::probability(const float* row) const {
  double score = base_;
  for (int32_t root : roots_) {
    const Node* n = &nodes_[root];
    while (n->feature >= 0) n = &nodes_[row[n->feature] <= n->threshold ? n->left : n->right];
    score += rate_ * n->value;
  }
  return 1.0 / (1.0 + std::exp(-score));
}

const LineModel* LineModel::active() {
  static const std::optional<LineModel> model = []() -> std::optional<LineModel> {
    const char* path = std::getenv("DSEARCH_BOILERPLATE_MODEL");
    if (path && std::string_view(path) == "none") return std::nullopt;
    if (!(path && *path) && embedded_indexer_data("boilerplate_model.txt").empty()) return std::nullopt;
    try {
      LineModel m = path && *path ? load_active(path) : parse(embedded_indexer_data("boilerplate_model.txt"));
      if (m.features() != line_feature_names().size())
        malformed("it has " + std::to_string(m.features()) + " features, dindex computes " +
                  std::to_string(line_feature_names().size()));
      return m;
    } catch (const std::exception& e) {
      // Only a developer's override can get here (the tests check the shipped model); extracting
      // with a model other than the one asked for would make every figure measured with it wrong.
      std::fprintf(stderr, "dindex: %s\n", e.what());
      std::exit(2);
    }
  }();
  return model ? &*model : nullptr;
}

}  // namespace dsearch::page_detail
