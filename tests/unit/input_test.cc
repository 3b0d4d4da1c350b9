// Reading inputs: directory walks, text files and JSON Lines (plain and gzipped), with every bad
// line reported by file and line.
#include "dsearch/indexer/input.h"

#include <gtest/gtest.h>
#include <unistd.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>

#include "test_data.h"

namespace dsearch {
namespace {

namespace fs = std::filesystem;

struct Collected {
  std::vector<RawArticle> articles;
  std::vector<InputError> errors;
  bool complete = true;
};

Collected read_all(const std::vector<std::string>& paths) {
  Collected c;
  auto sink = [&](const InputError& e) { c.errors.push_back(e); };
  for (const auto& f : list_inputs(paths, sink))
    c.complete &= read_articles(f, [&](RawArticle&& a) { c.articles.push_back(std::move(a)); }, sink);
  return c;
}

class Input : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (fs::temp_directory_path() / "dsearch-input-XXXXXX").string();
    dir_ = mkdtemp(tmpl.data());
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string write(const std::string& rel, const std::string& bytes) {
    fs::path p = dir_ / rel;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << bytes;
    return p.string();
  }
  fs::path dir_;
};

TEST_F(Input, WalksDirectoriesWithRelativeIds) {
  write("a.txt", "one");
  write("sub/b.txt", "two");
  write("sub/.hidden/c.txt", "hidden");
  write("sub/notes.md", "not an article");
  auto c = read_all({dir_.string()});
  ASSERT_EQ(c.articles.size(), 2u);
  std::set<std::string> ids;
  for (const auto& a : c.articles) ids.insert(a.id);
  EXPECT_EQ(ids, (std::set<std::string>{"a.txt", "sub/b.txt"}));
  EXPECT_TRUE(c.errors.empty());
}

TEST_F(Input, AFileGivenByNameIsReadWhateverItsExtension) {
  std::string p = write("article.html", "text");
  auto c = read_all({p});
  ASSERT_EQ(c.articles.size(), 1u);
  EXPECT_EQ(c.articles[0].id, "article.html");
}

TEST_F(Input, JsonLinesFieldsAndErrorsByLine) {
  std::string p = write("x.jsonl",
                        "{\"id\":\"a\",\"title\":\"T\",\"date\":\"2014-11-17T16:10:00Z\",\"source\":\"Xinhua\","
                        "\"lang\":\"en\",\"url\":null,\"extra\":[1,2],\"body\":\"B\"}\n"
                        "\n"
                        "{\"id\": 7, \"body\": \"numeric id\"}\n"
                        "{\"title\": \"no id\", \"body\": \"x\"}\n"
                        "{\"id\": \"nobody\"}\n"
                        "[1, 2]\n"
                        "{\"id\": \"cut\", \"body\": \"unterminated\n");
  auto c = read_all({p});
  ASSERT_EQ(c.articles.size(), 3u);
  EXPECT_EQ(c.articles[0].id, "a");
  EXPECT_EQ(c.articles[0].hints.date, "2014-11-17");
  EXPECT_EQ(c.articles[0].hints.source, "Xinhua");
  EXPECT_EQ(c.articles[0].text, "B");
  EXPECT_EQ(c.articles[1].id, "7");
  EXPECT_EQ(c.articles[2].id, "x.jsonl:4");
  ASSERT_EQ(c.errors.size(), 3u);
  EXPECT_EQ(c.errors[0].where, p + ":5");
  EXPECT_EQ(c.errors[1].where, p + ":6");
  EXPECT_EQ(c.errors[2].where, p + ":7");
}

TEST_F(Input, ReadsTheGzippedCorpora) {
  if (test::corpora_dir().empty()) GTEST_SKIP() << "../shared/corpora is absent";
  auto c = read_all({test::corpora_dir() + "/bbc-news/bbc-news.jsonl.gz"});
  EXPECT_EQ(c.articles.size(), 2225u);
  EXPECT_TRUE(c.errors.empty());
  EXPECT_TRUE(c.complete);
  EXPECT_EQ(c.articles[0].hints.source, "BBC News");
}

TEST_F(Input, ATruncatedGzipKeepsItsGoodLinesAndSaysSo) {
  std::string p = (dir_ / "cut.jsonl.gz").string();
  std::string lines;
  for (int i = 0; i < 2000; ++i) lines += "{\"id\":\"" + std::to_string(i) + "\",\"body\":\"some article text here\"}\n";
  gzFile f = gzopen(p.c_str(), "wb");
  gzwrite(f, lines.data(), static_cast<unsigned>(lines.size()));
  gzclose(f);
  fs::resize_file(p, fs::file_size(p) / 2);
  auto c = read_all({p});
  EXPECT_FALSE(c.complete);
  EXPECT_GT(c.articles.size(), 10u);
  EXPECT_LT(c.articles.size(), 2000u);
  ASSERT_FALSE(c.errors.empty());
  EXPECT_EQ(c.errors.back().where, p);
}

TEST_F(Input, MissingPathsAreReported) {
  auto c = read_all({(dir_ / "nope").string()});
  EXPECT_TRUE(c.articles.empty());
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_NE(c.errors[0].message.find("no such file"), std::string::npos);
}

TEST_F(Input, ChangedBytesChangeTheHash) {
  std::string p = write("a.txt", "one");
  std::string h1 = read_all({p}).articles[0].hash;
  write("a.txt", "one!");
  EXPECT_NE(read_all({p}).articles[0].hash, h1);
}

}  // namespace
}  // namespace dsearch
