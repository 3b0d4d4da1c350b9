// The indexer's bounded queue between the reader, the analysers and the writer: whatever the
// number of threads on each side and the capacity, every item pushed is popped exactly once, in
// order per producer, and nobody stays blocked (a blocked producer is woken only once the queue is
// half empty, so a wake-up missed there would hang a build).
#include "../../indexer/src/work_queue.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <future>
#include <thread>
#include <vector>

namespace dsearch {
namespace {

struct Shape {
  int producers, consumers;
  std::size_t capacity;
};

class WorkQueueShapes : public ::testing::TestWithParam<Shape> {};

TEST_P(WorkQueueShapes, DeliversEveryItemOnceInOrderPerProducer) {
  const Shape s = GetParam();
  constexpr int kItems = 20000;
  WorkQueue<std::pair<int, int>> q(s.capacity);  // (producer, sequence number)
  std::vector<std::future<std::vector<std::pair<int, int>>>> consumers;
  for (int c = 0; c < s.consumers; ++c)
    consumers.push_back(std::async(std::launch::async, [&] {
      std::vector<std::pair<int, int>> got;
      while (auto item = q.pop()) got.push_back(*item);
      return got;
    }));
  std::vector<std::thread> producers;
  for (int p = 0; p < s.producers; ++p)
    producers.emplace_back([&, p] {
      for (int i = 0; i < kItems; ++i) ASSERT_TRUE(q.push({p, i}));
    });
  for (auto& t : producers) t.join();
  q.close();

  std::vector<std::vector<int>> seen(s.producers);
  for (auto& f : consumers) {
    std::vector<int> last(s.producers, -1);  // one consumer sees a producer's items in order
    for (auto [p, i] : f.get()) {
      EXPECT_GT(i, last[p]);
      last[p] = i;
      seen[p].push_back(i);
    }
  }
  for (int p = 0; p < s.producers; ++p) {
    std::sort(seen[p].begin(), seen[p].end());
    ASSERT_EQ(seen[p].size(), static_cast<std::size_t>(kItems)) << "producer " << p;
    for (int i = 0; i < kItems; ++i) ASSERT_EQ(seen[p][i], i) << "producer " << p;
  }
}

INSTANTIATE_TEST_SUITE_P(Threads, WorkQueueShapes,
                         ::testing::Values(Shape{1, 1, 1}, Shape{1, 2, 2}, Shape{1, 2, 256}, Shape{3, 1, 3},
                                           Shape{3, 2, 8}, Shape{2, 3, 5}));

TEST(WorkQueue, CloseReleasesAProducerBlockedOnAFullQueue) {
  WorkQueue<int> q(2);
  ASSERT_TRUE(q.push(1));
  ASSERT_TRUE(q.push(2));
  auto blocked = std::async(std::launch::async, [&] { return q.push(3); });
  EXPECT_EQ(blocked.wait_for(std::chrono::milliseconds(50)), std::future_status::timeout);
  q.close();
  EXPECT_FALSE(blocked.get());
  EXPECT_EQ(q.pop(), 1);  // what was queued is still drained
  EXPECT_EQ(q.pop(), 2);
  EXPECT_EQ(q.pop(), std::nullopt);
}

TEST(WorkQueue, ABlockedProducerResumesOnceConsumersHaveMadeRoom) {
  WorkQueue<int> q(4);
  for (int i = 0; i < 4; ++i) ASSERT_TRUE(q.push(i));
  auto blocked = std::async(std::launch::async, [&] { return q.push(4); });
  EXPECT_EQ(q.pop(), 0);
  EXPECT_EQ(q.pop(), 1);  // half empty: the producer is woken
  EXPECT_TRUE(blocked.get());
  for (int i = 2; i <= 4; ++i) EXPECT_EQ(q.pop(), i);
}

}  // namespace
}  // namespace dsearch
