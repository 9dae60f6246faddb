// A run as a Chrome trace (the JSON Trace Event Format), which Perfetto (ui.perfetto.dev)
// and chrome://tracing open:
//
//   - one track per task (thread_name = the task's label), in the timeline's order: each
//     task under the task whose nursery it lives in, its siblings in spawn order;
//   - complete ("X") spans, properly nested on each track: the task's life, inside it the
//     cancel scopes and nurseries it entered, inside those the states it was in
//     (running, sleeping, cancel pending...), split where a scope begins or ends;
//   - instant ("i") events for cancellations, Cancelled delivered, exceptions (raised,
//     grouped, re-raised, caught) and prints; the scheduler's own (clock jumps, the end
//     of the run) on the whole process;
//   - flow arrows ("s" to "f") for spawns, cancellations reaching tasks and exceptions
//     travelling to their nursery's parent.
//
// Time is the run's virtual time in microseconds. Many events happen at one virtual
// instant (at t = 1 a child raises, its nursery cancels the siblings, they unwind...), so
// each event comes at least 1 µs after the one before it: spans of zero virtual time stay
// visible and in order. Every event carries its step and exact virtual time in `args`.
#pragma once

#include <string>

#include "core/trace.hpp"
#include "view/timeline_layout.hpp"

namespace trioscope::exporting {

std::string chrome_trace(const trio::Trace& trace, const view::TimelineLayout& timeline, const std::string& title);

}  // namespace trioscope::exporting
