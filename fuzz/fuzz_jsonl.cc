// Reading a JSON Lines file of any bytes (through a memory file, as dindex reads files).
#include <sys/mman.h>
#include <unistd.h>

#include "dsearch/indexer/analyse.h"
#include "dsearch/indexer/input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  int fd = memfd_create("fuzz.jsonl", 0);
  if (fd < 0) return 0;
  if (write(fd, data, size) != static_cast<ssize_t>(size)) {
    close(fd);
    return 0;
  }
  dsearch::InputFile f;
  f.path = "/proc/self/fd/" + std::to_string(fd);
  f.rel = "fuzz.jsonl";
  f.size = size;
  f.jsonl = true;
  dsearch::read_articles(f, [](dsearch::RawArticle&& raw) {
    try {
      dsearch::make_document(dsearch::analyse(raw), raw.hash, "fuzz.jsonl", "root");
    } catch (const std::runtime_error&) {
      // a clear per-article failure is fine
    }
  }, [](const dsearch::InputError&) {});
  close(fd);
  return 0;
}
