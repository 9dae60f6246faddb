// Benchmarks of the app, printed as figures (not timed tests):
//   --bench-frames N FILE   frame CPU time while playing through FILE's run
//   --bench-seek [FILE]     seek time to random steps (default: a generated 1,000,000-event trace)
//   --bench-typing N        frame CPU time while typing into a generated 10,000-line program,
//                           and the frame that reads it again after the pause
#pragma once

#include <string>

#include "core/runner.hpp"

namespace trioscope::gui {

int bench_frames(const std::string& file, int frames, int width, int height);
int bench_seek(const std::string& file);
int bench_typing(int frames, int width, int height);

// A Trio program of about `lines` lines: functions that print and sleep, a nursery that
// starts some of them.
std::string generated_program(int lines);

// A plausible long run without the engine: `children` tasks in one nursery, each sleeping
// one second per round until about `events` events are recorded.
trio::RunResult generated_run(int children, int events);

}  // namespace trioscope::gui
