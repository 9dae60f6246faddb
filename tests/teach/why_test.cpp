// "Why?" on the bundled lessons: every kind of answer about a task, and the chains of causes
// of events. Where an answer states what the run does next (when a sleeper wakes, when a
// cancellation lands, how a task ends), the time is held against real Trio's transcript.
#include <gtest/gtest.h>

#include <set>

#include "document/document.hpp"
#include "document/step_spec.hpp"
#include "teach/why.hpp"
#include "trio_reference.hpp"

namespace trioscope::teach {
namespace {

struct Open {
  document::Document doc;
  testing::Transcript trio;  // real Trio's run that this one is
  explicit Open(const std::string& path, const std::string& reference) {
    EXPECT_TRUE(doc.open_file(path)) << path;
    const auto outcomes = testing::read_outcomes(reference);
    const testing::Transcript* m = testing::matching(outcomes, *doc.trace());
    EXPECT_NE(m, nullptr) << path << ": the engine's run is none of real Trio's outcomes";
    if (m) trio = *m;
  }
  static Open lesson(const std::string& name) { return Open(testing::lesson_path(name), testing::golden_path(name)); }
  static Open data(const std::string& name) {
    return Open(testing::kSource + "/tests/teach/data/" + name + ".json",
                testing::kSource + "/tests/teach/expected/" + name + ".txt");
  }
  std::int32_t step(const std::string& spec) {
    std::int32_t s = -2;
    EXPECT_TRUE(document::find_step(*doc.trace(), spec, s)) << spec;
    return s;
  }
  std::int32_t task(const std::string& label) {
    for (const trio::TaskInfo& k : doc.trace()->tasks)
      if (k.label == label) return k.id;
    ADD_FAILURE() << "no task " << label;
    return 0;
  }
  TaskAnswer why(const std::string& spec, const std::string& label) {
    return why_task(*doc.trace(), doc.playback()->seek(step(spec)), task(label), &doc.blocks());
  }
  double time(std::int32_t step) const { return doc.trace()->events[step].time; }
  // The time of real Trio's first line of `task` of this kind (and detail), at or after `from`.
  double trio_time(const std::string& task, const std::string& kind, const std::string& detail = "", double from = 0) const {
    for (const testing::Line& l : trio)
      if (l.task == task && l.kind == kind && (detail.empty() || l.detail == detail) && l.time >= from - 1e-9) return l.time;
    ADD_FAILURE() << "real Trio's transcript has no " << kind << " line of " << task;
    return -1;
  }
};

// The link whose text starts with `lead` (-1: none).
std::int32_t link(const TaskAnswer& a, const std::string& lead) {
  for (const Link& l : a.details)
    if (l.text.rfind(lead, 0) == 0) return l.step;
  return -1;
}

TEST(WhyTask, Sleeping) {
  Open o = Open::lesson("01_first_nursery");
  const TaskAnswer a = o.why("sleeping:2", "child('A', 3)");
  EXPECT_EQ(a.kind, WhyKind::sleeping);
  EXPECT_EQ(a.question, "Why isn't child('A', 3) running?");
  EXPECT_NE(a.answer.find("sleeping until t = 3.0 (line 11: await trio.sleep(sleep_time))"), std::string::npos) << a.answer;
  EXPECT_NE(to_text(a).find("What could wake it sooner"), std::string::npos);
  // It wakes when real Trio's child A prints that it is awake.
  const std::int32_t w = link(a, "In this run");
  ASSERT_GE(w, 0);
  EXPECT_DOUBLE_EQ(o.time(w), o.trio_time("child('A', 3)", "print", "Child A is awake!"));
}

TEST(WhyTask, RunnableBehindItsBatch) {
  Open o = Open::lesson("01_first_nursery");
  // Once the parent waits, all three children are ready; B runs after A, as in real Trio.
  const TaskAnswer a = o.why("nursery_waiting", "child('B', 1)");
  EXPECT_EQ(a.kind, WhyKind::runnable);
  EXPECT_NE(to_text(a).find("Ahead of it in the run queue: child('A', 3)"), std::string::npos) << to_text(a);
  const auto& t = o.trio;
  auto index = [&](const std::string& task) {
    for (std::size_t i = 0; i < t.size(); ++i)
      if (t[i].task == task) return i;
    return t.size();
  };
  EXPECT_LT(index("child('A', 3)"), index("child('B', 1)"));
}

TEST(WhyTask, WaitingForChildren) {
  Open o = Open::lesson("01_first_nursery");
  const TaskAnswer a = o.why("sleeping:3", "parent");
  EXPECT_EQ(a.kind, WhyKind::waiting_children);
  EXPECT_NE(a.answer.find("end of `async with` (line 17"), std::string::npos) << a.answer;
  for (const char* kid : {"child('A', 3)", "child('B', 1)", "child('C', 2)"}) EXPECT_NE(a.answer.find(kid), std::string::npos);
  const std::int32_t w = link(a, "In this run");
  ASSERT_GE(w, 0);
  EXPECT_DOUBLE_EQ(o.time(w), o.trio_time("parent", "print", "Nursery is closed. All children are accounted for."));
}

TEST(WhyTask, FrozenAndBlocking) {
  Open o = Open::lesson("05_blocking_call_freezes_everyone");
  const TaskAnswer frozen = o.why("blocking_started", "problematic_child()");
  EXPECT_EQ(frozen.kind, WhyKind::frozen);
  EXPECT_NE(frozen.answer.find("uncancellable_bad_task() is inside time.sleep until t = 10.0"), std::string::npos);
  EXPECT_NE(to_text(frozen).find("sleeping until t = 1.0"), std::string::npos) << to_text(frozen);
  // Due at 1, it runs when the freeze ends: real Trio prints its line at 10.
  const std::int32_t w = link(frozen, "In this run");
  ASSERT_GE(w, 0);
  EXPECT_DOUBLE_EQ(o.time(w), o.trio_time("problematic_child()", "print"));
  EXPECT_DOUBLE_EQ(o.time(w), 10.0);
  const TaskAnswer blocking = o.why("blocking_started", "uncancellable_bad_task()");
  EXPECT_EQ(blocking.kind, WhyKind::blocking);
  EXPECT_NE(blocking.answer.find("time.sleep until t = 10.0 (line 12: time.sleep(10))"), std::string::npos);
}

TEST(WhyTask, CancelPending) {
  Open o = Open::lesson("03_child_trips_strict_groups");
  const TaskAnswer a = o.why("scope_cancelled", "child('Well-behaved', 3)");
  EXPECT_EQ(a.kind, WhyKind::cancel_pending);
  EXPECT_NE(a.answer.find("gets Cancelled at its next checkpoint (line 11: await trio.sleep(sleep_time))"), std::string::npos)
      << a.answer;
  EXPECT_EQ(link(a, "It began here"), o.step("scope_cancelled"));
  const std::int32_t d = link(a, "In this run");
  ASSERT_GE(d, 0);
  EXPECT_DOUBLE_EQ(o.time(d), o.trio_time("child('Well-behaved', 3)", "error", "Cancelled"));
}

TEST(WhyTask, WaitingInStartAndSleepingForever) {
  Open o = Open::lesson("11_nursery_start");
  const TaskAnswer start = o.why("start_waiting", "main");
  EXPECT_EQ(start.kind, WhyKind::waiting_start);
  EXPECT_NE(start.answer.find("until server(8080) calls task_status.started()"), std::string::npos) << start.answer;
  const std::int32_t w = link(start, "In this run");
  ASSERT_GE(w, 0);
  EXPECT_DOUBLE_EQ(o.time(w), o.trio_time("main", "print", "Parent: the server is ready on port 8080."));
  const TaskAnswer forever = o.why("sleeping:3", "server(8080)");
  EXPECT_EQ(forever.kind, WhyKind::sleeping_forever);
  EXPECT_NE(forever.answer.find("only a cancellation wakes it"), std::string::npos);
  const std::int32_t c = link(forever, "In this run");
  ASSERT_GE(c, 0);
  EXPECT_DOUBLE_EQ(o.time(c), o.trio_time("server(8080)", "print", "Server: shutting down."));
}

TEST(WhyTask, RaisingHandlingAndTheEnds) {
  Open o = Open::lesson("02_child_trips_loose_groups");
  EXPECT_EQ(o.why("raised", "problematic_child()").kind, WhyKind::raising);
  const TaskAnswer crashed = o.why("last", "problematic_child()");
  EXPECT_EQ(crashed.kind, WhyKind::crashed);
  EXPECT_NE(crashed.answer.find("ValueError('Oops, I tripped!')"), std::string::npos);
  const TaskAnswer cancelled = o.why("last", "child('Well-behaved', 3)");
  EXPECT_EQ(cancelled.kind, WhyKind::cancelled);
  ASSERT_FALSE(cancelled.details.empty());
  EXPECT_DOUBLE_EQ(o.time(cancelled.details[0].step), o.trio_time("child('Well-behaved', 3)", "error", "Cancelled"));
  const TaskAnswer finished = o.why("last", "resilient_parent");
  EXPECT_EQ(finished.kind, WhyKind::finished);
  EXPECT_DOUBLE_EQ(o.time(finished.details[0].step), o.trio_time("resilient_parent", "return"));
  const TaskAnswer before = o.why("0", "child('Well-behaved', 3)");
  EXPECT_EQ(before.kind, WhyKind::not_started);
  EXPECT_EQ(link(before, "It is started later"), o.step("task_spawned:2"));
  EXPECT_EQ(o.why("step_started", "resilient_parent").kind, WhyKind::running);
  // A task suspended inside its except block (no bundled lesson does that).
  Open h = Open::data("handling");
  const TaskAnswer handling = h.why("step_ended", "main");
  EXPECT_EQ(handling.kind, WhyKind::handling);
  EXPECT_NE(handling.answer.find("KeyError('missing')"), std::string::npos);
  const std::int32_t w = link(handling, "In this run");
  ASSERT_GE(w, 0);
  EXPECT_DOUBLE_EQ(h.time(w), h.trio_time("main", "print", "handled"));
}

// Every kind of answer is reachable on the bundled lessons (handling on its own scenario).
TEST(WhyTask, EveryKindArisesInTheLessons) {
  std::set<WhyKind> seen;
  for (const std::string& name : testing::lesson_names()) {
    document::Document doc;
    ASSERT_TRUE(doc.open_file(testing::lesson_path(name)));
    view::Playback& pb = *doc.playback();
    for (std::int32_t s = -1; s <= pb.last_step(); ++s)
      for (std::size_t k = 0; k < doc.trace()->tasks.size(); ++k) {
        const TaskAnswer a = why_task(*doc.trace(), pb.seek(s), static_cast<std::int32_t>(k), &doc.blocks());
        EXPECT_FALSE(a.answer.empty());
        for (const Link& l : a.details) EXPECT_LE(l.step, pb.last_step());
        seen.insert(a.kind);
      }
  }
  for (int k = 0; k <= static_cast<int>(WhyKind::cancelled); ++k)
    if (static_cast<WhyKind>(k) != WhyKind::handling) {
      EXPECT_TRUE(seen.count(static_cast<WhyKind>(k))) << why_kind_name(static_cast<WhyKind>(k));
    }
}

// ---- Why did this happen? ----

std::vector<trio::EventKind> kinds(const document::Document& doc, const CauseChain& c) {
  std::vector<trio::EventKind> out;
  for (const Link& l : c.links) out.push_back(doc.trace()->events[l.step].kind);
  return out;
}

TEST(WhyEvent, TheSiblingsCancelledGoesBackToTheRaise) {
  Open o = Open::lesson("03_child_trips_strict_groups");
  const CauseChain c = why_event(*o.doc.trace(), o.step("cancel_delivered"), &o.doc.blocks());
  ASSERT_GE(c.links.size(), 3u);
  const auto k = kinds(o.doc, c);
  EXPECT_EQ(k.front(), trio::EventKind::cancel_delivered);
  EXPECT_NE(std::find(k.begin(), k.end(), trio::EventKind::scope_cancelled), k.end());
  EXPECT_EQ(k.back(), trio::EventKind::raised);
  EXPECT_NE(c.links.back().text.find("line 17"), std::string::npos) << c.links.back().text;
  // Real Trio: the raise and the sibling's Cancelled at the same instant.
  EXPECT_DOUBLE_EQ(o.time(c.links.back().step), o.trio_time("problematic_child()", "error"));
  EXPECT_DOUBLE_EQ(o.time(c.links.front().step), o.trio_time("child('Well-behaved', 3)", "error", "Cancelled"));
}

TEST(WhyEvent, ALateRaiseGoesBackToTheBlockingCall) {
  Open o = Open::lesson("05_blocking_call_freezes_everyone");
  const CauseChain c = why_event(*o.doc.trace(), o.step("raised"), &o.doc.blocks());
  const auto k = kinds(o.doc, c);
  EXPECT_EQ(k.back(), trio::EventKind::blocking_started) << to_text(c, *o.doc.trace());
  EXPECT_DOUBLE_EQ(o.time(c.links.front().step), o.trio_time("problematic_child()", "error"));
}

TEST(WhyEvent, TheDeadlineAndTheCancelCallAreRoots) {
  Open d = Open::lesson("14_swallowed_cancelled");
  const CauseChain deadline = why_event(*d.doc.trace(), d.step("cancel_delivered"), &d.doc.blocks());
  EXPECT_EQ(kinds(d.doc, deadline).back(), trio::EventKind::scope_cancelled);
  EXPECT_NE(deadline.links.back().text.find("the deadline t = 1.0"), std::string::npos) << deadline.links.back().text;
  EXPECT_DOUBLE_EQ(d.time(deadline.links.front().step), d.trio_time("stubborn_task()", "caught", "Cancelled"));
  Open x = Open::lesson("13_cancel_nursery_from_child");
  const CauseChain cancel = why_event(*x.doc.trace(), x.step("cancel_delivered"), &x.doc.blocks());
  EXPECT_EQ(kinds(x.doc, cancel).back(), trio::EventKind::scope_cancelled);
  EXPECT_NE(cancel.links.back().text.find("searcher('the kitchen', 1, <nursery>) calls cancel()"), std::string::npos)
      << cancel.links.back().text;
}

TEST(WhyEvent, ThePrintOfAWokenChildGoesBackToItsStartSoon) {
  Open o = Open::lesson("01_first_nursery");
  const CauseChain c = why_event(*o.doc.trace(), o.step("print:5"), &o.doc.blocks());  // "Child B is awake!"
  const auto k = kinds(o.doc, c);
  EXPECT_NE(std::find(k.begin(), k.end(), trio::EventKind::sleeping), k.end());
  EXPECT_EQ(k.back(), trio::EventKind::task_spawned);
  EXPECT_DOUBLE_EQ(o.time(c.links.front().step), o.trio_time("child('B', 1)", "print", "Child B is awake!"));
}

// Every chain of every step of every lesson goes strictly back in time and ends at a root.
TEST(WhyEvent, EveryChainGoesBackToARoot) {
  for (const std::string& name : testing::lesson_names()) {
    document::Document doc;
    ASSERT_TRUE(doc.open_file(testing::lesson_path(name)));
    const trio::Trace& t = *doc.trace();
    for (std::int32_t s = 0; s < static_cast<std::int32_t>(t.events.size()); ++s) {
      const CauseChain c = why_event(t, s, &doc.blocks());
      ASSERT_FALSE(c.links.empty());
      EXPECT_EQ(c.links.front().step, s);
      for (std::size_t i = 1; i < c.links.size(); ++i) {
        EXPECT_LT(c.links[i].step, c.links[i - 1].step);
        EXPECT_LE(t.events[c.links[i].step].time, t.events[c.links[i - 1].step].time);
      }
      EXPECT_LT(c.links.size(), 40u) << name << " step " << s;
    }
  }
}

}  // namespace
}  // namespace trioscope::teach
