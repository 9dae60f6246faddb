// `trioscope why FILE --step S [--task LABEL]`: the app's "Why?" answers, as text. With
// --task, why that task is (or is not) running at step S; without it, the chain of causes
// of the event at step S back to its root.
#include <cstdio>

#include "cli/cli.hpp"
#include "document/document.hpp"
#include "document/step_spec.hpp"
#include "teach/why.hpp"
#include "view/exc_text.hpp"

namespace trioscope::cli {

namespace {

constexpr const char* kWhyHelp =
    "usage: trioscope why FILE [--step N|last|KIND[:N]] [--task LABEL] [--strict-exception-groups on|off]\n"
    "\n"
    "Answers \"why?\" from the run of FILE (JSON or a Trio program, .py), as the app does.\n"
    "Steps are named as for --screenshot: a number, last, or an event kind with an\n"
    "optional count (woken:3). The default step is the last one.\n"
    "\n"
    "  --task LABEL   why that task is not running at the step (sleeping until t = 3,\n"
    "                 runnable behind other tasks, waiting for its children, frozen by a\n"
    "                 time.sleep, cancel pending, ...). LABEL is the task's label as the\n"
    "                 transcript prints it, child('A', 3), or a part of it that only one\n"
    "                 task's label holds.\n"
    "  without --task the chain of causes of the event at the step, back to its root (a\n"
    "                 raise, a deadline, a cancel() call, a blocking call).\n"
    "\n"
    "exit status: 0 answered, 2 bad usage, an invalid file, or no such step or task.\n";

// The task whose label is `want`, or the one task whose label contains it.
std::int32_t find_task(const trio::Trace& t, const std::string& want, std::string& error) {
  std::vector<std::int32_t> partial;
  for (const trio::TaskInfo& info : t.tasks) {
    if (info.label == want) return info.id;
    if (info.label.find(want) != std::string::npos) partial.push_back(info.id);
  }
  if (partial.size() == 1) return partial[0];
  std::string labels;
  for (const trio::TaskInfo& info : t.tasks) labels += "\n  " + info.label;
  error = (partial.empty() ? "no task is labelled '" : "more than one task's label holds '") + want +
          "'; the tasks of this run are:" + labels;
  return -1;
}

}  // namespace

int why_command(const std::vector<std::string>& args) {
  std::string path, step_spec = "last", task;
  bool have_task = false;
  document::RunChoice choice;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&](const char* what) -> const std::string* {
      if (i + 1 >= args.size()) {
        std::fprintf(stderr, "trioscope why: %s needs a value (see --help)\n", what);
        return nullptr;
      }
      return &args[++i];
    };
    if (a == "--help" || a == "-h") {
      std::fputs(kWhyHelp, stdout);
      return kOk;
    } else if (a == "--step") {
      auto v = value("--step");
      if (!v) return kUsage;
      step_spec = *v;
    } else if (a == "--task") {
      auto v = value("--task");
      if (!v) return kUsage;
      task = *v;
      have_task = true;
    } else if (a == "--strict-exception-groups") {
      auto v = value("--strict-exception-groups");
      if (!v || (*v != "on" && *v != "off")) {
        if (v) std::fprintf(stderr, "trioscope why: --strict-exception-groups takes on or off, not '%s'\n", v->c_str());
        return kUsage;
      }
      choice.strict_exception_groups = *v == "on";
    } else if (a.size() > 1 && a[0] == '-') {
      std::fprintf(stderr, "trioscope why: unknown option '%s' (see --help)\n", a.c_str());
      return kUsage;
    } else if (path.empty()) {
      path = a;
    } else {
      std::fprintf(stderr, "trioscope why: one file at a time (got %s and %s)\n", path.c_str(), a.c_str());
      return kUsage;
    }
  }
  if (path.empty()) {
    std::fputs("trioscope why: which file? (usage: trioscope why FILE --step S [--task LABEL])\n", stderr);
    return kUsage;
  }
  document::Document doc;
  if (!doc.open_file(path, choice)) {
    for (const std::string& l : doc.problems().lines()) std::fprintf(stderr, "%s\n", l.c_str());
    return kUsage;
  }
  const trio::Trace& t = *doc.trace();
  std::int32_t step = -1;
  if (!document::find_step(t, step_spec, step)) {
    std::fprintf(stderr, "trioscope why: --step wants %s; no step matches %s\n", document::kStepSyntax, step_spec.c_str());
    return kUsage;
  }
  if (have_task) {
    std::string error;
    const std::int32_t k = find_task(t, task, error);
    if (k < 0) {
      std::fprintf(stderr, "trioscope why: %s\n", error.c_str());
      return kUsage;
    }
    const view::Snapshot& s = doc.playback()->seek(step);
    std::printf("step %d, t = %s\n", step, view::format_seconds(s.time).c_str());
    std::fputs(teach::to_text(teach::why_task(t, s, k, &doc.blocks())).c_str(), stdout);
    return kOk;
  }
  if (step < 0) {
    std::fputs("trioscope why: before the first step nothing has happened yet; give --task to ask about a task\n", stderr);
    return kUsage;
  }
  std::fputs(teach::to_text(teach::why_event(t, step, &doc.blocks()), t).c_str(), stdout);
  return kOk;
}

}  // namespace trioscope::cli
