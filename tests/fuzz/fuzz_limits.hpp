// What a fuzzed run may consume: far below the defaults, so that each input runs in
// milliseconds, yet enough for every statement kind to be reached. A limit that stops a
// run is an outcome like any other; a crash, a hang (libFuzzer's -timeout) or a blow-up
// (-rss_limit_mb) is a finding.
#pragma once

#include "core/limits.hpp"
#include "scenario/interpreter.hpp"

namespace trioscope::fuzzing {

inline scenario::RunOverrides small_run() {
  trio::RunLimits l;
  l.events = 20'000;
  l.statements = 100'000;
  l.tasks = 2'000;
  l.output_bytes = 1u << 20;
  l.line_bytes = 64u << 10;
  l.format_width = 100'000;
  l.memory_bytes = 64u << 20;
  scenario::RunOverrides o;
  o.limits = l;
  return o;
}

}  // namespace trioscope::fuzzing
