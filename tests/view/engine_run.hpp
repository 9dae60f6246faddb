// Traces for the view tests, recorded by the engine itself: a scenario (JSON text, as a
// user would write it) is loaded, written as Python and run, so the tests read exactly
// the events, exceptions and line numbers the app shows. A view rule tested on a trace
// the engine never produces would prove nothing about the app.
//
// Steps are found by searching the recorded trace; a search that finds nothing throws,
// which fails the test that asked (GoogleTest reports the exception) instead of letting
// it index a missing event.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

#include "core/trace.hpp"
#include "scenario/interpreter.hpp"
#include "scenario/loader.hpp"
#include "scenario/python_listing.hpp"

namespace trioscope::view::testing {

// A scenario run by the engine, with the listing the app shows next to it.
struct EngineRun {
  using K = trio::EventKind;
  static constexpr int kAnyTask = -2;  // the task -1 stands for "no task" in events

  explicit EngineRun(std::string_view json, const scenario::RunOverrides& overrides = {}) {
    scenario::LoadResult loaded = scenario::load_scenario_text(json, "fixture.json");
    if (!loaded.ok()) {
      std::string why;
      for (const auto& d : loaded.errors) why += d.format() + "\n";
      throw std::runtime_error("fixture scenario is invalid:\n" + why);
    }
    sc = std::move(*loaded.scenario);
    listing = scenario::to_python(sc).text;  // also gives the statements their lines
    run = scenario::run_scenario(sc, overrides);
  }

  const trio::Trace& trace() const { return run.trace; }
  int size() const { return static_cast<int>(run.trace.events.size()); }

  // The first event of `kind` at index `from` or later, by `task` unless kAnyTask.
  int find(K kind, int task = kAnyTask, int from = 0) const {
    for (int i = from; i < size(); ++i) {
      const trio::Event& e = run.trace.events[i];
      if (e.kind == kind && (task == kAnyTask || e.task == task)) return i;
    }
    throw std::runtime_error(std::string("the run has no ") + trio::event_kind_name(kind) + " event" +
                             (task == kAnyTask ? "" : " of task " + std::to_string(task)) + " from step " +
                             std::to_string(from));
  }
  int task(std::string_view label) const {
    for (const auto& t : run.trace.tasks)
      if (t.label == label) return t.id;
    throw std::runtime_error("the run has no task " + std::string(label));
  }
  // The first scope with this kind (and name, if given).
  int scope(trio::ScopeKind kind, std::string_view name = {}) const {
    for (const auto& s : run.trace.scopes)
      if (s.kind == kind && (name.empty() || s.name == name)) return s.id;
    throw std::runtime_error("the run has no such scope " + std::string(name));
  }
  int nursery_scope(int nursery) const { return run.trace.nurseries.at(nursery).scope; }
  // The 1-based line of the listing that first contains `text` (the listing is what the
  // student reads, so its line numbers are what captions and tests speak of).
  std::uint32_t line_of(std::string_view text) const {
    std::uint32_t line = 1;
    std::size_t begin = 0;
    while (begin < listing.size()) {
      const std::size_t end = listing.find('\n', begin);
      const std::string_view row(listing.data() + begin, (end == std::string::npos ? listing.size() : end) - begin);
      if (row.find(text) != std::string_view::npos) return line;
      if (end == std::string::npos) break;
      begin = end + 1;
      ++line;
    }
    throw std::runtime_error("the listing has no line with " + std::string(text));
  }

  scenario::Scenario sc;
  std::string listing;
  trio::RunResult run;
};

// Overrides that stop the run after `events` events (the event budget).
inline scenario::RunOverrides event_budget(std::uint64_t events) {
  scenario::RunOverrides o;
  o.event_budget = events;
  return o;
}

// Overrides that stop the run after `statements` interpreted statements (the statement limit).
inline scenario::RunOverrides statement_limit(std::uint64_t statements) {
  scenario::RunOverrides o;
  trio::RunLimits limits;
  limits.statements = statements;
  o.limits = limits;
  return o;
}

// The article's resilient parent (conformance p02/p03): a child that trips at t = 1 while
// its sibling sleeps for 3 s; the parent catches the error around the nursery. The engine
// writes it as:
//
//   async def child(name, sleep_time):
//       print(f"Child {name} is going to sleep for {sleep_time}s.")
//       await trio.sleep(sleep_time)
//       print(f"Child {name} is awake!")
//
//   async def problematic_child():
//       await trio.sleep(1)
//       raise ValueError("Oops, I tripped!")
//
//   async def resilient_parent():
//       try:
//           async with trio.open_nursery() as nursery:
//               nursery.start_soon(child, "Well-behaved", 3)
//               nursery.start_soon(problematic_child)
//       except ValueError as e:
//           print(f"The parent caught the child's error: {e}")
inline std::string resilient_parent_json(bool strict) {
  return std::string(R"({
  "version": 1,
  "settings": { "strict_exception_groups": )") +
         (strict ? "true" : "false") + R"(, "scheduling": "fifo", "seed": 0 },
  "functions": {
    "child": {
      "params": ["name", "sleep_time"],
      "body": [
        { "print": "Child {name} is going to sleep for {sleep_time}s." },
        { "sleep": "$sleep_time" },
        { "print": "Child {name} is awake!" }
      ]
    },
    "problematic_child": {
      "body": [
        { "sleep": 1 },
        { "raise": "ValueError", "message": "Oops, I tripped!" }
      ]
    },
    "resilient_parent": {
      "body": [
        { "try": [
            { "open_nursery": "nursery", "body": [
                { "start_soon": "child", "args": ["Well-behaved", 3] },
                { "start_soon": "problematic_child" }
            ] }
          ],
          "except": [
            { "type": "ValueError", "as": "e", "body": [
                { "print": "The parent caught the child's error: {e}" }
            ] }
          ]
        }
      ]
    }
  },
  "main": "resilient_parent"
})";
}

struct Resilient : EngineRun {
  int parent, well, problem, nursery, value_error, cancelled;
  // Steps worth naming in tests.
  int spawned_well, sleeping_well, waiting, raised, crashed, to_nursery, cancelled_scope, delivered,
      well_finished, group, reraise, closed, caught, printed, run_end;
  // Lines of the listing.
  std::uint32_t async_with_line, except_line, raise_line, sleep_line;

  explicit Resilient(bool strict = false) : EngineRun(resilient_parent_json(strict)) {
    parent = task("resilient_parent");
    well = task("child('Well-behaved', 3)");
    problem = task("problematic_child()");
    nursery = trace().events[find(K::nursery_opened, parent)].nursery;
    spawned_well = find(K::task_spawned, well);
    sleeping_well = find(K::sleeping, well);
    waiting = find(K::nursery_waiting, parent);
    raised = find(K::raised, problem);
    crashed = find(K::task_finished, problem);
    to_nursery = find(K::exception_to_nursery, problem);
    cancelled_scope = find(K::scope_cancelled);
    delivered = find(K::cancel_delivered, well);
    well_finished = find(K::task_finished, well);
    group = find(K::group_formed);
    reraise = find(K::nursery_reraise);
    closed = find(K::nursery_closed);
    run_end = find(K::run_finished);
    if (strict) {
      caught = printed = -1;
    } else {
      caught = find(K::handler_entered, parent);
      printed = find(K::print, parent);
    }
    value_error = trace().events[raised].exc;
    cancelled = trace().events[delivered].exc;
    async_with_line = line_of("async with trio.open_nursery()");
    except_line = line_of("except ValueError");
    raise_line = line_of("raise ValueError");
    sleep_line = line_of("await trio.sleep(sleep_time)");
  }
  // "(line 17)", as captions write it.
  static std::string line(std::uint32_t n) { return "(line " + std::to_string(n) + ")"; }
};

}  // namespace trioscope::view::testing
