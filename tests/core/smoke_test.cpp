#include <gtest/gtest.h>

#include "core/runner.hpp"

namespace {

trio::Async<void> child(std::string name, double t) {
  trio::print("Child " + name + " is going to sleep for " + trio::py_str(t) + "s.");
  co_await trio::sleep(t);
  trio::print("Child " + name + " is awake!");
}

trio::Async<void> parent() {
  trio::print("Parent is starting a nursery.");
  co_await trio::open_nursery([](trio::Nursery& nursery) -> trio::Async<void> {
    nursery.start_soon(child("A", 3), trio::call_label("child", {"A", std::int64_t(3)}));
    nursery.start_soon(child("B", 1), trio::call_label("child", {"B", std::int64_t(1)}));
    co_return;
  });
  trio::print("Nursery is closed.");
}

TEST(Smoke, FirstNursery) {
  trio::RunSettings s;
  s.main_label = "parent";
  auto r = trio::run(parent, s);
  std::cout << trio::transcript(r.trace);
  EXPECT_EQ(r.end, trio::RunEnd::returned);
  EXPECT_DOUBLE_EQ(r.end_time, 3.0);
}

}  // namespace
