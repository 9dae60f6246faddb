// `trioscope predict FILE [--reveal]`: Predict's questions as text, in the order the app asks
// them, each before the step it stops at; with --reveal, the answer, what happens and why
// each wrong choice is wrong.
#include <cstdio>

#include "cli/cli.hpp"
#include "document/document.hpp"
#include "teach/teaching.hpp"

namespace trioscope::cli {

namespace {

constexpr const char* kPredictHelp =
    "usage: trioscope predict FILE [--reveal] [--strict-exception-groups on|off]\n"
    "\n"
    "Prints the questions the app's Predict mode asks on the run of FILE (JSON or a Trio\n"
    "program, .py): before each key moment, what happens next, with the wrong choices\n"
    "taken from other outcomes of the same program and from common misconceptions. The\n"
    "lesson's own questions (a \"questions\" list) come first at their steps.\n"
    "\n"
    "  --reveal   also the right answer, what happens, and why each wrong choice is wrong\n"
    "\n"
    "exit status: 0 printed (also when there is no question), 2 bad usage or an invalid file.\n";

}  // namespace

int predict_command(const std::vector<std::string>& args) {
  std::string path;
  bool reveal = false;
  document::RunChoice choice;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--help" || a == "-h") {
      std::fputs(kPredictHelp, stdout);
      return kOk;
    } else if (a == "--reveal") {
      reveal = true;
    } else if (a == "--strict-exception-groups") {
      if (i + 1 >= args.size() || (args[i + 1] != "on" && args[i + 1] != "off")) {
        std::fputs("trioscope predict: --strict-exception-groups takes on or off\n", stderr);
        return kUsage;
      }
      choice.strict_exception_groups = args[++i] == "on";
    } else if (a.size() > 1 && a[0] == '-') {
      std::fprintf(stderr, "trioscope predict: unknown option '%s' (see --help)\n", a.c_str());
      return kUsage;
    } else if (path.empty()) {
      path = a;
    } else {
      std::fprintf(stderr, "trioscope predict: one file at a time (got %s and %s)\n", path.c_str(), a.c_str());
      return kUsage;
    }
  }
  if (path.empty()) {
    std::fputs("trioscope predict: which file? (usage: trioscope predict FILE [--reveal])\n", stderr);
    return kUsage;
  }
  document::Document doc;
  if (!doc.open_file(path, choice)) {
    for (const std::string& l : doc.problems().lines()) std::fprintf(stderr, "%s\n", l.c_str());
    return kUsage;
  }
  teach::Teaching t = teach::lint_document(doc);
  teach::add_questions(t, doc);
  if (t.questions.empty()) {
    std::puts("No questions: this run has no key moment with a real alternative to ask about.");
    return kOk;
  }
  const std::size_t n = t.questions.size();
  for (std::size_t i = 0; i < n; ++i) {
    const teach::Question& q = t.questions[i];
    std::printf("%sQuestion %zu of %zu (stops at step %d%s)\n", i ? "\n" : "", i + 1, n, q.stop,
                q.authored ? ", the lesson's own" : "");
    std::fputs(teach::to_text(q, reveal).c_str(), stdout);
  }
  return kOk;
}

}  // namespace trioscope::cli
