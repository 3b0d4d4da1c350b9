// Bad input is reported with its file (and line), counted as failed and skipped; the good articles
// around it are all indexed and nothing already indexed is lost.
#include <gtest/gtest.h>
#include <zlib.h>

#include "cli_runner.h"

namespace dsearch::test {
namespace {

namespace fs = std::filesystem;

void write(const std::string& path, const std::string& bytes) {
  fs::create_directories(fs::path(path).parent_path());
  std::ofstream(path, std::ios::binary) << bytes;
}

void write_gz(const std::string& path, const std::string& text, bool truncate) {
  fs::create_directories(fs::path(path).parent_path());
  gzFile f = gzopen(path.c_str(), "wb");
  gzwrite(f, text.data(), static_cast<unsigned>(text.size()));
  gzclose(f);
  if (truncate) fs::resize_file(path, fs::file_size(path) * 2 / 3);
}

std::string json_line(const std::string& id, const std::string& body) {
  return nlohmann::json{{"id", id}, {"title", "Title " + id}, {"body", body}}.dump() + "\n";
}

TEST(BadInput, EachProblemIsReportedCountedAndSkipped) {
  TempDir tmp;
  std::string d = tmp / "in";
  std::string good = "Officials in Moscow said on Monday that the special envoy would arrive soon.";
  write(d + "/good.txt", "Envoy arrives\n\n" + good + "\n");
  write(d + "/latin1.txt", "Caf\xe9 talks\n\nThe envoy met ministers at a caf\xe9 in Paris for talks on trade.\n");
  write(d + "/binary.txt", std::string("\x7f" "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0", 16) + std::string(4096, '\0'));
  write(d + "/empty.txt", "");
  write(d + "/huge.txt", std::string(20 << 20, 'x'));
  write(d + "/lines.jsonl", json_line("j1", good) + "{not json}\n" + json_line("j2", good) +
                                "{\"id\": \"j3\", \"title\": \"no body\"}\n" + std::string(200, '[') + "\n" +
                                json_line("j4", good));
  std::string db = tmp / "index";
  Output o = run(dindex("--json --db " + db + " " + d + " " + tmp / "missing"));
  EXPECT_EQ(o.exit, 1) << o.err;
  auto j = nlohmann::json::parse(o.out);
  // Indexed: good, latin1, j1, j2, j4.
  EXPECT_EQ(j["total"], 5) << o.out << o.err;
  // Failed: binary, empty, huge, 3 bad lines, the missing path.
  EXPECT_EQ(j["failed"], 7) << o.err;
  for (const char* where : {"binary.txt", "empty.txt", "huge.txt", "lines.jsonl:2", "lines.jsonl:4",
                            "lines.jsonl:5", "missing"})
    EXPECT_NE(o.err.find(where), std::string::npos) << where << " not named in:\n" << o.err;

  Output cafe = run(dsearch("--json --db " + db + " cafe"));
  ASSERT_EQ(cafe.exit, 0) << "the Latin-1 file was decoded: " << cafe.err;
  EXPECT_NE(cafe.json()["results"][0]["title"].get<std::string>().find("Caf\xc3\xa9"), std::string::npos);
}

// Lines different enough that a cut in the compressed stream falls after many whole lines.
std::string many_lines(int n) {
  std::string lines;
  for (int i = 0; i < n; ++i)
    lines += json_line("a" + std::to_string(i), "Officials in Moscow said on day " + std::to_string(i * 7919 % 1000) +
                                                    " that envoy " + std::to_string(i * 104729) + " would arrive soon.");
  return lines;
}

TEST(BadInput, ATruncatedGzipKeepsItsGoodLinesAndIsReported) {
  TempDir tmp;
  std::string d = tmp / "in", db = tmp / "index";
  write_gz(d + "/cut.jsonl.gz", many_lines(2000), true);
  Output o = run(dindex("--json --db " + db + " " + d));
  EXPECT_EQ(o.exit, 1);
  auto total = nlohmann::json::parse(o.out)["total"].get<int>();
  EXPECT_GT(total, 100);
  EXPECT_LT(total, 2000);
  EXPECT_NE(o.err.find("cut.jsonl.gz"), std::string::npos) << o.err;
  EXPECT_NE(o.err.find("truncated"), std::string::npos) << o.err;
}

TEST(BadInput, ATruncatedFileLosesNothingAlreadyIndexed) {
  TempDir tmp;
  std::string d = tmp / "in", db = tmp / "index";
  std::string lines = many_lines(2000);
  write_gz(d + "/all.jsonl.gz", lines, false);
  Output first = run(dindex("--db " + db + " " + d));
  ASSERT_EQ(first.exit, 0) << first.err;
  write_gz(d + "/all.jsonl.gz", lines, true);
  Output o = run(dindex("--json --db " + db + " " + d));
  EXPECT_EQ(o.exit, 1);
  EXPECT_EQ(nlohmann::json::parse(o.out)["total"], 2000) << o.err;
}

}  // namespace
}  // namespace dsearch::test
