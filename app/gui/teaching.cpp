#include "gui/teaching.hpp"

#include <GLFW/glfw3.h>
#include <imgui.h>

namespace trioscope::gui {

bool keys_free() {
  const ImGuiIO& io = ImGui::GetIO();
  return !io.WantTextInput && !ImGui::IsAnyItemActive();
}

void Teaching::update(const document::Document& doc, const InputState& in) {
  if (data_.generation != doc.generation()) {
    data_ = teach::lint_document(doc);
    answers_.clear();
  }
  if (in.predict && !data_.questions_ready) teach::add_questions(data_, doc);
}

const teach::Question* Teaching::posed(const InputState& in, std::int32_t step) const {
  if (!in.predict || !data_.questions_ready) return nullptr;
  return teach::question_at(data_.questions, step);
}

const Teaching::Answer* Teaching::answer_at(std::int32_t stop) const {
  auto it = answers_.find(stop);
  return it == answers_.end() ? nullptr : &it->second;
}

bool Teaching::holds(const InputState& in, std::int32_t step) const {
  const teach::Question* q = posed(in, step);
  if (!q) return false;
  const Answer* a = answer_at(q->stop);
  return !a || !a->revealed;
}

bool Teaching::handle_key(const KeyPress& k, InputState& in, std::int32_t step) {
  if (!keys_free()) return false;
  if (k.key == GLFW_KEY_P && !k.repeat) {
    in.predict = !in.predict;
    in.playing = false;
    return true;
  }
  if (k.key == GLFW_KEY_W && !k.repeat) {
    in.why_event = step >= 0 ? step : -1;
    in.why_task = -1;
    return true;
  }
  const teach::Question* q = posed(in, step);
  if (!q) return false;
  Answer& a = answers_[q->stop];
  const int n = static_cast<int>(q->choices.size());
  for (int i = 0; i < n; ++i)
    if (k.key == GLFW_KEY_1 + i || k.key == GLFW_KEY_KP_1 + i) {
      if (!a.revealed) a.chosen = a.chosen == i ? -1 : i;
      return true;
    }
  if (k.key == GLFW_KEY_SPACE && !k.repeat && !a.revealed) {
    a.revealed = true;
    in.playing = false;
    return true;
  }
  return false;
}

void Teaching::draw(PanelContext& ctx) {
  draw_predict_overlay(ctx, *this);
  draw_why_window(ctx);
}

}  // namespace trioscope::gui
