// `--predict`, `--answer K`, `--reveal` and `--why` for screenshots and GUI tests: the app
// opened with Predict on at a question (chosen, revealed), or with a Why? window open.
#include <cstdlib>
#include <string>
#include <vector>

#include "document/step_spec.hpp"
#include "gui/app.hpp"

namespace trioscope::gui {

std::string set_up_teaching(App& app, bool predict, const std::string& step_spec, int answer, bool reveal,
                            const std::string& why, std::int32_t& step) {
  const trio::Trace& t = *app.doc().trace();
  InputState& in = app.input();
  in.predict = predict;
  app.teaching().update(app.doc(), in);
  const auto& qs = app.teaching().data().questions;
  if (step_spec.rfind("question:", 0) == 0) {
    if (!predict) return "--step question:N needs --predict";
    const int n = std::atoi(step_spec.c_str() + 9);
    if (n < 1 || static_cast<std::size_t>(n) > qs.size())
      return "--step " + step_spec + ": this run has " + std::to_string(qs.size()) + " questions";
    step = qs[static_cast<std::size_t>(n - 1)].stop;
  } else if (!document::find_step(t, step_spec, step)) {
    return "--step wants " + std::string(document::kStepSyntax) + " or question:N; no step matches " + step_spec;
  }
  if (answer > 0 || reveal) {
    const teach::Question* q = app.teaching().posed(in, step);
    if (!q) return "no question is asked at step " + std::to_string(step) + " (try --step question:N)";
    if (answer > static_cast<int>(q->choices.size()))
      return "--answer " + std::to_string(answer) + ": the question has " + std::to_string(q->choices.size()) + " choices";
    Teaching::Answer& a = app.teaching().answer(q->stop);
    if (answer > 0) a.chosen = answer - 1;
    a.revealed = reveal;
  }
  if (why == "step") {
    in.why_event = step;
  } else if (!why.empty()) {
    std::int32_t exact = -1;
    std::vector<std::int32_t> partial;
    for (const trio::TaskInfo& k : t.tasks) {
      if (k.label == why) exact = k.id;
      else if (k.label.find(why) != std::string::npos) partial.push_back(k.id);
    }
    if (exact < 0 && partial.size() != 1)
      return "--why " + why + ": no task (or more than one) has that label; or write --why step";
    in.why_task = exact >= 0 ? exact : partial[0];
  }
  return "";
}

}  // namespace trioscope::gui
