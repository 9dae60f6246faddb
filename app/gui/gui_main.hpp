// The app's entry point, called by main.cpp when the first argument is not a command-line
// subcommand and a display is available:
//
//   trioscope [FILE]                    the app (FILE: a scenario; default: the last one
//                                        opened, else the first lesson)
//   trioscope --screenshot OUT.png --step N [--size WxH] [--theme light|dark] [--scale S] FILE
//                                        render step N to a PNG and exit; N is a number,
//                                        "last", or an event kind ("scope_cancelled",
//                                        "print:2": the second print); --anim P shows the
//                                        animation into that step, held at P (0..1)
//                                        --predict (Predict on; --step question:N is the
//                                        N-th question), --answer K, --reveal, --why LABEL
//                                        or --why step: the teaching mode at that step
//   trioscope --bench-frames N [--size WxH] FILE
//                                        play N frames, print frame CPU-time percentiles
//   trioscope --bench-seek [FILE]        seek time over random steps of FILE's run (without
//                                        FILE: a generated 1,000,000-event trace)
//
// Returns 0 on success, 2 for bad arguments or a file that does not load, and 4 when no
// window can be opened (no display): main.cpp then shows the run as text.
#pragma once

namespace trioscope {

int gui_main(int argc, char** argv);

}  // namespace trioscope
