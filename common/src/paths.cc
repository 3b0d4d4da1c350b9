#include "dsearch/paths.h"

#include <cstdlib>

namespace dsearch {

std::string index_path(const std::string& flag) {
  if (!flag.empty()) return flag;
  if (const char* env = std::getenv("DSEARCH_DB"); env && *env) return env;
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg == '/') return std::string(xdg) + "/dsearch/index";
  const char* home = std::getenv("HOME");
  return std::string(home && *home ? home : ".") + "/.local/share/dsearch/index";
}

}  // namespace dsearch
