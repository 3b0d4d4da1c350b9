// Index metadata that holds a list (the roots an index was built from, its languages): one item
// a line, shared by the indexing run and the rebuild.
#pragma once

#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace dsearch {

inline std::vector<std::string> split_lines(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) out.push_back(line);
  return out;
}

inline std::string join(const std::set<std::string>& items, char sep) {
  std::string out;
  for (const auto& i : items) {
    if (!out.empty()) out.push_back(sep);
    out += i;
  }
  return out;
}

}  // namespace dsearch
