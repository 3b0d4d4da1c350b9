// Finding and reading inputs: directories walked recursively, plain-text article files, and JSON
// Lines (plain or gzipped) with one article a line.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "dsearch/indexer/page.h"

namespace dsearch {

struct InputFile {
  std::string path;  // as found on disk (absolute)
  std::string root;  // absolute root it was found under (the directory given, or a file's parent)
  std::string rel;   // path relative to root: the id of a text article
  std::uintmax_t size = 0;
  bool jsonl = false;
};

// One article as read, before any analysis: enough to decide whether it changed.
struct RawArticle {
  std::string id;      // stable unique id
  std::string origin;  // absolute path it came from, with ":LINE" for JSON Lines; Article::path
  std::string hash;    // content hash of the raw bytes (a file, or a JSON line)
  bool json = false;
  std::string text;    // text file: raw bytes (decoded later); JSON: the body
  PageHints hints;     // JSON fields (title, date, source, lang)
  std::string url;
  std::uint64_t offset = 0;  // bytes of the file (compressed, for .gz) read so far, for progress
};

// A problem with one input, counted as failed; `where` is "path" or "path:line".
struct InputError {
  std::string where;
  std::string message;
};

using ErrorSink = std::function<void(const InputError&)>;

// Expands paths into input files: directories recursively (hidden entries skipped, *.txt, *.text,
// *.jsonl, *.jsonl.gz, *.ndjson), files given by name whatever their extension. Missing paths,
// unreadable directories and symlink loops are reported to `errors`.
std::vector<InputFile> list_inputs(const std::vector<std::string>& paths, const ErrorSink& errors);

// Articles larger than this are refused (a 50 MB one-line file is not an article).
inline constexpr std::size_t kMaxArticleBytes = 16 << 20;

// Reads the articles of one file in order. Returns true when the whole file was read; false when it
// could not be opened or was cut short (a truncated .gz): then articles it held before but did not
// yield this time must not be taken as deleted. Bad lines are reported and skipped.
bool read_articles(const InputFile& file, const std::function<void(RawArticle&&)>& emit,
                   const ErrorSink& errors);

}  // namespace dsearch
