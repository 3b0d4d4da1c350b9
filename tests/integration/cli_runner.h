// Runs the real dindex and dsearch binaries and captures what they print.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

namespace dsearch::test {

struct Output {
  int exit = -1;
  std::string out, err;
  nlohmann::json json() const { return nlohmann::json::parse(out); }
};

inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Single-quotes an argument for /bin/sh.
inline std::string shell_quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

// A scratch directory removed at the end of the test.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "dsearch-test-XXXXXX").string();
    path_ = mkdtemp(tmpl.data());
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::permissions(path_, std::filesystem::perms::owner_all, ec);
    std::filesystem::remove_all(path_, ec);
  }
  const std::filesystem::path& path() const { return path_; }
  std::string operator/(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

// Runs `command` (a shell command line) with stdout and stderr captured separately.
inline Output run(const std::string& command) {
  TempDir tmp;
  std::string cmd = command + " >" + tmp / "out" + " 2>" + tmp / "err" + " </dev/null";
  int status = std::system(cmd.c_str());
  Output o;
  o.exit = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  o.out = slurp(tmp.path() / "out");
  o.err = slurp(tmp.path() / "err");
  return o;
}

inline std::string dindex(const std::string& args) { return std::string(DINDEX_BIN) + " " + args; }
inline std::string dsearch(const std::string& args) { return std::string(DSEARCH_BIN) + " " + args; }

}  // namespace dsearch::test
