// Predict's question, laid over the bottom of the window (the tree and the code stay in view,
// since the class predicts from them): the prompt and up to four numbered choices in big
// text, no timer. Keys 1-4 choose, Space reveals: the right choice gets ✓ and the word
// "right", the class's pick "your answer", each wrong choice one line on why it is wrong,
// and the caption says what happens. State is shown in words and marks, never by colour
// alone. When the big text does not fit the window, smaller fonts are tried in turn.
#include <algorithm>
#include <cfloat>
#include <string>
#include <vector>

#include "gui/teaching.hpp"

namespace trioscope::gui {

namespace {

struct Faces {
  ImFont* prompt;
  ImFont* choice;
  ImFont* note;
};

// The overlay's content, measured or drawn in one pass so both agree.
struct Content {
  const teach::Question& q;
  const Teaching::Answer& a;
  std::size_t index, count;  // which question of the run, of how many

  std::string header() const {
    return "PREDICT \xC2\xB7 question " + std::to_string(index + 1) + " of " + std::to_string(count) +
           (q.authored ? " \xC2\xB7 from the lesson" : "");
  }
  std::string keys() const {
    return a.revealed ? "Space: go on and watch it happen \xC2\xB7 P: leave Predict"
                      : "1\xE2\x80\x93" + std::to_string(q.choices.size()) + ": choose \xC2\xB7 Space: reveal \xC2\xB7 P: leave Predict";
  }
  std::string mark(std::size_t i) const {
    const bool chosen = a.chosen == static_cast<int>(i);
    if (!a.revealed) return chosen ? "\xE2\x97\x86 your answer" : "";  // ◆
    if (q.choices[i].correct) return chosen ? "\xE2\x9C\x93 right \xC2\xB7 your answer" : "\xE2\x9C\x93 right";  // ✓
    return chosen ? "\xE2\x9C\x97 your answer" : "\xE2\x9C\x97";  // ✗
  }

  // Draws (when `draw`) at the cursor, `w` wide; returns the height used.
  float lay(const PanelContext& ctx, const Faces& f, float w, bool draw) const {
    const view::Palette& p = ctx.palette();
    const float pad = f.note->FontSize * 0.6f;
    float y = 0;
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImDrawList* dl = draw ? ImGui::GetWindowDrawList() : nullptr;
    auto text = [&](ImFont* font, const std::string& s, float x, float width, view::Rgba c) {
      const ImVec2 size = font->CalcTextSizeA(font->FontSize, FLT_MAX, width, s.c_str());
      if (dl) dl->AddText(font, font->FontSize, ImVec2(origin.x + x, origin.y + y), to_u32(c), s.c_str(), nullptr, width);
      return size.y;
    };
    const view::Rgba ink = p[view::ColorRole::text], muted = p[view::ColorRole::text_muted];
    // Header: what this is, and the keys, on one line when they fit.
    {
      const std::string h = header(), k = keys();
      const float hw = f.note->CalcTextSizeA(f.note->FontSize, FLT_MAX, 0, h.c_str()).x;
      const float kw = f.note->CalcTextSizeA(f.note->FontSize, FLT_MAX, 0, k.c_str()).x;
      text(f.note, h, 0, w, p[view::ColorRole::playhead]);
      if (hw + kw + pad * 2 <= w) {
        text(f.note, k, w - kw, kw + 1, muted);
        y += f.note->FontSize + pad;
      } else {
        y += f.note->FontSize;
        y += text(f.note, k, 0, w, muted) + pad;
      }
    }
    y += text(f.prompt, q.prompt, 0, w, ink) + pad;
    // The choices: a key box, the text, and after it what it is (chosen, right, wrong).
    const float key_w = f.choice->FontSize * 1.9f;
    for (std::size_t i = 0; i < q.choices.size(); ++i) {
      const teach::Choice& c = q.choices[i];
      const bool chosen = a.chosen == static_cast<int>(i);
      const bool dim = a.revealed && !c.correct && !chosen;
      const float top = y;
      const std::string m = mark(i);
      const float mark_w = m.empty() ? 0 : f.note->CalcTextSizeA(f.note->FontSize, FLT_MAX, 0, m.c_str()).x + pad;
      const float text_w = std::max(w * 0.3f, w - key_w - mark_w);
      const float th = f.choice->CalcTextSizeA(f.choice->FontSize, FLT_MAX, text_w, c.text.c_str()).y;
      if (dl) {
        // Chosen or right: a frame around the row (the marks say which in words).
        const float row_h = std::max(th, f.choice->FontSize * 1.35f * 0.95f);
        if (chosen || (a.revealed && c.correct))
          dl->AddRect(ImVec2(origin.x - pad * 0.4f, origin.y + top - pad * 0.35f),
                      ImVec2(origin.x + w + pad * 0.4f, origin.y + top + row_h + pad * 0.35f),
                      to_u32(a.revealed && c.correct ? p[view::ColorRole::finished] : p[view::ColorRole::playhead]),
                      pad * 0.4f, 0, std::max(2.0f, f.note->FontSize * 0.12f));
        const float box = f.choice->FontSize * 1.35f;
        dl->AddRect(ImVec2(origin.x, origin.y + top), ImVec2(origin.x + box, origin.y + top + box * 0.95f), to_u32(ink),
                    box * 0.15f, 0, std::max(1.0f, box * 0.06f));
        const std::string key = std::to_string(i + 1);
        const ImVec2 ks = f.choice->CalcTextSizeA(f.choice->FontSize, FLT_MAX, 0, key.c_str());
        dl->AddText(f.choice, f.choice->FontSize, ImVec2(origin.x + (box - ks.x) * 0.5f, origin.y + top + (box * 0.95f - ks.y) * 0.5f),
                    to_u32(ink), key.c_str());
      }
      text(f.choice, c.text, key_w, text_w, dim ? muted : ink);
      if (!m.empty()) {
        const view::Rgba mc = a.revealed && c.correct ? p[view::ColorRole::finished]
                              : a.revealed            ? p[view::ColorRole::crashed]
                                                      : p[view::ColorRole::playhead];
        if (dl) dl->AddText(f.note, f.note->FontSize, ImVec2(origin.x + w - mark_w + pad, origin.y + top + (f.choice->FontSize - f.note->FontSize) * 0.5f),
                            to_u32(mc), m.c_str());
      }
      y += std::max(th, f.choice->FontSize * 1.35f * 0.95f);
      if (a.revealed && !c.correct && !c.why.empty()) {
        y += pad * 0.45f;  // clear of the frame around a chosen row
        y += text(f.note, c.why, key_w, w - key_w, muted);
      }
      y += pad * 1.1f;
    }
    if (a.revealed && !q.caption.empty()) {
      y += pad * 0.4f;
      y += text(f.note, "What happens: " + q.caption, 0, w, ink);
    }
    return y;
  }
};

}  // namespace

void draw_predict_overlay(PanelContext& ctx, Teaching& teaching) {
  const teach::Question* q = teaching.posed(ctx.input, ctx.view.step);
  if (!q || ctx.input.help) return;
  const auto& qs = teaching.data().questions;
  const std::size_t index = static_cast<std::size_t>(q - qs.data());
  Teaching::Answer& a = teaching.answer(q->stop);
  const Content content{*q, a, index, qs.size()};

  const ImGuiViewport* vp = ImGui::GetMainViewport();
  const float lh = ImGui::GetFontSize();
  const float margin = lh;
  const ImGuiStyle& style = ImGui::GetStyle();
  const float width = std::min(vp->Size.x - 2 * margin, std::max(40 * lh, vp->Size.x * 0.72f));
  const float inner = width - 2 * style.WindowPadding.x;
  // Before the reveal the tree and the code must stay in view; the reveal may take more.
  const float max_h = vp->Size.y * (a.revealed ? 0.8f : 0.55f);
  // The biggest faces whose layout fits.
  const Faces tries[] = {{ctx.fonts.big_bold, ctx.fonts.big, ctx.fonts.caption},
                         {ctx.fonts.bold, ctx.fonts.caption, ctx.fonts.ui},
                         {ctx.fonts.bold, ctx.fonts.ui, ctx.fonts.ui}};
  Faces faces = tries[2];
  float h = 0;
  for (const Faces& f : tries) {
    if (!f.prompt || !f.choice || !f.note) continue;
    h = content.lay(ctx, f, inner, false);
    faces = f;
    if (h + 2 * style.WindowPadding.y <= max_h) break;
  }
  const float height = std::min(vp->Size.y - 2 * margin, h + 2 * style.WindowPadding.y);
  const ImVec2 pos(vp->Pos.x + (vp->Size.x - width) * 0.5f, vp->Pos.y + vp->Size.y - margin - height);
  ImGui::SetNextWindowPos(pos);
  ImGui::SetNextWindowSize(ImVec2(width, height));
  const view::Palette& p = ctx.palette();
  ImGui::PushStyleColor(ImGuiCol_WindowBg, to_vec4(p[view::ColorRole::panel]));
  ImGui::PushStyleColor(ImGuiCol_Border, to_vec4(p[view::ColorRole::playhead]));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, std::max(2.0f, lh * 0.15f));
  if (ImGui::Begin("##predict", nullptr,
                   ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing |
                       ImGuiWindowFlags_NoNav)) {
    content.lay(ctx, faces, inner, true);
    // Clicks choose too; the keys are what a class uses.
    ImGui::Dummy(ImVec2(inner, h));
    ctx.report.predict_shown = true;
    ctx.report.predict_revealed = a.revealed;
    ctx.report.predict_prompt = q->prompt;
    ctx.report.predict_choices = static_cast<int>(q->choices.size());
    ctx.report.predict_fits = h + 2 * style.WindowPadding.y <= height + 0.5f;
    const ImVec2 wp = ImGui::GetWindowPos(), ws = ImGui::GetWindowSize();
    ctx.report.predict = ImVec4(wp.x, wp.y, wp.x + ws.x, wp.y + ws.y);
  }
  ImGui::End();
  ImGui::PopStyleVar();
  ImGui::PopStyleColor(2);
}

}  // namespace trioscope::gui
