// "Why?", answered from the trace.
//
// Of a task at a step: "Why isn't child('A', 3) running?" It is sleeping until t = 3
// (line 11), and this is what could wake it sooner; it is runnable, behind these tasks of
// the batch; it waits at the end of `async with` (line 22) for these children; it is frozen
// because another task is inside time.sleep until t = 10; its scope is cancelled and it gets
// Cancelled at its next checkpoint; ...
//
// Of an event: "Why did this happen?" The chain of its causes back to the root (the raise,
// the deadline, the cancel() call, the blocking call, the start_soon), each link a step.
// The trace's `cause` links carry most of it; where an event has none, the chain goes on
// through what the trace does say (the step that ran it, the sleep that ended, the child
// that finished, the time.sleep that held a deadline back).
//
// Everything here reads the trace (and the state after a step); nothing runs the engine.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/trace.hpp"
#include "view/snapshot.hpp"
#include "view/source_blocks.hpp"

namespace trioscope::teach {

// A line of an answer; `step` >= 0 makes it a link to that step.
struct Link {
  std::string text;
  std::int32_t step = -1;
};

enum class WhyKind : std::uint8_t {
  not_started,       // not spawned yet at this step
  runnable,          // in the run queue, behind the tasks of its batch
  running,           // the task Trio is executing
  sleeping,          // trio.sleep until a time
  sleeping_forever,  // trio.sleep_forever: only a cancellation wakes it
  frozen,            // another task is inside time.sleep: nothing runs
  blocking,          // it is the one inside time.sleep
  waiting_children,  // at the end of `async with open_nursery()`
  waiting_start,     // in `await nursery.start(...)`
  cancel_pending,    // its scope is cancelled: Cancelled at its next checkpoint
  raising,           // an exception is unwinding it
  handling,          // inside an except block
  finished,          // returned
  crashed,           // ended with an exception
  cancelled,         // ended with Cancelled
};
const char* why_kind_name(WhyKind k);  // "sleeping", "cancel pending", ...

struct TaskAnswer {
  WhyKind kind = WhyKind::not_started;
  std::string question;       // "Why isn't child('A', 3) running?"
  std::string answer;         // the headline: "It is sleeping until t = 3 (line 11)."
  std::vector<Link> details;  // what could change it, who is ahead, what made it so
};

// The state `s` is after step s.step of `trace`. `blocks` (optional) quotes the lines.
TaskAnswer why_task(const trio::Trace& trace, const view::Snapshot& s, std::int32_t task,
                    const view::SourceBlocks* blocks = nullptr);

struct CauseChain {
  std::string question;     // "Why did this happen? (step 29)"
  std::vector<Link> links;  // links[0] is the event itself, the last one its root
};

CauseChain why_event(const trio::Trace& trace, std::int32_t step, const view::SourceBlocks* blocks = nullptr);

// The event that made event `step` happen, or -1 for a root: the trace's own `cause`, else
// what the trace implies (see above). Always a smaller step.
std::int32_t cause_of(const trio::Trace& trace, std::int32_t step);

// One event in a few words: "problematic_child() raises ValueError('Oops, I tripped!')
// (line 17)", "the deadline t = 1 of trio.move_on_after(1) passes".
std::string event_phrase(const trio::Trace& trace, std::int32_t step, const view::SourceBlocks* blocks = nullptr);

// Both answers as text, for `trioscope why`: the question, the answer and one line per
// detail or link ("  step 29  t = 1  ..." for links).
std::string to_text(const TaskAnswer& a);
std::string to_text(const CauseChain& c, const trio::Trace& trace);

}  // namespace trioscope::teach
