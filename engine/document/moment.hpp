// A step of a run named by what happens there, so that another run of the same lesson
// (a setting changed, the file edited) can find the same moment again although its event
// numbers have moved: "the 2nd `cancel_delivered` of child('A', 3)", else "t = 1.0".
#pragma once

#include <cstdint>
#include <string>

#include "core/trace.hpp"

namespace trioscope::document {

struct Moment {
  std::int32_t step = -1;  // where it was in its own run (-1: before the first step)
  trio::EventKind kind = trio::EventKind::run_started;
  std::string task;        // the task's label ("" for the run's own events)
  std::int32_t occurrence = 0;  // 1 for the first event of this kind and task
  double time = 0;
};

Moment moment_at(const trio::Trace& trace, std::int32_t step);

// The step of `m` in `trace`: the same kind, task and occurrence when the run has it; else
// the first step at the moment's virtual time or later; else the last step. Before the
// first step stays before it.
std::int32_t find_moment(const trio::Trace& trace, const Moment& m);

}  // namespace trioscope::document
