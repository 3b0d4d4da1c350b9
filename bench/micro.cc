// Throughput of the analysis pieces on the seed pages: page extraction, the analysis chain,
// entity extraction and snippets. Run: build/bench/bench_micro
#include <chrono>
#include <cstdio>
#include <fstream>
#include <functional>
#include <sstream>

#include "dsearch/analyzer.h"
#include "dsearch/indexer/entities.h"
#include "dsearch/indexer/page.h"
#include "dsearch/searcher/highlight.h"

namespace {

std::string read(const std::string& name) {
  std::ifstream in(std::string(DSEARCH_SOURCE_DIR) + "/corpus/" + name, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Runs fn until about a second has passed; prints MB/s over `bytes` per call and µs per call.
void measure(const char* what, std::size_t bytes, const std::function<void()>& fn) {
  using Clock = std::chrono::steady_clock;
  auto start = Clock::now();
  std::size_t calls = 0;
  while (Clock::now() - start < std::chrono::seconds(1)) {
    fn();
    ++calls;
  }
  double secs = std::chrono::duration<double>(Clock::now() - start).count();
  std::printf("%-22s %8.1f MB/s %10.1f us/call\n", what, bytes * calls / secs / 1e6, secs / calls * 1e6);
}

}  // namespace

int main() {
  std::string page = read("000_b45b558db81f4ae8.txt");
  dsearch::Page p = dsearch::extract_page(page);
  dsearch::Analyzer en("en");
  dsearch::Highlight h;
  for (const char* w : {"special", "envoy", "putin"}) h.terms.insert(en.stem(en.fold(w)));
  std::size_t sink = 0;
  measure("extract_page", page.size(), [&] { sink += dsearch::extract_page(page).body.size(); });
  measure("analyzer tokenize", p.body.size(), [&] { en.tokenize(p.body, [&](const dsearch::Token& t) { sink += t.term.size(); }); });
  measure("extract_entities", p.body.size(), [&] { sink += dsearch::extract_entities(p.title, p.body, "en").countries.size(); });
  measure("snippet", p.body.size(), [&] { sink += dsearch::snippet(p.body, en, h).size(); });
  return sink == 0;
}
