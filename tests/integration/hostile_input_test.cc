// A committed set of hostile inputs (the table below writes them): each bad one is reported with
// its file (and line) and counted as failed, every good article around them is indexed, nothing
// hangs, and memory stays bounded.
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <zlib.h>

#include "cli_runner.h"

namespace dsearch::test {
namespace {

namespace fs = std::filesystem;

struct Hostile {
  const char* name;
  std::string bytes;
  const char* verdict;  // "indexed", or the text the failure message must name ("file" or "file:line")
};

std::string article(const std::string& body) { return "Envoy report\n\nSEOUL -- " + body + "\n"; }
std::string json_line(const std::string& id, const std::string& body) {
  return nlohmann::json{{"id", id}, {"title", "Report " + id}, {"body", body}}.dump() + "\n";
}
std::string gz(const std::string& text) {
  std::string out(compressBound(text.size()) + 64, '\0');
  z_stream z{};
  deflateInit2(&z, 6, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY);
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  z.avail_in = static_cast<uInt>(text.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

const std::string kGood = "The special envoy met officials in Moscow on Monday to discuss trade and energy.";

std::vector<Hostile> hostile_set() {
  std::string million(1'000'000, 'a');
  std::string many_lines;
  for (int i = 0; i < 500; ++i) many_lines += json_line("t" + std::to_string(i), kGood + " Item " + std::to_string(i * 7919));
  std::string cut = gz(many_lines);
  cut.resize(cut.size() / 2);
  return {
      {"invalid-utf8.txt", article(kGood + " caf\xe9 \xff\xfe"), "indexed"},
      {"overlong-utf8.txt", article(kGood + " \xc0\xaf\xe0\x80\xaf"), "indexed"},
      {"mixed-encodings.txt", article(kGood + " S\xc3\xa3o Paulo and S\xe3o Paulo"), "indexed"},
      {"bom-utf8.txt", "\xEF\xBB\xBF" + article(kGood), "indexed"},
      {"utf16le-bom.txt", std::string("\xFF\xFE" "E\0n\0v\0o\0y\0 \0m\0e\0t\0 \0M\0o\0s\0c\0o\0w\0", 32), "indexed"},
      {"crlf.txt", "Envoy report\r\n\r\nSEOUL -- " + kGood + "\r\n", "indexed"},
      {"control-chars.txt", article(kGood + " \x01\x02\x1b[31m red \x7f"), "indexed"},
      {"million-char-word.txt", article(kGood + " " + million + " end"), "indexed"},
      {"nul-bytes.txt", article(kGood) + std::string(64, '\0') + kGood, "nul-bytes.txt"},
      {"binary.txt", std::string("\x7f" "ELF\x02\x01\x01\0", 8) + std::string(8192, '\x90'), "binary.txt"},
      {"empty.txt", "", "empty.txt"},
      {"only-spaces.txt", std::string(4096, ' ') + "\n\n\t\n", "only-spaces.txt"},
      {"fifty-mb-line.txt", std::string(50 << 20, 'x'), "fifty-mb-line.txt"},
      {"lines.jsonl",
       json_line("j1", kGood) + "{\"id\": \"j2\", \"body\": 42}\n" + std::string(100000, '[') + "\n" +
           "{\"id\":\"j3\",\"body\":\"" + kGood + "\",\"x\":" + std::string(200, '[') + std::string(200, ']') + "}\n" +
           "{\"id\": \"j4\", \"body\": \"unterminated\n" + "\xff\xfe{}\n" + json_line("j5", kGood + " \\u0000 nul"),
       "lines.jsonl:2"},
      {"lines-more.jsonl", json_line("k1", kGood) + "{\"id\": \"k2\"}\n", "lines-more.jsonl:2"},
      {"corrupt.jsonl.gz", "\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03" + std::string(5000, '\xAB'), "corrupt.jsonl.gz"},
      {"truncated.jsonl.gz", cut, "truncated.jsonl.gz"},
  };
}

TEST(HostileInput, EveryBadInputIsReportedAndTheGoodOnesIndexed) {
  TempDir tmp;
  std::string d = tmp / "in";
  fs::create_directories(d);
  int expect_indexed = 0;
  for (const auto& h : hostile_set()) {
    std::ofstream(d + "/" + h.name, std::ios::binary) << h.bytes;
    expect_indexed += std::string(h.verdict) == "indexed";
  }
  expect_indexed += 3 + 1;  // lines.jsonl: j1, j3, j5; lines-more.jsonl: k1
  fs::create_symlink(d + "/loop-b.txt", d + "/loop-a.txt");
  fs::create_symlink(d + "/loop-a.txt", d + "/loop-b.txt");
  fs::create_directory_symlink(d, d + "/self-loop");
  mkfifo((d + "/fifo.txt").c_str(), 0644);  // must be skipped, not read (it would block)

  struct rusage before {}, after {};
  getrusage(RUSAGE_CHILDREN, &before);
  Output o = run("timeout 120 " + dindex("--json --db " + tmp / "index " + d));
  getrusage(RUSAGE_CHILDREN, &after);
  ASSERT_EQ(o.exit, 1) << o.err;
  auto j = nlohmann::json::parse(o.out);
  int total = j["total"];
  // The truncated gzip gives some of its 500 lines: everything else is exact.
  EXPECT_GT(total, expect_indexed);
  EXPECT_LT(total, expect_indexed + 500);
  for (const auto& h : hostile_set()) {
    if (std::string(h.verdict) == "indexed") continue;
    EXPECT_NE(o.err.find(h.verdict), std::string::npos) << h.verdict << " not in\n" << o.err;
  }
  for (const char* where : {"lines.jsonl:3", "lines.jsonl:5", "lines.jsonl:6", "loop-a.txt", "loop-b.txt"})
    EXPECT_NE(o.err.find(where), std::string::npos) << where << " not in\n" << o.err;
  std::printf("hostile inputs: %zu files + 2 symlink loops + a FIFO; %d articles indexed, %d failed; peak RSS %ld MB\n",
              hostile_set().size(), total, j["failed"].get<int>(), after.ru_maxrss / 1024);
  EXPECT_LT(after.ru_maxrss, 1024 * 1024) << "peak RSS over 1 GB";

  for (std::string q : {"envoy", "Sao Paulo", "end"}) EXPECT_EQ(run(dsearch("--db " + tmp / "index '" + q + "'")).exit, 0) << q;
  auto crlf = run(dsearch("--json --db " + tmp / "index --limit 50 envoy")).json();
  for (const auto& r : crlf["results"]) {
    EXPECT_EQ(r["title"].get<std::string>().find('\r'), std::string::npos) << r["id"];
    EXPECT_EQ(r["title"].get<std::string>().find("\xEF\xBB\xBF"), std::string::npos) << r["id"];
  }
}

TEST(HostileQuery, AnswersOrClearErrorsWithinBoundedTime) {
  TempDir tmp;
  ASSERT_EQ(run(dindex("--db " + tmp / "index " + std::string(DSEARCH_SOURCE_DIR) + "/corpus")).exit, 0);
  std::string many, deep(5000, '('), nested;
  for (int i = 0; i < 10000; ++i) many += "word" + std::to_string(i) + " ";
  for (int i = 0; i < 60; ++i) nested += "(envoy OR ";
  nested += "Putin" + std::string(60, ')');
  const std::string queries[] = {
      "'\"unbalanced'", "'((envoy'", "'envoy))'", "'" + many + "'", "'the of and a'", "'a*'", "'*'", "'e*'",
      "'" + deep + "envoy'", "'" + nested + "'", "$'\\x01\\x02\\x1b[31m envoy'", "$'\\xff\\xfe\\xc0\\xaf envoy'",
      "'date:2014-13-45'", "'date:..'", "'country:'", "'title:'", "--limit 4000000000 envoy",
      "--offset 4000000000 envoy", "--limit 0 envoy", "'-envoy'", "'NOT NOT NOT envoy'", "'\"\"'"};
  for (const auto& q : queries) {
    Output o = run("timeout 20 " + dsearch("--db " + tmp / "index " + q));
    EXPECT_TRUE(o.exit == 0 || o.exit == 1 || (o.exit == 2 && !o.err.empty()))
        << q.substr(0, 80) << " -> exit " << o.exit << ": " << o.err.substr(0, 300);
  }
  Output wild = run(dsearch("--json --db " + tmp / "index 'e*'"));
  ASSERT_EQ(wild.exit, 0);
}

}  // namespace
}  // namespace dsearch::test
