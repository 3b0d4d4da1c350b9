// Every input a fuzzer ever crashed on (fuzz/regressions/<target>/) replayed through the same
// target code in the normal build: a fixed crash stays fixed.
#include <gtest/gtest.h>

#include <filesystem>

#include "../../fuzz/targets.h"
#include "test_data.h"

namespace dsearch {
namespace {

using Target = int (*)(const uint8_t*, size_t);

TEST(FuzzRegressions, EveryRecordedCrashInputIsHandled) {
  const std::pair<const char*, Target> targets[] = {
      {"analyzer", fuzz::analyzer}, {"decode", fuzz::decode}, {"entities", fuzz::entities},
      {"jsonl", fuzz::jsonl},       {"page", fuzz::page},     {"query", fuzz::query},
      {"tokens", fuzz::tokens},     {"record", fuzz::record}, {"spelling", fuzz::spelling}};
  std::size_t replayed = 0;
  for (const auto& [name, target] : targets) {
    std::filesystem::path dir = test::source_dir() + "/fuzz/regressions/" + name;
    if (!std::filesystem::is_directory(dir)) continue;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
      std::string bytes = test::read_file(entry.path().string());
      EXPECT_EQ(target(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()), 0) << entry.path();
      ++replayed;
    }
  }
  EXPECT_GE(replayed, 1u) << "fuzz/regressions holds the page crash found on 2026-11-23";
}

}  // namespace
}  // namespace dsearch
