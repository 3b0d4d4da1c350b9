// Reading articles out of input files: a text file is one article; a JSON Lines file (plain or
// gzipped) holds one a line.
#include <simdjson.h>
#include <zlib.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <memory>

#include "dsearch/hash.h"
#include "dsearch/indexer/input.h"

namespace dsearch {
namespace {

bool read_text_file(const InputFile& file, const std::function<void(RawArticle&&)>& emit,
                    const ErrorSink& errors) {
  if (file.size > kMaxArticleBytes) {
    errors({file.path, "file of " + std::to_string(file.size >> 20) + " MB is larger than the " +
                           std::to_string(kMaxArticleBytes >> 20) + " MB article limit"});
    return true;
  }
  std::ifstream in(file.path, std::ios::binary);
  if (!in) {
    errors({file.path, std::strerror(errno)});
    return false;
  }
  RawArticle a;
  a.text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  if (in.bad()) {
    errors({file.path, "read error"});
    return false;
  }
  a.id = file.rel;
  a.origin = file.path;
  a.hash = content_hash(a.text);
  a.offset = a.text.size();
  emit(std::move(a));
  return true;
}

// "2014-11-17", "2014-11-17T16:10:00Z" -> "2014-11-17"; anything else -> "" (detection decides).
std::string normalize_date(std::string_view d) {
  if (d.size() < 10) return {};
  for (int i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (d[i] < '0' || d[i] > '9') return {};
  if (d[4] != '-' || d[7] != '-') return {};
  return std::string(d.substr(0, 10));
}

// Reads an optional string field; null and absent give "", a number its digits. Throws on other types.
std::string string_field(simdjson::dom::object obj, std::string_view key) {
  simdjson::dom::element v;
  if (obj.at_key(key).get(v) != simdjson::SUCCESS || v.is_null()) return {};
  if (v.is_number()) return simdjson::minify(v);
  return std::string(std::string_view(v.get_string().value()));
}

// Strict: the whole line must be one valid JSON object (simdjson's DOM parser validates all of it,
// UTF-8 included, and limits nesting depth).
class JsonLineParser {
 public:
  // Fills `a` from one JSON line; returns an error message, or "" on success.
  std::string parse(const std::string& line, RawArticle& a) {
    try {
      simdjson::dom::element doc = parser_.parse(line);
      simdjson::dom::object obj;
      if (doc.get(obj) != simdjson::SUCCESS) return "not a JSON object";
      a.id = string_field(obj, "id");
      a.hints.title = string_field(obj, "title");
      a.hints.date = normalize_date(string_field(obj, "date"));
      a.hints.source = string_field(obj, "source");
      a.url = string_field(obj, "url");
      a.hints.lang = string_field(obj, "lang");
      simdjson::dom::element body;
      if (obj.at_key("body").get(body) != simdjson::SUCCESS) return "no \"body\" field";
      if (!body.is_string()) return "\"body\" is not a string";
      a.text = std::string(std::string_view(body.get_string().value()));
    } catch (const simdjson::simdjson_error& e) {
      return std::string("malformed JSON: ") + simdjson::error_message(e.error());
    }
    return {};
  }

 private:
  simdjson::dom::parser parser_;
};

struct GzCloser {
  void operator()(gzFile_s* f) const { gzclose(f); }
};

class LineReader {
 public:
  explicit LineReader(gzFile f) : f_(f), buf_(1 << 16) {}

  // Next line without its newline; false at the end or on error. Lines over the article limit are
  // skipped to their end and reported through `too_long`.
  bool next(std::string& line, bool& too_long) {
    line.clear();
    too_long = false;
    for (;;) {
      if (pos_ == len_) {
        if (eof_) return !line.empty() || too_long;
        int got = gzread(f_, buf_.data(), static_cast<unsigned>(buf_.size()));
        if (got <= 0) {
          eof_ = true;
          int err = 0;
          gzerror(f_, &err);
          failed_ = got < 0 || (err != Z_OK && err != Z_STREAM_END);
          if (got < 0 || !gzeof(f_)) failed_ = true;
          continue;
        }
        pos_ = 0;
        len_ = static_cast<size_t>(got);
      }
      const char* start = buf_.data() + pos_;
      const void* nl = std::memchr(start, '\n', len_ - pos_);
      size_t n = nl ? static_cast<size_t>(static_cast<const char*>(nl) - start) : len_ - pos_;
      if (!too_long) {
        if (line.size() + n > kMaxArticleBytes) {
          too_long = true;
          line.clear();
        } else {
          line.append(start, n);
        }
      }
      pos_ += n;
      if (nl) {
        ++pos_;
        return true;
      }
    }
  }

  bool failed() const { return failed_; }
  std::string error() const {
    int err = 0;
    const char* msg = gzerror(f_, &err);
    return err == Z_OK || !msg || !*msg ? "unexpected end of compressed data" : msg;
  }

 private:
  gzFile f_;
  std::vector<char> buf_;
  size_t pos_ = 0, len_ = 0;
  bool eof_ = false, failed_ = false;
};

bool read_jsonl_file(const InputFile& file, const std::function<void(RawArticle&&)>& emit,
                     const ErrorSink& errors) {
  std::unique_ptr<gzFile_s, GzCloser> f(gzopen(file.path.c_str(), "rb"));
  if (!f) {
    errors({file.path, std::strerror(errno ? errno : EIO)});
    return false;
  }
  gzbuffer(f.get(), 1 << 17);
  LineReader reader(f.get());
  JsonLineParser parser;
  std::string line;
  bool too_long = false;
  for (size_t lineno = 1; reader.next(line, too_long); ++lineno) {
    std::string where = file.path + ":" + std::to_string(lineno);
    if (too_long) {
      errors({where, "line longer than the " +
                                                           std::to_string(kMaxArticleBytes >> 20) +
                                                           " MB article limit"});
      continue;
    }
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;  // blank line
    RawArticle a;
    a.hash = content_hash(line);
    if (std::string err = parser.parse(line, a); !err.empty()) {
      errors({where, err});
      continue;
    }
    a.json = true;
    a.offset = static_cast<std::uint64_t>(gzoffset(f.get()));
    a.origin = where;
    if (a.id.empty()) a.id = file.rel + ":" + std::to_string(lineno);
    emit(std::move(a));
  }
  if (reader.failed()) {
    errors({file.path, reader.error() + " (file truncated or corrupt; articles after the last good line kept as they were)"});
    return false;
  }
  return true;
}

}  // namespace

bool read_articles(const InputFile& file, const std::function<void(RawArticle&&)>& emit,
                   const ErrorSink& errors) {
  return file.jsonl ? read_jsonl_file(file, emit, errors) : read_text_file(file, emit, errors);
}

}  // namespace dsearch
