// "Did you mean" data (spelling.h): its encoding on real words, damaged values, and suggestions for
// typos of Reuters words, which must be at least as often right as Xapian's own spelling table.
#include "dsearch/spelling.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include <filesystem>
#include <map>
#include <set>

#include <unistd.h>

#include "dsearch/analyzer.h"
#include "dsearch/schema.h"
#include "test_data.h"

namespace dsearch {
namespace {

namespace fs = std::filesystem;

// Distinct folded words of a text, as the indexer keeps them for spelling (analyse.cc).
std::set<std::string> words_of(Analyzer& a, std::string_view text) {
  std::set<std::string> out;
  a.tokenize(text, [&](const Token& t) {
    if (t.folded.size() < 3 || t.folded.size() > 24) return;
    for (unsigned char c : t.folded)
      if (c >= '0' && c <= '9') return;
    out.insert(t.folded);
  });
  return out;
}

std::vector<spelling::WordCount> seed_words() {
  Analyzer en("en");
  std::map<std::string, std::uint64_t> counts;
  for (const char* name : {test::kXinhua, test::kDw})
    for (const auto& w : words_of(en, test::seed(name))) ++counts[w];
  std::vector<spelling::WordCount> out;
  for (const auto& [w, c] : counts) out.push_back({w, c});
  return out;
}

// Glass databases in a folder of their own (the in-memory backend lists no metadata keys).
class Spelling : public testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("dsearch_spelling_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  Xapian::WritableDatabase empty_db() {
    return Xapian::WritableDatabase((dir_ / std::to_string(++made_)).string(), Xapian::DB_CREATE);
  }
  Xapian::WritableDatabase with_words(const std::vector<spelling::WordCount>& sorted) {
    Xapian::WritableDatabase db = empty_db();
    spelling::Builder b;
    for (const auto& w : sorted) b.add(w.word, w.count);
    for (const auto& [key, value] : b.finish()) db.set_metadata(key, value);
    db.commit();
    return db;
  }

  fs::path dir_;
  int made_ = 0;
};

TEST_F(Spelling, LengthsCountCharactersNotBytes) {
  EXPECT_EQ(spelling::length("envoy"), 5u);
  EXPECT_EQ(spelling::length("müller"), 6u);
  EXPECT_EQ(spelling::length("пхеньян"), 7u);
  EXPECT_EQ(spelling::length("\xff\xfe"), 2u);  // bytes that start no character count one each
}

TEST_F(Spelling, SeedWordsRoundTripByLength) {
  std::vector<spelling::WordCount> words = seed_words();
  ASSERT_GT(words.size(), 300u);
  EXPECT_EQ(spelling::decode(spelling::encode(words)), words);
  Xapian::WritableDatabase db = with_words(words);
  std::size_t found = 0;
  for (const auto& w : words) {
    EXPECT_EQ(spelling::frequency(db, w.word), w.count) << w.word;
    found += w.count == 2;
  }
  EXPECT_GT(found, 20u);  // words of both seeds
  EXPECT_EQ(spelling::frequency(db, "envoy"), 2u);
  EXPECT_EQ(spelling::frequency(db, "envoys"), 0u);
  EXPECT_TRUE(spelling::present(db));
  EXPECT_FALSE(spelling::present(empty_db()));
}

TEST_F(Spelling, BuilderWantsByteOrder) {
  spelling::Builder b;
  b.add("envoy", 2);
  EXPECT_THROW(b.add("envoi", 2), std::invalid_argument);
  EXPECT_THROW(b.add("envoy", 2), std::invalid_argument);
  b.add("dprk", 2);  // another length: its own list
}

TEST_F(Spelling, LaterCountsAddToTheWordsThere) {
  Xapian::WritableDatabase db = with_words(seed_words());
  std::uint64_t envoy = spelling::frequency(db, "envoy");
  std::vector<spelling::WordCount> nine = spelling::decode(db.get_metadata(spelling::key(9)));
  ASSERT_GT(nine.size(), 10u);
  spelling::add_counts(db, {{"ulaanbaatar", 1}, {"envoy", 3}, {"zeppelins", 1}, {"über", 2}});
  EXPECT_EQ(spelling::frequency(db, "envoy"), envoy + 3);
  EXPECT_EQ(spelling::frequency(db, "ulaanbaatar"), 1u);
  EXPECT_EQ(spelling::frequency(db, "über"), 2u);
  EXPECT_EQ(spelling::suggest(db, "ulanbaatar"), "ulaanbaatar");
  // every other word of those lengths is still there, in order
  nine.insert(std::upper_bound(nine.begin(), nine.end(), spelling::WordCount{"zeppelins", 1},
                               [](auto& a, auto& b) { return a.word < b.word; }),
              {"zeppelins", 1});
  EXPECT_EQ(spelling::decode(db.get_metadata(spelling::key(9))), nine);
}

struct Typo {
  const char* typed;
  const char* meant;  // "" for nothing to suggest
};

// Each kind of edit, in the seeds' words (Xinhua on Korea, DW on Russia and Ukraine).
TEST_F(Spelling, SuggestsTheSeedWordsForTypos) {
  Xapian::WritableDatabase db = with_words(seed_words());
  const Typo typos[] = {
      {"envoi", "envoy"},            // changed
      {"envy", "envoy"},             // dropped
      {"presidnet", "president"},    // swapped
      {"ukrainne", "ukraine"},       // doubled
      {"pyongyng", "pyongyang"},     // dropped, in a long word
      {"xylophone", ""},             // nothing near
      {"pytn", ""},                  // "putin" is two edits away: too many for four letters
      {"envoy", ""},                 // a known word is no typo of another
  };
  for (const auto& t : typos) EXPECT_EQ(spelling::suggest(db, t.typed), t.meant) << t.typed;
}

// A value of `entries` as they are, in a zstd frame of one raw block (the value layout's version
// byte first), to try entries that encode never writes.
std::string raw_frame(const std::string& entries) {
  std::string v = "\x01\x28\xb5\x2f\xfd\x20";  // version, magic, one segment with a one-byte size
  v += static_cast<char>(entries.size());
  std::uint32_t block = static_cast<std::uint32_t>(entries.size()) << 3 | 1;  // raw, last
  for (int i = 0; i < 3; ++i) v += static_cast<char>(block >> (8 * i));
  return v + entries;
}

TEST_F(Spelling, DamagedValuesSuggestNothingAndDoNotCrash) {
  std::string good = spelling::encode(seed_words());
  ASSERT_EQ(spelling::decode(raw_frame(std::string("\x00\x05" "envoi\x02", 8))),
            (std::vector<spelling::WordCount>{{"envoi", 2}}));  // the frame itself is sound
  const std::string damaged[] = {
      "", "\x01", "\x02" + good.substr(1), good.substr(0, good.size() / 2), good + "x",
      // a frame that says it holds 4 GB
      std::string("\x01\x28\xb5\x2f\xfd\xe0\x00\x00\x00\x00\x01\x00\x00\x00", 14),
      raw_frame(std::string("\x01\x05" "envoi\x02", 8)),  // shares a byte with no word before
      raw_frame(std::string("\x00\x09" "envoi\x02", 8)),  // a suffix past the end
      raw_frame(std::string("\x00\x05" "envoi", 7)),       // no count
  };
  for (const auto& v : damaged) {
    EXPECT_THROW(spelling::decode(v), std::runtime_error) << v.size();
    Xapian::WritableDatabase db = empty_db();
    db.set_metadata(spelling::key(5), v.empty() ? std::string("\x01") : v);
    EXPECT_EQ(spelling::suggest(db, "envoi"), "");
    spelling::add_counts(db, {{"envoy", 1}});  // a damaged length is replaced
    EXPECT_EQ(spelling::suggest(db, "envoi"), "envoy");
  }
}

// Typos made by rule (drop, swap, change, double a letter) of Reuters words found in ten
// articles or more; both suggesters get the words of two articles or more, with their counts.
TEST_F(Spelling, RightAtLeastAsOftenAsXapianOnReutersTypos) {
  std::string corpus = test::corpora_dir() + "/reuters21578/reuters21578.jsonl.gz";
  if (test::corpora_dir().empty()) GTEST_SKIP() << "no shared corpora at " << DSEARCH_SHARED_DIR;
  Analyzer en("en");
  std::map<std::string, std::uint64_t> counts;
  test::for_each_json_line(corpus, [&](const nlohmann::json& j) {
    if (j["body"].is_string())
      for (const auto& w : words_of(en, j["body"].get<std::string>())) ++counts[w];
  }, 5000);
  std::vector<spelling::WordCount> kept;
  Xapian::WritableDatabase xapian = empty_db();
  for (const auto& [w, c] : counts)
    if (c >= 2) {
      kept.push_back({w, c});
      xapian.add_spelling(w, static_cast<Xapian::termcount>(c));
    }
  xapian.commit();
  Xapian::WritableDatabase ours = with_words(kept);

  std::size_t tried = 0, right_ours = 0, right_xapian = 0, n = 0;
  for (const auto& [word, c] : counts) {
    if (c < 10 || word.size() < 4 || word.size() != spelling::length(word) || n++ % 7) continue;
    std::string typo = word;
    std::size_t at = 1 + (n / 7) % (word.size() - 2);
    switch ((n / 7) % 4) {
      case 0: typo.erase(at, 1); break;
      case 1: std::swap(typo[at], typo[at + 1]); break;
      case 2: typo[at] = typo[at] == 'e' ? 'a' : 'e'; break;
      default: typo.insert(at, 1, typo[at]); break;
    }
    if (counts.count(typo)) continue;  // a word of its own
    ++tried;
    right_ours += spelling::suggest(ours, typo) == word;
    right_xapian += xapian.get_spelling_suggestion(typo) == word;
  }
  std::printf("typos %zu: right %zu (dsearch), %zu (Xapian)\n", tried, right_ours, right_xapian);
  ASSERT_GT(tried, 300u);
  EXPECT_GE(right_ours, right_xapian);
  EXPECT_GT(right_ours * 10, tried * 8);
}

}  // namespace
}  // namespace dsearch
