#include "gui/bench.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <optional>
#include <random>
#include <vector>

#include <filesystem>

#include <GLFW/glfw3.h>

#include "document/atomic_file.hpp"
#include "edit/session.hpp"

#include "resources.hpp"
#include "core/runner.hpp"
#include "gui/app.hpp"
#include "gui/platform.hpp"
#include "view/caption.hpp"
#include "view/playback.hpp"

namespace trioscope::gui {

namespace {

using Clock = std::chrono::steady_clock;
double ms(Clock::time_point a, Clock::time_point b) { return std::chrono::duration<double, std::milli>(b - a).count(); }

struct Percentiles {
  double p50 = 0, p95 = 0, max = 0;
};
Percentiles percentiles(std::vector<double> v) {
  Percentiles p;
  if (v.empty()) return p;
  std::sort(v.begin(), v.end());
  auto at = [&](double q) { return v[std::min(v.size() - 1, static_cast<std::size_t>(q * (v.size() - 1) + 0.5))]; };
  p.p50 = at(0.5);
  p.p95 = at(0.95);
  p.max = v.back();
  return p;
}

}  // namespace

trio::RunResult generated_run(int children, int events) {
  using K = trio::EventKind;
  trio::RunResult r;
  trio::Trace& t = r.trace;
  auto task = [&](std::string label, int nursery) {
    trio::TaskInfo info;
    info.id = static_cast<int>(t.tasks.size());
    info.label = std::move(label);
    info.nursery = nursery;
    info.is_main = info.id == 0;
    t.tasks.push_back(info);
    return info.id;
  };
  double now = 0;
  // The trace takes events whole; the one added last is filled in by the caller and goes in
  // when the next one is added (or at the end).
  std::optional<trio::Event> staged;
  auto flush = [&] {
    if (staged) t.events.push_back(*staged);
    staged.reset();
  };
  auto add = [&](K kind, int who) -> trio::Event& {
    flush();
    staged.emplace();
    staged->kind = kind;
    staged->time = now;
    staged->task = who;
    return *staged;
  };
  const int main = task("main", -1);
  trio::ScopeInfo sc;
  sc.id = 0;
  sc.kind = trio::ScopeKind::nursery;
  sc.task = main;
  sc.nursery = 0;
  sc.deadline = trio::inf;
  t.scopes.push_back(sc);
  trio::NurseryInfo n;
  n.id = 0;
  n.task = main;
  n.scope = 0;
  n.name = "nursery";
  t.nurseries.push_back(n);
  std::vector<int> kids;
  for (int i = 0; i < children; ++i) kids.push_back(task("worker(" + std::to_string(i) + ")", 0));

  add(K::run_started, main);
  add(K::task_spawned, main);
  add(K::step_started, main).flag = 1;
  add(K::scope_entered, main).scope = 0;
  add(K::nursery_opened, main).nursery = 0;
  for (int k : kids) {
    add(K::task_spawned, k).nursery = 0;
    add(K::woken, k);
  }
  add(K::nursery_waiting, main).count = children;
  add(K::step_ended, main);
  int batch = 1;
  while (static_cast<int>(t.events.size()) + 5 * children + 16 < events) {
    ++batch;
    for (int k : kids) {
      add(K::step_started, k).count = batch;
      add(K::sleeping, k).until = now + 1;
      add(K::step_ended, k);
    }
    add(K::clock_jump, -1).until = now + 1;
    now += 1;
    for (int k : kids) add(K::woken, k);
  }
  ++batch;
  for (int k : kids) {
    add(K::step_started, k).count = batch;
    add(K::task_finished, k);
    add(K::step_ended, k);
  }
  add(K::woken, main);
  add(K::step_started, main);
  add(K::scope_exited, main).scope = 0;
  add(K::nursery_closed, main).nursery = 0;
  add(K::task_finished, main);
  add(K::step_ended, main);
  add(K::run_finished, -1);
  flush();
  r.end_time = now;
  return r;
}

int bench_seek(const std::string& file) {
  document::Document doc;
  const auto t0 = Clock::now();
  if (!file.empty()) {
    if (!doc.open_file(file)) {
      for (const auto& e : doc.problems().lines()) std::fprintf(stderr, "%s\n", e.c_str());
      return 2;
    }
  } else {
    doc.adopt_run(generated_run(1000, 1'000'000), "generated");
  }
  const auto t1 = Clock::now();
  view::Playback& pb = *doc.playback();
  const trio::Trace& trace = *doc.trace();
  std::printf("trace: %zu events, %zu tasks (%s)\n", trace.events.size(), trace.tasks.size(),
              file.empty() ? "generated" : file.c_str());
  std::printf("run + playback index: %.1f ms; a snapshot every %d events, %.1f MB stored\n", ms(t0, t1), pb.interval(),
              pb.stored_bytes() / 1048576.0);
  std::mt19937 rng(12345);
  const std::int32_t n = pb.size();
  std::vector<double> seeks, captions;
  for (int i = 0; i < 2000; ++i) {
    const std::int32_t step = static_cast<std::int32_t>(rng() % static_cast<std::uint32_t>(n));
    const auto a = Clock::now();
    const view::Snapshot& s = pb.seek(step);
    const auto b = Clock::now();
    seeks.push_back(ms(a, b));
    if (s.step != step) std::fprintf(stderr, "seek(%d) landed on %d\n", step, s.step);
    if (i % 10 == 0) {
      const auto c = Clock::now();
      const view::Snapshot before = pb.snapshot_at(step - 1);
      const std::string text = view::caption(trace, before, pb.seek(step));
      captions.push_back(ms(c, Clock::now()));
    }
  }
  const Percentiles p = percentiles(seeks), c = percentiles(captions);
  std::printf("seek to a random step (%zu seeks): p50 %.3f ms  p95 %.3f ms  max %.3f ms\n", seeks.size(), p.p50, p.p95, p.max);
  std::printf("caption of a random step (%zu):     p50 %.3f ms  p95 %.3f ms  max %.3f ms\n", captions.size(), c.p50, c.p95,
              c.max);
  const auto t2 = Clock::now();
  doc.timeline();
  std::printf("timeline layout of the whole run: %.1f ms\n", ms(t2, Clock::now()));
  return 0;
}

int bench_frames(const std::string& file, int frames, int width, int height) {
  Platform platform;
  std::string error;
  WindowGeometry g;
  g.width = width;
  g.height = height;
  if (!platform.open(g, /*visible=*/true, error)) {
    std::fprintf(stderr, "trioscope: %s\n", error.c_str());
    return 4;
  }
  glfwSwapInterval(0);
  App app(lessons_dir());
  if (!app.open(file)) {
    for (const auto& e : app.doc().problems().lines()) std::fprintf(stderr, "%s\n", e.c_str());
    return 2;
  }
  platform.attach(app);
  const std::int32_t last = app.last_step();
  const trio::Trace& trace = *app.doc().trace();
  std::printf("%s: %zu tasks, %zu events; window %dx%d; run took %.1f ms\n", file.c_str(), trace.tasks.size(),
              trace.events.size(), width, height, app.doc().run_ms());
  // Half the frames play step by step from the start (animations on), half jump across the
  // whole run (a new tree every frame).
  std::vector<double> cpu, total;
  const float dt = 1.0f / 60.0f;
  for (int i = -10; i < frames; ++i) {
    const auto a = Clock::now();
    glfwPollEvents();
    if (i < frames / 2) app.go_to(std::max(0, i) % (last + 1));
    else app.go_to(static_cast<std::int32_t>(static_cast<long long>(i - frames / 2) * last / std::max(1, frames - frames / 2)));
    platform.frame(app, dt);
    const auto b = Clock::now();
    glFinish();
    const auto c = Clock::now();
    platform.swap();
    if (i >= 0) {
      cpu.push_back(ms(a, b));
      total.push_back(ms(a, c));
    }
  }
  const Percentiles p = percentiles(cpu), q = percentiles(total);
  std::printf("frame CPU time (%d frames):        p50 %.2f ms  p95 %.2f ms  max %.2f ms\n", frames, p.p50, p.p95, p.max);
  std::printf("including GPU work (glFinish):    p50 %.2f ms  p95 %.2f ms  max %.2f ms\n", q.p50, q.p95, q.max);
  return 0;
}

std::string generated_program(int lines) {
  std::string s = "import trio\n\n\n";
  const int functions = std::max(1, lines / 11);
  for (int f = 0; f < functions; ++f) {
    s += "async def worker_" + std::to_string(f) + "():\n";
    for (int i = 0; i < 7; ++i) s += "    print(\"worker " + std::to_string(f) + " says " + std::to_string(i) + "\")\n";
    s += "    await trio.sleep(" + std::to_string(f % 5 + 1) + ")\n\n\n";
  }
  s += "async def main():\n    async with trio.open_nursery() as nursery:\n";
  for (int f = 0; f < std::min(functions, 50); ++f) s += "        nursery.start_soon(worker_" + std::to_string(f) + ")\n";
  s += "\n\ntrio.run(main)\n";
  return s;
}

int bench_typing(int frames, int width, int height) {
  Platform platform;
  std::string error;
  WindowGeometry g;
  g.width = width;
  g.height = height;
  if (!platform.open(g, /*visible=*/true, error)) {
    std::fprintf(stderr, "trioscope: %s\n", error.c_str());
    return 4;
  }
  glfwSwapInterval(0);
  const std::string program = generated_program(10000);
  const std::string path = (std::filesystem::temp_directory_path() / "trioscope-typing-bench.py").string();
  if (!document::write_file_atomically(path, program).ok) return 1;
  App app(lessons_dir());
  const bool opened = app.open(path);
  std::filesystem::remove(path);
  if (!opened) {
    for (const auto& e : app.doc().problems().lines()) std::fprintf(stderr, "%s\n", e.c_str());
    return 2;
  }
  platform.attach(app);
  edit::EditSession& session = app.session();
  const edit::EditSession::View v = session.file_view();
  app.code().show(v);
  // Inside a print's text half way down, so that every character keeps the program valid.
  const std::uint32_t line = static_cast<std::uint32_t>(session.editor(v).line_count() / 2 / 11 * 11 + 5);
  app.code().editor().jump_to(session, v, line, 20);
  const std::size_t lines = session.editor(v).line_count();
  const float dt = 1.0f / 60.0f;
  std::vector<double> typing;
  for (int i = -10; i < frames; ++i) {
    // A character every fourth frame (15 a second at 60 frames a second): typing, no pause.
    if (i % 4 == 0) app.input().keys.push_back({0, 0, false, static_cast<std::uint32_t>('a' + (i / 4) % 26)});
    const auto a = Clock::now();
    glfwPollEvents();
    platform.frame(app, dt);
    const auto b = Clock::now();
    glFinish();
    platform.swap();
    if (i >= 0) typing.push_back(ms(a, b));
  }
  // The pause: the next frames read the program again and run it.
  double reread = 0;
  for (int i = 0; i < 40; ++i) {
    const auto a = Clock::now();
    glfwPollEvents();
    platform.frame(app, dt);
    reread = std::max(reread, ms(a, Clock::now()));
    glFinish();
    platform.swap();
  }
  const bool changed = app.doc().text().size() > program.size();
  const Percentiles p = percentiles(typing);
  std::printf("typing into a %zu-line program, window %dx%d\n", lines, width, height);
  std::printf("frame CPU time while typing (%d frames): p50 %.2f ms  p95 %.2f ms  max %.2f ms\n", frames, p.p50, p.p95,
              p.max);
  std::printf("the frame that reads it again after the pause: %.2f ms (run %.1f ms)%s\n", reread, app.doc().run_ms(),
              changed ? "" : "  [the typing did not reach the lesson]");
  return changed ? 0 : 1;
}

}  // namespace trioscope::gui
