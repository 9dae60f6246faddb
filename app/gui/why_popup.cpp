// The Why? window: for the task clicked in the tree or on its timeline lane, "Why isn't it
// running?" at the step on screen (it follows the step as the class steps on); for an event
// (the toolbar's Why? button, W, a right-click on a timeline mark), the chain of its causes
// back to the root. Every line that names a step is a link: a click goes there.
//
// The answers come from engine/teach/why.hpp, read off the trace and the state at the step;
// they cost a scan of the trace at most, and are remade only when the step, the run or the
// question changes.
#include <algorithm>
#include <string>

#include "gui/teaching.hpp"
#include "teach/why.hpp"
#include "view/exc_text.hpp"

namespace trioscope::gui {

namespace {

struct WhyKey {
  std::uint64_t generation = 0;
  std::int32_t step = -2, task = -1, event = -1;
  bool operator==(const WhyKey&) const = default;
};
struct WhyText {
  std::string question, answer;
  std::vector<teach::Link> links;
};

WhyText make(const PanelContext& ctx, const WhyKey& k) {
  WhyText out;
  const trio::Trace* t = ctx.doc.trace();
  if (!t) return out;
  if (k.task >= 0 && ctx.snapshot) {
    const teach::TaskAnswer a = teach::why_task(*t, *ctx.snapshot, k.task, &ctx.doc.blocks());
    out.question = a.question;
    out.answer = a.answer;
    out.links = a.details;
  } else if (k.event >= 0) {
    const teach::CauseChain c = teach::why_event(*t, k.event, &ctx.doc.blocks());
    out.question = "Why did this happen? (step " + std::to_string(k.event) + ", t = " +
                   view::format_seconds(t->events[k.event].time) + ")";
    // The root first: where it all began, then the chain that leads from it.
    out.answer = c.links.size() > 1 ? "It goes back to step " + std::to_string(c.links.back().step) + ": " + c.links.back().text + "."
                                    : "It is where it begins: " + (c.links.empty() ? std::string() : c.links[0].text) + ".";
    for (std::size_t i = 0; i < c.links.size(); ++i) {
      teach::Link l = c.links[i];
      l.text = (i == 0 ? "" : "\xE2\x86\x90 because ") + l.text;  // ←
      out.links.push_back(std::move(l));
    }
    if (c.links.size() > 1) out.links.push_back({"The last step is where it all began."});
  }
  return out;
}

Cached<WhyKey, WhyText>& cache() {
  static Cached<WhyKey, WhyText> c;
  return c;
}

}  // namespace

void draw_why_window(PanelContext& ctx) {
  InputState& in = ctx.input;
  const trio::Trace* t = ctx.doc.trace();
  if (!t || (in.why_task < 0 && in.why_event < 0)) return;
  if (in.why_task >= static_cast<std::int32_t>(t->tasks.size())) in.why_task = -1;
  if (in.why_event >= static_cast<std::int32_t>(t->events.size())) in.why_event = -1;
  if (in.why_task < 0 && in.why_event < 0) return;
  const WhyKey key{ctx.doc.generation(), in.why_task >= 0 ? ctx.view.step : -2, in.why_task, in.why_task >= 0 ? -1 : in.why_event};
  const WhyText& w = cache().get(key, [&] { return make(ctx, key); });

  const ImGuiViewport* vp = ImGui::GetMainViewport();
  const float lh = ImGui::GetFontSize();
  // Where it covers least: in a roomy window the bottom right of the tree panel (a tree
  // grows from its top left); in a short one, over the code column, since the answer quotes
  // the lines it needs and the tree stays in view.
  const ImVec4 tree = ctx.report.tree, code = ctx.report.code;
  const bool over_code = ctx.compact && code.z > code.x;
  const ImVec4 area = over_code ? code : tree.z > tree.x ? tree : ImVec4(vp->Pos.x, vp->Pos.y, vp->Pos.x + vp->Size.x, vp->Pos.y + vp->Size.y);
  const float width = std::min(vp->Size.x - 2 * lh,
                               over_code ? std::max(area.z - area.x, 20 * lh) : std::max(26 * lh, vp->Size.x * 0.34f));
  const float margin = lh * 0.4f;
  const float max_h = std::max(8 * lh, (over_code ? vp->Pos.y + vp->Size.y - area.y : area.w - area.y) - 2 * margin);
  if (over_code) ImGui::SetNextWindowPos(ImVec2(area.z - margin, area.y + margin), ImGuiCond_Always, ImVec2(1, 0));
  else ImGui::SetNextWindowPos(ImVec2(area.z - margin, area.w - margin), ImGuiCond_Always, ImVec2(1, 1));
  ImGui::SetNextWindowSizeConstraints(ImVec2(width, 0), ImVec2(width, max_h));
  const view::Palette& p = ctx.palette();
  ImGui::PushStyleColor(ImGuiCol_WindowBg, to_vec4(p[view::ColorRole::panel]));
  ImGui::PushStyleColor(ImGuiCol_Border, to_vec4(p[view::ColorRole::playhead]));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, std::max(2.0f, lh * 0.12f));
  bool open = true;
  if (ImGui::Begin("Why?###why", &open,
                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoCollapse |
                       ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoMove)) {
    ImGui::PushTextWrapPos(0.0f);  // the window's edge, whether or not it shows a scrollbar
    ImGui::PushFont(ctx.fonts.bold);
    ImGui::TextUnformatted(w.question.c_str());
    ImGui::PopFont();
    ImGui::PushFont(ctx.compact ? ctx.fonts.ui : ctx.fonts.caption);
    ImGui::TextUnformatted(w.answer.c_str());
    ImGui::PopFont();
    ImGui::Spacing();
    int id = 0;
    for (const teach::Link& l : w.links) {
      ImGui::PushID(id++);
      if (l.step >= 0) {
        // A link: the step's number as a button, then the words.
        const std::string label = "step " + std::to_string(l.step);
        if (ImGui::SmallButton(label.c_str())) ctx.go_to(l.step);
        if (ImGui::IsItemHovered() && !ctx.deterministic) ImGui::SetTooltip("Go to step %d", l.step);
        ImGui::SameLine();
      }
      ImGui::TextUnformatted(l.text.c_str());
      ImGui::PopID();
    }
    ImGui::Spacing();
    ImGui::TextDisabled(in.why_task >= 0 ? "Step on: the answer follows the step. Esc closes."
                                         : "Each step button goes there. Esc closes.");
    ImGui::PopTextWrapPos();
    const ImVec2 wp = ImGui::GetWindowPos(), ws = ImGui::GetWindowSize();
    ctx.report.why = ImVec4(wp.x, wp.y, wp.x + ws.x, wp.y + ws.y);
    ctx.report.why_question = w.question;
    ctx.report.why_answer = w.answer;
    ctx.report.why_links = static_cast<int>(w.links.size());
  }
  ImGui::End();
  ImGui::PopStyleVar();
  ImGui::PopStyleColor(2);
  if (!open) {
    in.why_task = -1;
    in.why_event = -1;
  }
}

}  // namespace trioscope::gui
