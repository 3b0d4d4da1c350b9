// Spelling counts of a first build in bounded memory: spilled to sorted runs and merged, they must
// give exactly the counts of one map over the same words, whatever the spill size.
#include "../../indexer/src/word_counts.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <stdexcept>

#include "dsearch/analyzer.h"
#include "test_data.h"

namespace dsearch {
namespace {

namespace fs = std::filesystem;

class WordCountsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("dsearch_word_counts_" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string prefix(const std::string& name) const { return (dir_ / name).string(); }

  static std::map<std::string, std::uint64_t> merged(const WordCounts& counts) {
    std::map<std::string, std::uint64_t> out;
    std::string last;
    merge_runs(counts.runs(), [&](const std::string& word, std::uint64_t n) {
      EXPECT_TRUE(out.empty() || last < word) << "not in byte order or twice: " << word;
      last = word;
      out[word] = n;
    });
    return out;
  }

  fs::path dir_;
};

// The folded words of Reuters bodies, as the indexer counts them for spelling.
std::vector<std::string> reuters_words(std::size_t articles) {
  std::vector<std::string> words;
  Analyzer en("en");
  test::for_each_json_line(
      test::corpora_dir() + "/reuters21578/reuters21578.jsonl.gz",
      [&](const nlohmann::json& j) {
        en.tokenize(j.value("body", ""), [&](const Token& t) { words.push_back(t.folded); });
      },
      articles);
  return words;
}

TEST_F(WordCountsTest, SpilledRunsMergeToTheCountsOfOneMap) {
  if (test::corpora_dir().empty()) GTEST_SKIP() << "../shared/corpora is absent";
  auto words = reuters_words(2000);
  ASSERT_GT(words.size(), 100000u);
  std::map<std::string, std::uint64_t> want;
  for (const auto& w : words) ++want[w];
  ASSERT_GT(want.size(), 10000u);

  for (std::size_t max_words : {1u << 30, 5000u, 97u}) {  // 97: past kMaxRuns runs, merged
    SCOPED_TRACE(max_words);
    WordCounts counts(prefix("words" + std::to_string(max_words)), max_words);
    for (const auto& w : words) counts.add(w);
    counts.finish();
    if (max_words > want.size()) EXPECT_EQ(counts.runs().size(), 1u);
    else EXPECT_GE(counts.runs().size(), 2u);
    EXPECT_LE(counts.runs().size(), 32u);
    EXPECT_EQ(merged(counts), want);
  }
}

TEST_F(WordCountsTest, RunsOfSeveralCountersSumPerWord) {
  // Two shards' counts of the two seeds: "envoy" is in both, so its counts add up.
  Analyzer en("en");
  WordCounts a(prefix("a"), 50), b(prefix("b"), 50);
  std::uint64_t envoys = 0;
  en.tokenize(test::seed(test::kXinhua), [&](const Token& t) {
    a.add(t.folded);
    envoys += t.folded == "envoy";
  });
  en.tokenize(test::seed(test::kDw), [&](const Token& t) {
    b.add(t.folded);
    envoys += t.folded == "envoy";
  });
  a.finish();
  b.finish();
  ASSERT_GE(envoys, 2u);
  std::vector<std::string> runs = a.runs();
  runs.insert(runs.end(), b.runs().begin(), b.runs().end());
  std::uint64_t got = 0;
  merge_runs(runs, [&](const std::string& word, std::uint64_t n) {
    if (word == "envoy") got = n;
  });
  EXPECT_EQ(got, envoys);
}

TEST_F(WordCountsTest, DamagedOrMissingRunsAreRefused) {
  WordCounts counts(prefix("c"), 1000);
  for (const char* w : {"envoy", "putin", "envoy"}) counts.add(w);
  counts.finish();
  ASSERT_EQ(counts.runs().size(), 1u);
  std::string path = counts.runs().front();
  auto size = fs::file_size(path);
  fs::resize_file(path, size - 2);  // cuts the last record
  EXPECT_THROW(merge_runs(counts.runs(), [](const std::string&, std::uint64_t) {}), std::runtime_error);
  std::ofstream(path, std::ios::binary | std::ios::trunc) << "\xff\xff\xff\x7f";  // a 268 MB "word"
  EXPECT_THROW(merge_runs(counts.runs(), [](const std::string&, std::uint64_t) {}), std::runtime_error);
  EXPECT_THROW(merge_runs({prefix("absent")}, [](const std::string&, std::uint64_t) {}), std::runtime_error);
}

}  // namespace
}  // namespace dsearch
