// Expanding command-line paths into input files.
#include <filesystem>
#include <system_error>

#include "dsearch/indexer/input.h"

namespace dsearch {
namespace fs = std::filesystem;
namespace {

bool ends_with(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool is_jsonl_name(const std::string& name) {
  return ends_with(name, ".jsonl") || ends_with(name, ".jsonl.gz") || ends_with(name, ".ndjson") ||
         ends_with(name, ".ndjson.gz");
}

bool is_article_name(const std::string& name) {
  return is_jsonl_name(name) || ends_with(name, ".txt") || ends_with(name, ".text");
}

InputFile make_input(const fs::path& path, const fs::path& root, std::uintmax_t size) {
  InputFile f;
  f.path = path.string();
  f.root = root.string();
  f.rel = path.lexically_relative(root).generic_string();
  f.size = size;
  f.jsonl = is_jsonl_name(path.filename().string());
  return f;
}

void walk_directory(const fs::path& root, std::vector<InputFile>& out, const ErrorSink& errors) {
  std::error_code ec;
  // Directory symlinks are not followed: no loops, and no article reached by two paths.
  fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec), end;
  if (ec) return errors({root.string(), ec.message()});
  for (; it != end; it.increment(ec)) {
    if (ec) {
      errors({it->path().string(), ec.message()});
      ec.clear();
      continue;
    }
    const fs::path& p = it->path();
    std::string name = p.filename().string();
    if (!name.empty() && name[0] == '.') {
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    if (!is_article_name(name)) continue;
    std::error_code sec;
    auto status = fs::status(p, sec);  // follows file symlinks
    if (sec) {
      errors({p.string(), sec.message()});
      continue;
    }
    if (!fs::is_regular_file(status)) continue;
    out.push_back(make_input(p, root, fs::file_size(p, sec)));
  }
}

}  // namespace

std::vector<InputFile> list_inputs(const std::vector<std::string>& paths, const ErrorSink& errors) {
  std::vector<InputFile> out;
  for (const auto& given : paths) {
    std::error_code ec;
    fs::path abs = fs::absolute(given, ec).lexically_normal();
    if (!abs.empty() && !abs.has_filename()) abs = abs.parent_path();  // "dir/" -> "dir"
    auto status = fs::status(abs, ec);
    if (!fs::exists(status)) {
      errors({given, "no such file or directory"});
      continue;
    }
    if (ec) {
      errors({given, ec.message()});
      continue;
    }
    if (fs::is_directory(status)) {
      walk_directory(abs, out, errors);
    } else if (fs::is_regular_file(status)) {
      out.push_back(make_input(abs, abs.parent_path(), fs::file_size(abs, ec)));
    } else {
      errors({given, "not a regular file or directory"});
    }
  }
  return out;
}

}  // namespace dsearch
