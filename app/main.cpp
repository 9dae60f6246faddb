// trioscope: one binary for the app and the command line.
#include <cstdio>
#include <cstdlib>
#include <string>

#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "cli/cli.hpp"
#include "resources.hpp"

#ifdef TRIOSCOPE_HAS_GUI
#include "gui/gui_main.hpp"
#endif

int main(int argc, char** argv) {
#ifdef __GLIBC__
  // Large blocks (a long text a program builds, a trace's event table) are mapped on their
  // own and given back to the system when freed. glibc otherwise raises this threshold as
  // such blocks are freed, and then keeps what a run has freed, so that the process would
  // hold far more than the run's memory limit counts.
  mallopt(M_MMAP_THRESHOLD, 1 << 20);
#endif
  if (argc > 1 && trioscope::cli::is_command(argv[1])) return trioscope::cli::main(argc, argv);
  // A bare word that is no file is a mistyped command ("valdate"), not a scenario to open.
  if (argc > 1 && trioscope::cli::looks_like_command(argv[1])) return trioscope::cli::unknown_command(argv[1]);

  // App mode. Without a display (a server, a CI box, a terminal over ssh) say so and
  // show the run as text instead, so the command still teaches something.
  const char* display = std::getenv("DISPLAY");
  const char* wayland = std::getenv("WAYLAND_DISPLAY");
  bool has_display = (display && *display) || (wayland && *wayland);
#ifdef TRIOSCOPE_HAS_GUI
  // --bench-seek measures the view model only and opens no window.
  bool needs_window = true;
  for (int i = 1; i < argc; ++i)
    if (std::string(argv[i]) == "--bench-seek") needs_window = false;
  if (has_display || !needs_window) {
    int rc = trioscope::gui_main(argc, argv);
    if (rc != 4) return rc;  // 4: the window could not be opened after all
  }
#endif
  std::string file;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a.size() > 1 && a[0] == '-') {
      std::fprintf(stderr, "trioscope: %s needs the app, which has no display here\n", a.c_str());
      return 2;
    }
    file = a;
  }
  if (file.empty()) file = trioscope::default_scenario();
  std::fprintf(stderr, "trioscope: %s, so here is the run as text (%s).\n",
               has_display ? "the window could not be opened" : "no display found",
               file.c_str());
  return trioscope::cli::print_run_as_text(file);
}
