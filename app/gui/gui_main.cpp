#include "gui/gui_main.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include <GLFW/glfw3.h>

#include "document/step_spec.hpp"
#include "gui/app.hpp"
#include "gui/bench.hpp"
#include "gui/capture.hpp"
#include "gui/platform.hpp"
#include "document/atomic_file.hpp"
#include "gui/settings_store.hpp"
#include "edit/session.hpp"
#include "resources.hpp"

namespace trioscope {

namespace {

using gui::App;
using gui::Platform;

struct Args {
  std::string file;
  std::string screenshot;     // --screenshot OUT.png
  std::string step = "last";  // --step N | last
  int width = 1600, height = 1000;
  bool size_given = false;
  std::string theme;          // --theme light|dark
  float scale = 1.0f;         // --scale S
  bool scale_given = false;
  float anim = -1;            // --anim P: hold the animation into the step at P (0..1)
  std::string report;         // --report OUT.json: what the frame laid out, for tests
  // Teaching mode, for screenshots: --predict (Predict on; --step question:N is the N-th
  // question's stop), --answer K (choose K), --reveal, --why LABEL|step (a Why? window).
  bool predict = false, reveal = false;
  int answer = 0;
  std::string why;
  int bench_frames = 0;       // --bench-frames N
  int bench_typing = 0;       // --bench-typing N
  bool bench_seek = false;
  std::string type;           // --type LINE:COLUMN:TEXT
  bool export_window = false; // --export-window: File → Export… open
  int change_line = 0;        // --change-line N: the change form on line N of the code
  bool outcomes_window = false;  // --outcomes-window: View → Outcomes… open, explored
  std::string compare;        // --compare A,B (outcomes) | strict: the Compare window open
  std::string error;
};

bool parse_size(const std::string& s, int& w, int& h) {
  int a = 0, b = 0;
  char x = 0;
  if (std::sscanf(s.c_str(), "%d%c%d", &a, &x, &b) != 3 || (x != 'x' && x != 'X')) return false;
  if (a < 64 || b < 64 || a > 8192 || b > 8192) return false;
  w = a;
  h = b;
  return true;
}

Args parse(int argc, char** argv) {
  Args a;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&](const char* what) -> std::string {
      if (i + 1 >= argc) {
        a.error = arg + " needs " + what;
        return "";
      }
      return argv[++i];
    };
    if (arg == "--screenshot") a.screenshot = value("an output file (OUT.png)");
    else if (arg == "--step") a.step = value("a step number or \"last\"");
    else if (arg == "--size") {
      const std::string v = value("WIDTHxHEIGHT");
      if (!v.empty() && !parse_size(v, a.width, a.height)) a.error = "--size wants WIDTHxHEIGHT (64..8192), got " + v;
      a.size_given = true;
    } else if (arg == "--theme") {
      a.theme = value("light or dark");
      if (!a.theme.empty() && a.theme != "light" && a.theme != "dark") a.error = "--theme is light or dark";
    } else if (arg == "--scale") {
      const std::string v = value("a factor such as 1.5");
      a.scale = std::strtof(v.c_str(), nullptr);
      a.scale_given = true;
      if (!(a.scale >= 0.5f && a.scale <= 4.0f)) a.error = "--scale is between 0.5 and 4";
    } else if (arg == "--change-line") {
      a.change_line = std::atoi(value("a line of the code").c_str());
      if (a.change_line <= 0 && a.error.empty()) a.error = "--change-line needs a line number";
    } else if (arg == "--export-window") {
      a.export_window = true;
    } else if (arg == "--outcomes-window") {
      a.outcomes_window = true;
    } else if (arg == "--compare") {
      a.compare = value("two outcomes (1,2) or strict");
      a.outcomes_window = true;
    } else if (arg == "--type") {
      a.type = value("LINE:COLUMN:TEXT");
    } else if (arg == "--report") {
      a.report = value("an output file (OUT.json)");
    } else if (arg == "--anim") {
      a.anim = std::strtof(value("a progress between 0 and 1").c_str(), nullptr);
      if (!(a.anim >= 0 && a.anim <= 1)) a.error = "--anim is between 0 and 1";
    } else if (arg == "--predict") {
      a.predict = true;
    } else if (arg == "--reveal") {
      a.predict = a.reveal = true;
    } else if (arg == "--answer") {
      a.predict = true;
      a.answer = std::atoi(value("a choice number (1-4)").c_str());
      if ((a.answer < 1 || a.answer > 4) && a.error.empty()) a.error = "--answer is a choice number from 1 to 4";
    } else if (arg == "--why") {
      a.why = value("a task label, or step");
    } else if (arg == "--bench-frames") {
      a.bench_frames = std::atoi(value("a number of frames").c_str());
      if (a.bench_frames <= 0 && a.error.empty()) a.error = "--bench-frames needs a positive number";
    } else if (arg == "--bench-typing") {
      a.bench_typing = std::atoi(value("a number of frames").c_str());
      if (a.bench_typing <= 0 && a.error.empty()) a.error = "--bench-typing needs a positive number";
    } else if (arg == "--bench-seek") {
      a.bench_seek = true;
    } else if (arg.size() > 1 && arg[0] == '-') {
      a.error = "unknown option " + arg + " (see trioscope --help)";
    } else if (a.file.empty()) {
      a.file = arg;
    } else {
      a.error = "one file at a time (got " + a.file + " and " + arg + ")";
    }
    if (!a.error.empty()) break;
  }
  return a;
}

// --type: TEXT typed into the lesson's own text at LINE:COLUMN (1-based) and run at once,
// as Ctrl+Enter does: the editor as it looks after an edit (an error, or the new run).
bool type_into(App& app, const std::string& spec) {
  unsigned line = 0, column = 0;
  int used = 0;
  if (std::sscanf(spec.c_str(), "%u:%u:%n", &line, &column, &used) != 2 || used == 0 || line == 0 || column == 0) return false;
  edit::EditSession& session = app.session();
  const edit::EditSession::View v = session.file_view();
  edit::TextEditor& ed = session.editor(v);
  if (line > ed.line_count()) return false;
  ed.set_cursor(ed.offset_at(line - 1, column - 1));
  ed.type(spec.substr(static_cast<std::size_t>(used)));
  session.typed(v, 0);
  app.apply_now();
  app.code().show(v);
  const std::size_t at = ed.selection().head;
  app.code().editor().jump_to(session, v, static_cast<std::uint32_t>(ed.line_of(at) + 1),
                              static_cast<std::uint32_t>(ed.column_of(at) + 1));
  return true;
}

// --compare: "A,B" (1-based outcomes of the exploration) or "strict" (the run on screen
// with strict_exception_groups on and off). "" or what is wrong.
std::string open_compare(App& app, const std::string& spec) {
  if (spec == "strict") {
    app.outcomes().compare_strict(app.doc(), app.compare());
    return "";
  }
  unsigned x = 0, y = 0;
  char comma = 0;
  const explore::Report* r = app.outcomes().report();
  const std::size_t n = r ? r->outcomes.size() : 0;
  if (std::sscanf(spec.c_str(), "%u%c%u", &x, &comma, &y) != 3 || comma != ',' || x == 0 || y == 0 || x > n || y > n)
    return "--compare wants two outcomes A,B between 1 and " + std::to_string(n) + ", or strict; got " + spec;
  app.outcomes().compare_outcomes(app.doc(), app.compare(), x - 1, y - 1);
  return "";
}

int screenshot(const Args& a) {
  if (a.file.empty()) {
    std::fprintf(stderr, "trioscope: --screenshot needs a scenario FILE\n");
    return 2;
  }
  Platform platform;
  std::string error;
  gui::WindowGeometry g;
  g.width = a.width;
  g.height = a.height;
  if (!platform.open(g, /*visible=*/false, error)) {
    std::fprintf(stderr, "trioscope: %s\n", error.c_str());
    return 4;
  }
  App app(lessons_dir());
  app.deterministic = true;
  app.prefs().anim_seconds = 0;
  app.prefs().theme = a.theme == "dark" ? view::Theme::dark : view::Theme::light;
  app.prefs().ui_scale = a.scale;
  if (!app.open(a.file)) {
    for (const auto& e : app.doc().problems().lines()) std::fprintf(stderr, "%s\n", e.c_str());
    return 2;
  }
  platform.attach(app);
  if (!a.type.empty() && !type_into(app, a.type)) {
    std::fprintf(stderr, "trioscope: --type wants LINE:COLUMN:TEXT within the lesson's text, got %s\n", a.type.c_str());
    return 2;
  }
  std::int32_t step = app.last_step();
  if (a.predict || !a.why.empty()) {
    const std::string problem = gui::set_up_teaching(app, a.predict, a.step, a.answer, a.reveal, a.why, step);
    if (!problem.empty()) {
      std::fprintf(stderr, "trioscope: %s\n", problem.c_str());
      return 2;
    }
  } else if (!document::find_step(*app.doc().trace(), a.step, step)) {
    std::fprintf(stderr, "trioscope: --step wants %s; no step matches %s\n", document::kStepSyntax, a.step.c_str());
    return 2;
  }
  if (a.anim >= 0) {
    // The step before, on screen, then the move into `step` held at that progress.
    app.go_to(step - 1);
    if (!gui::capture_png(platform, app, a.width, a.height, 2, a.screenshot, error)) {
      std::fprintf(stderr, "trioscope: %s\n", error.c_str());
      return 1;
    }
    app.animate_when_deterministic = true;
    app.prefs().anim_seconds = 1;
    app.animator().hold_at(a.anim);
  }
  app.go_to(step);
  if (a.export_window) app.input().export_request = true;
  if (a.change_line > 0) app.input().change = gui::InputState::ChangeTarget{.line = static_cast<std::uint32_t>(a.change_line)};
  if (a.outcomes_window) {
    // Explored before the picture, and the runs to compare made: the picture is the same
    // however fast the threads are.
    app.outcomes().open();
    app.wait_for_background();
    if (!a.compare.empty()) {
      const std::string problem = open_compare(app, a.compare);
      if (!problem.empty()) {
        std::fprintf(stderr, "trioscope: %s\n", problem.c_str());
        return 2;
      }
      app.wait_for_background();
    }
  }
  if (!gui::capture_png(platform, app, a.width, a.height, 3, a.screenshot, error)) {
    std::fprintf(stderr, "trioscope: %s\n", error.c_str());
    return 1;
  }
  if (!a.report.empty()) {
    const document::WriteResult w = document::write_file_atomically(a.report, gui::report_json(app.report()));
    if (!w.ok) {
      std::fprintf(stderr, "trioscope: %s\n", w.error.c_str());
      return 1;
    }
  }
  return 0;
}

int interactive(const Args& a) {
  App app(lessons_dir());
  const std::string settings_file = gui::settings_path();
  gui::Preferences& prefs = app.prefs();
  gui::load_settings(settings_file, prefs);
  if (a.scale_given) prefs.ui_scale = a.scale;
  app.input().predict = a.predict;
  if (!a.theme.empty()) prefs.theme = a.theme == "dark" ? view::Theme::dark : view::Theme::light;
  gui::WindowGeometry g = prefs.window;
  if (a.size_given) {
    g.width = a.width;
    g.height = a.height;
    g.maximized = false;
  }
  Platform platform;
  std::string error;
  if (!platform.open(g, /*visible=*/true, error)) {
    std::fprintf(stderr, "trioscope: %s\n", error.c_str());
    return 4;
  }
  // What to show first: the file asked for, else the last one, else the first lesson.
  std::string file = a.file;
  std::error_code ec;
  if (file.empty() && !prefs.last_file.empty() && std::filesystem::is_regular_file(prefs.last_file, ec))
    file = prefs.last_file;
  if (file.empty()) file = default_scenario();
  // Keep the window when the file asked for does not open: the first lesson is shown, with
  // the banner saying what is wrong with the file and that the first lesson is shown.
  if (!app.open_or(file, a.file.empty() ? std::string() : default_scenario()) && !a.file.empty())
    for (const auto& e : app.doc().problems().lines()) std::fprintf(stderr, "%s\n", e.c_str());
  platform.attach(app);
  // What a session that crashed or was killed had not saved: offered back before anything.
  app.files().offer_recovery();
  auto last = std::chrono::steady_clock::now();
  // The settings file follows changes within a few seconds (written only when they differ),
  // so that a crash or a killed session still remembers the layout.
  std::string saved = gui::settings_text(prefs);
  double next_save = 2.0;
  while (!platform.should_close()) {
    // Idle politely: wake for input, or at the frame rate while something moves.
    if (app.moving()) glfwPollEvents();
    else glfwWaitEventsTimeout(0.25);
    const auto t = std::chrono::steady_clock::now();
    const float dt = std::chrono::duration<float>(t - last).count();
    last = t;
    platform.frame(app, std::min(dt, 0.25f));
    platform.swap();
    platform.apply_requests(app);
    if (app.now() >= next_save) {
      next_save = app.now() + 2.0;
      platform.geometry(prefs.window);
      const std::string text = gui::settings_text(prefs);
      if (text != saved && gui::save_settings(settings_file, prefs)) saved = text;
    }
  }
  platform.geometry(prefs.window);
  gui::save_settings(settings_file, prefs);
  return 0;
}

}  // namespace

int gui_main(int argc, char** argv) {
  const Args a = parse(argc, argv);
  if (!a.error.empty()) {
    std::fprintf(stderr, "trioscope: %s\n", a.error.c_str());
    return 2;
  }
  if (a.bench_seek) return gui::bench_seek(a.file);
  if (a.bench_typing > 0) return gui::bench_typing(a.bench_typing, a.width, a.height);
  if (a.bench_frames > 0) {
    if (a.file.empty()) {
      std::fprintf(stderr, "trioscope: --bench-frames needs a scenario FILE\n");
      return 2;
    }
    return gui::bench_frames(a.file, a.bench_frames, a.width, a.height);
  }
  if (!a.screenshot.empty()) return screenshot(a);
  return interactive(a);
}

}  // namespace trioscope
