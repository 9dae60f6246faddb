#include "gui/frame_report.hpp"

#include <nlohmann/json.hpp>

namespace trioscope::gui {

namespace {
// (Built element by element: GCC 12 warns wrongly about nested initializer lists of json.)
nlohmann::json numbers(float a, float b, float c, float d) {
  nlohmann::json j = nlohmann::json::array();
  j.push_back(a);
  j.push_back(b);
  j.push_back(c);
  j.push_back(d);
  return j;
}
nlohmann::json rect(const ImVec4& r) { return numbers(r.x, r.y, r.z, r.w); }
nlohmann::json overlap(const std::vector<view::PaintedText>& texts) {
  const auto o = view::first_overlap(texts);
  if (!o) return nullptr;
  nlohmann::json out = nlohmann::json::array();
  for (const view::PaintedText* t : {&o->first, &o->second}) {
    nlohmann::json one;
    one["text"] = t->text;
    one["rect"] = numbers(t->rect.x0, t->rect.y0, t->rect.x1, t->rect.y1);
    out.push_back(one);
  }
  return out;
}
}  // namespace

std::string report_json(const FrameReport& r) {
  nlohmann::json j;
  j["panels"]["tree"] = rect(r.tree);
  j["panels"]["code"] = rect(r.code);
  j["panels"]["output"] = rect(r.output);
  j["panels"]["timeline"] = rect(r.timeline);
  j["panels"]["editor"] = rect(r.editor);
  j["compact"] = r.compact;
  j["tree_focus_visible"] = r.tree_focus_visible;
  j["involved_lanes_visible"] = r.involved_lanes_visible;
  j["code_line"] = r.code_line;
  j["code_line_visible"] = r.code_line_visible;
  j["code_overflow"] = r.code_overflow;
  j["lanes"] = r.lanes;
  j["lanes_visible"] = r.lanes_visible;
  j["tree_overlap"] = overlap(r.tree_texts);
  j["timeline_overlap"] = overlap(r.timeline_texts);
  j["scrub_label"] = r.scrub_label;
  j["teach"]["lint_marks"] = r.lint_marks;
  j["teach"]["predict_shown"] = r.predict_shown;
  j["teach"]["predict_revealed"] = r.predict_revealed;
  j["teach"]["predict_fits"] = r.predict_fits;
  j["teach"]["predict_prompt"] = r.predict_prompt;
  j["teach"]["predict_choices"] = r.predict_choices;
  j["teach"]["predict"] = rect(r.predict);
  j["teach"]["why"] = rect(r.why);
  j["teach"]["why_question"] = r.why_question;
  j["teach"]["why_answer"] = r.why_answer;
  j["teach"]["why_links"] = r.why_links;
  return j.dump(2) + "\n";
}

}  // namespace trioscope::gui
