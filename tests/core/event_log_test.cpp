// EventLog packs events into 20 bytes and StringTable interns texts: what goes in must come
// back exactly, whichever fields an event uses, across chunk boundaries, through copies and
// moves. Every view, exporter and the transcript read the trace only through these.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "core/event_log.hpp"

using trio::Event;
using trio::EventKind;
using trio::EventLog;
using trio::StringTable;

namespace {

void expect_same(const Event& want, const Event& got, std::size_t i) {
  SCOPED_TRACE("event " + std::to_string(i));
  // Bit-for-bit for doubles: -0.0 and 0.0 must stay apart, and infinity survive.
  EXPECT_EQ(std::signbit(want.time), std::signbit(got.time));
  EXPECT_EQ(want.time, got.time);
  EXPECT_EQ(std::signbit(want.until), std::signbit(got.until));
  EXPECT_EQ(want.until, got.until);
  EXPECT_EQ(want.task, got.task);
  EXPECT_EQ(want.nursery, got.nursery);
  EXPECT_EQ(want.scope, got.scope);
  EXPECT_EQ(want.cause, got.cause);
  EXPECT_EQ(want.exc, got.exc);
  EXPECT_EQ(want.text, got.text);
  EXPECT_EQ(want.count, got.count);
  EXPECT_EQ(want.loc.line, got.loc.line);
  EXPECT_EQ(want.kind, got.kind);
  EXPECT_EQ(want.flag, got.flag);
}

// Random events that use every combination of the optional fields, with times that repeat
// (as between clock jumps) and untils that sometimes repeat and sometimes are special.
std::vector<Event> random_events(std::size_t n, unsigned seed) {
  std::mt19937 rng(seed);
  std::vector<Event> out;
  double now = 0;
  double until = 1;
  for (std::size_t i = 0; i < n; ++i) {
    Event e;
    if (rng() % 8 == 0) now += 0.25 * double(rng() % 5);
    e.time = now;
    e.task = std::int32_t(rng() % 3) - 1 + std::int32_t(rng() % 100000);
    e.loc.line = rng() % 3 ? std::uint32_t(rng() % 5000) : 0;
    e.kind = EventKind(rng() % (unsigned(EventKind::budget_exhausted) + 1));
    e.flag = std::uint8_t(rng() % 4);
    const unsigned fields = rng() % 128;
    if (fields & 1) e.nursery = std::int32_t(rng() % 1000);
    if (fields & 2) e.scope = std::int32_t(rng() % 1000);
    if (fields & 4) e.cause = std::int32_t(rng() % 100000);
    if (fields & 8) e.exc = std::int32_t(rng() % 50);
    if (fields & 16) e.text = std::int32_t(rng() % 200);
    if (fields & 32) e.count = std::int32_t(rng() % 7) - 3;  // negative counts too
    if (fields & 64) {
      switch (rng() % 4) {
        case 0: break;  // the same deadline as the last one (a fan-out)
        case 1: until = std::numeric_limits<double>::infinity(); break;
        case 2: until = -0.0; break;
        default: until = now + double(rng() % 100) / 8; break;
      }
      e.until = until;
    }
    out.push_back(e);
  }
  return out;
}

TEST(EventLog, EveryFieldRoundTripsAcrossChunks) {
  const std::size_t n = 3 * EventLog::kChunkSize + 17;
  const auto events = random_events(n, 1);
  EventLog log;
  for (const Event& e : events) log.push_back(e);
  ASSERT_EQ(log.size(), n);
  for (std::size_t i = 0; i < n; ++i) expect_same(events[i], log[i], i);
  expect_same(events.front(), log.front(), 0);
  expect_same(events.back(), log.back(), n - 1);
  std::size_t i = 0;
  for (const Event e : log) expect_same(events[i], e, i), ++i;
  EXPECT_EQ(i, n);
}

TEST(EventLog, DefaultsAndSpecialValuesStayExact) {
  EventLog log;
  Event plain;  // every optional field at its default
  log.push_back(plain);
  Event all;
  all.time = -0.0;
  all.until = -0.0;
  all.task = -1;
  all.nursery = 0;  // 0 is not the default (-1): it must be kept
  all.scope = 0;
  all.cause = 0;
  all.exc = 0;
  all.text = 0;
  all.count = -1;
  all.kind = EventKind::budget_exhausted;
  all.flag = 255;
  all.loc.line = std::numeric_limits<std::uint32_t>::max();
  log.push_back(all);
  Event forever;
  forever.time = 1e300;
  forever.until = std::numeric_limits<double>::infinity();
  forever.kind = EventKind::sleeping;
  log.push_back(forever);
  expect_same(plain, log[0], 0);
  expect_same(all, log[1], 1);
  expect_same(forever, log[2], 2);
}

TEST(EventLog, FullSaysWhenTheNextEventNeedsAChunk) {
  EventLog log;
  EXPECT_TRUE(log.full());  // nothing allocated yet
  log.push_back(Event{});
  EXPECT_FALSE(log.full());
  const std::size_t one_chunk = log.bytes();
  EXPECT_GE(one_chunk, EventLog::chunk_bytes());
  for (std::size_t i = 1; i < EventLog::kChunkSize; ++i) log.push_back(Event{});
  EXPECT_TRUE(log.full());
  log.push_back(Event{});
  EXPECT_FALSE(log.full());
  EXPECT_GE(log.bytes(), 2 * EventLog::chunk_bytes());
}

TEST(EventLog, AnEventCostsAboutItsPackedSize) {
  // A fan-out's events: one task each, a shared time and deadline, one optional field.
  EventLog log;
  const std::size_t n = 10 * EventLog::kChunkSize;
  for (std::size_t i = 0; i < n; ++i) {
    Event e;
    e.time = double(i / 1000);
    e.task = std::int32_t(i % 1000);
    e.kind = EventKind::sleeping;
    e.until = double(i / 1000) + 1;
    log.push_back(e);
  }
  EXPECT_LE(double(log.bytes()) / double(n), 24.0);
}

TEST(EventLog, CopiesAndMovesKeepEveryEvent) {
  const auto events = random_events(EventLog::kChunkSize + 5, 2);
  EventLog log;
  for (const Event& e : events) log.push_back(e);
  EventLog copy(log);
  EventLog assigned;
  assigned.push_back(Event{});
  assigned = log;
  // The copy is independent: adding to the original leaves it as it was.
  Event extra;
  extra.text = 7;
  log.push_back(extra);
  ASSERT_EQ(copy.size(), events.size());
  ASSERT_EQ(assigned.size(), events.size());
  for (std::size_t i = 0; i < events.size(); ++i) {
    expect_same(events[i], copy[i], i);
    expect_same(events[i], assigned[i], i);
  }
  EventLog moved(std::move(copy));
  ASSERT_EQ(moved.size(), events.size());
  expect_same(events.back(), moved.back(), events.size() - 1);
  log.clear();
  EXPECT_TRUE(log.empty());
  log.push_back(extra);
  expect_same(extra, log[0], 0);
}

TEST(StringTable, InternsAndKeepsEveryText) {
  StringTable t;
  const std::int32_t a = t.add("child 1 done");
  const std::int32_t b = t.add("");
  const std::int32_t c = t.add(std::string("a\0b", 3));  // NUL inside a text
  EXPECT_EQ(t.add("child 1 done"), a);
  EXPECT_EQ(t.add(""), b);
  EXPECT_EQ(t.add(std::string("a\0b", 3)), c);
  EXPECT_NE(t.add("a"), c);  // a prefix is another text
  EXPECT_EQ(t.size(), 4u);
  EXPECT_EQ(t[std::size_t(a)], "child 1 done");
  EXPECT_EQ(t[std::size_t(b)], "");
  EXPECT_EQ(t[std::size_t(c)], std::string_view("a\0b", 3));
}

TEST(StringTable, ManyTextsSurviveRehashingAndSealing) {
  StringTable t;
  std::vector<std::int32_t> ids;
  for (int i = 0; i < 20000; ++i) ids.push_back(t.add("line " + std::to_string(i)));
  for (int i = 0; i < 20000; ++i) EXPECT_EQ(t.add("line " + std::to_string(i)), ids[std::size_t(i)]);
  const std::size_t before = t.bytes();
  t.seal();
  EXPECT_LT(t.bytes(), before);  // the index is gone
  for (int i = 0; i < 20000; i += 997) EXPECT_EQ(t[std::size_t(ids[std::size_t(i)])], "line " + std::to_string(i));
  // A sealed table still interns: the index comes back.
  StringTable copy = t;
  EXPECT_EQ(copy.add("line 5"), ids[5]);
  EXPECT_EQ(copy.add("new"), 20000);
  EXPECT_EQ(t.size(), 20000u);
}

}  // namespace
