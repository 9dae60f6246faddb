// Builds traces by hand for the view tests, so that they need no engine and no files.
//
// The event sequences follow what real Trio does for the article's programs (the
// transcripts in ../../../shared/conformance/expected): who runs when, what is raised and
// where it goes. Only the bookkeeping (event order inside one step) is this project's.
#pragma once

#include <cmath>
#include <limits>
#include <string>

#include "core/exception.hpp"
#include "core/trace.hpp"

namespace trioscope::view::testing {

inline constexpr double kForever = std::numeric_limits<double>::infinity();

struct TraceBuilder {
  trio::Trace t;
  double now = 0;

  int task(std::string label, int nursery = -1) {
    trio::TaskInfo info;
    info.id = static_cast<int>(t.tasks.size());
    info.label = std::move(label);
    info.nursery = nursery;
    info.is_main = t.tasks.empty();
    t.tasks.push_back(info);
    return info.id;
  }
  // A nursery opened by `owner`, with its cancel scope entered inside `parent_scope`.
  int nursery(int owner, bool strict, std::string name = "nursery", bool for_start = false,
              std::uint32_t line = 0) {
    trio::NurseryInfo n;
    n.id = static_cast<int>(t.nurseries.size());
    n.task = owner;
    n.name = std::move(name);
    n.strict = strict;
    n.for_start = for_start;
    n.loc.line = line;
    n.scope = scope(trio::ScopeKind::nursery, owner);
    t.scopes[n.scope].nursery = n.id;
    t.nurseries.push_back(n);
    return n.id;
  }
  int scope(trio::ScopeKind kind, int owner, std::string name = "", double relative = kForever,
            bool shield = false) {
    trio::ScopeInfo s;
    s.id = static_cast<int>(t.scopes.size());
    s.kind = kind;
    s.task = owner;
    s.name = std::move(name);
    s.relative = relative;
    s.shield = shield;
    s.deadline = std::isinf(relative) ? relative : now + relative;
    t.scopes.push_back(s);
    return s.id;
  }
  int exc(trio::Exc e) {
    t.exceptions.push_back(std::move(e));
    return static_cast<int>(t.exceptions.size()) - 1;
  }
  trio::Event& add(trio::EventKind kind, int task = -1, std::uint32_t line = 0) {
    trio::Event e;
    e.kind = kind;
    e.time = now;
    e.task = task;
    e.loc.line = line;
    t.events.push_back(e);
    return t.events.back();
  }
  int last() const { return static_cast<int>(t.events.size()) - 1; }
  void print(int task, std::string text, std::uint32_t line = 0) {
    t.strings.push_back(std::move(text));
    add(trio::EventKind::print, task, line).text = static_cast<int>(t.strings.size()) - 1;
  }
  void spawn(int task, int nursery, std::uint32_t line = 0) {
    auto& e = add(trio::EventKind::task_spawned, task, line);
    e.nursery = nursery;
    t.tasks[task].spawned_event = last();
  }
  void step(int task, int batch, bool first = false) {
    auto& e = add(trio::EventKind::step_started, task);
    e.count = batch;
    e.flag = first ? 1 : 0;
  }
  void end_step(int task) { add(trio::EventKind::step_ended, task); }
  void sleep(int task, double seconds, std::uint32_t line = 0) {
    add(trio::EventKind::sleeping, task, line).until = now + seconds;
  }
  void jump(double to) {
    add(trio::EventKind::clock_jump).until = to;
    now = to;
  }
  void open(int nursery, std::uint32_t line = 0) {
    const auto& n = t.nurseries[nursery];
    auto& e = add(trio::EventKind::nursery_opened, n.task, line);
    e.nursery = nursery;
    e.scope = n.scope;
    e.flag = n.strict ? 1 : 0;
  }
};

// The article's resilient parent (conformance p02/p03): a child that trips at t = 1 while
// its sibling sleeps for 3 s; the parent catches the error around the nursery.
//
//   1  import trio
//   ...
//   3  async def child(name, sleep_time):
//   4      print(f"Child {name} is going to sleep for {sleep_time}s.")
//   5      await trio.sleep(sleep_time)
//   6      print(f"Child {name} is awake!")
//   8  async def problematic_child():
//   9      await trio.sleep(1)
//  10      raise ValueError("Oops, I tripped!")
//  12  async def resilient_parent():
//  13      try:
//  14          async with trio.open_nursery() as nursery:
//  15              nursery.start_soon(child, "Well-behaved", 3)
//  16              nursery.start_soon(problematic_child)
//  17      except ValueError as e:
//  18          print(f"The parent caught the child's error: {e}")
//  20  trio.run(resilient_parent)
inline const char* kResilientListing =
    "import trio\n\nasync def child(name, sleep_time):\n"
    "    print(f\"Child {name} is going to sleep for {sleep_time}s.\")\n"
    "    await trio.sleep(sleep_time)\n    print(f\"Child {name} is awake!\")\n\n"
    "async def problematic_child():\n    await trio.sleep(1)\n"
    "    raise ValueError(\"Oops, I tripped!\")\n\nasync def resilient_parent():\n    try:\n"
    "        async with trio.open_nursery() as nursery:\n"
    "            nursery.start_soon(child, \"Well-behaved\", 3)\n"
    "            nursery.start_soon(problematic_child)\n    except ValueError as e:\n"
    "        print(f\"The parent caught the child's error: {e}\")\n\ntrio.run(resilient_parent)\n";

struct Resilient {
  TraceBuilder b;
  int parent, well, problem, nursery, value_error, cancelled;
  // Steps worth naming in tests.
  int spawned_well, sleeping_well, waiting, raised, crashed, to_nursery, cancelled_scope,
      delivered, well_finished, group, reraise, closed, caught, printed, run_end;

  explicit Resilient(bool strict = false) {
    using K = trio::EventKind;
    parent = b.task("resilient_parent");
    nursery = b.nursery(parent, strict, "nursery", false, 14);
    well = b.task("child('Well-behaved', 3)", nursery);
    problem = b.task("problematic_child()", nursery);
    value_error = b.exc(trio::make_exc("ValueError", std::string("Oops, I tripped!")));
    cancelled = b.exc(trio::make_cancelled(trio::CancelSource::nursery));
    const int group_exc = strict ? b.exc(trio::make_group("Exceptions from Trio nursery",
                                                          {b.t.exceptions[value_error]}))
                                 : value_error;

    b.add(K::run_started, parent);
    b.spawn(parent, -1);
    b.step(parent, 1, true);
    b.open(nursery, 14);
    b.spawn(well, nursery, 15);
    spawned_well = b.last();
    b.spawn(problem, nursery, 16);
    b.add(K::nursery_waiting, parent, 14).nursery = nursery;
    b.t.events.back().count = 2;
    waiting = b.last();
    b.end_step(parent);
    b.step(well, 2, true);
    b.print(well, "Child Well-behaved is going to sleep for 3s.", 4);
    b.sleep(well, 3, 5);
    sleeping_well = b.last();
    b.end_step(well);
    b.step(problem, 2, true);
    b.sleep(problem, 1, 9);
    b.end_step(problem);
    b.jump(1);
    b.add(K::woken, problem);
    b.step(problem, 3);
    b.add(K::raised, problem, 10).exc = value_error;
    raised = b.last();
    b.add(K::task_finished, problem, 10).exc = value_error;
    crashed = b.last();
    auto& to = b.add(K::exception_to_nursery, problem);
    to.nursery = nursery;
    to.exc = value_error;
    to_nursery = b.last();
    auto& sc = b.add(K::scope_cancelled, -1);
    sc.scope = b.t.nurseries[nursery].scope;
    sc.flag = static_cast<std::uint8_t>(trio::CancelSource::nursery);
    sc.cause = to_nursery;
    cancelled_scope = b.last();
    b.add(K::woken, well).exc = cancelled;
    b.end_step(problem);
    b.step(well, 4);
    auto& cd = b.add(K::cancel_delivered, well, 5);
    cd.exc = cancelled;
    cd.scope = b.t.nurseries[nursery].scope;
    delivered = b.last();
    b.add(K::task_finished, well, 5).exc = cancelled;
    well_finished = b.last();
    auto& to2 = b.add(K::exception_to_nursery, well);
    to2.nursery = nursery;
    to2.exc = cancelled;
    b.add(K::woken, parent);
    b.end_step(well);
    b.step(parent, 5);
    b.add(K::scope_caught_cancelled, parent).scope = b.t.nurseries[nursery].scope;
    auto& g = b.add(K::group_formed, parent);
    g.nursery = nursery;
    g.exc = group_exc;
    group = b.last();
    auto& rr = b.add(K::nursery_reraise, parent, 14);
    rr.nursery = nursery;
    rr.exc = group_exc;
    reraise = b.last();
    auto& se = b.add(K::scope_exited, parent, 14);
    se.scope = b.t.nurseries[nursery].scope;
    se.exc = group_exc;
    b.add(K::nursery_closed, parent, 14).nursery = nursery;
    closed = b.last();
    if (!strict) {
      b.add(K::handler_entered, parent, 17).exc = value_error;
      caught = b.last();
      b.print(parent, "The parent caught the child's error: Oops, I tripped!", 18);
      printed = b.last();
      b.add(K::task_finished, parent, 18);
      b.end_step(parent);
      b.add(K::run_finished);
    } else {
      caught = printed = -1;
      b.add(K::task_finished, parent, 14).exc = group_exc;
      b.end_step(parent);
      b.add(K::run_finished).exc = group_exc;
    }
    run_end = b.last();
  }
};

}  // namespace trioscope::view::testing
