// Access to the sample corpus (corpus/) and the shared corpora (../shared/corpora) from tests.
#pragma once

#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

namespace dsearch::test {

inline std::string source_dir() { return DSEARCH_SOURCE_DIR; }

// The shared corpora folder, or empty when it is absent (tests then GTEST_SKIP with a message).
inline std::string corpora_dir() {
  std::string d = std::string(DSEARCH_SHARED_DIR) + "/corpora";
  return std::filesystem::is_directory(d) ? d : std::string();
}

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The seed articles in corpus/, by file name.
inline std::string seed(const std::string& name) { return read_file(source_dir() + "/corpus/" + name); }
inline const char* kXinhua = "000_b45b558db81f4ae8.txt";
inline const char* kDw = "001_e3b90086b74f9351.txt";

// Calls fn for each JSON object of a .jsonl.gz file; stops after `limit` lines (0: all).
inline void for_each_json_line(const std::string& path, const std::function<void(const nlohmann::json&)>& fn,
                               std::size_t limit = 0) {
  gzFile f = gzopen(path.c_str(), "rb");
  if (!f) return;
  std::string line, buf(1 << 16, '\0');
  std::size_t n = 0;
  for (int got; (got = gzread(f, buf.data(), static_cast<unsigned>(buf.size()))) > 0;) {
    for (int i = 0; i < got; ++i) {
      if (buf[i] != '\n') { line.push_back(buf[i]); continue; }
      fn(nlohmann::json::parse(line));
      line.clear();
      if (limit && ++n >= limit) { gzclose(f); return; }
    }
  }
  if (!line.empty()) fn(nlohmann::json::parse(line));
  gzclose(f);
}

}  // namespace dsearch::test
