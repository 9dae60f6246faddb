// The toolbar (playback, scrub, speed, run settings, look) and the error banner.
#include <algorithm>
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <string>

#include <imgui.h>

#include "gui/app.hpp"
#include "gui/draw.hpp"
#include "gui/panels.hpp"
#include "view/task_state.hpp"

namespace trioscope::gui {

namespace {

// Keeps the next item on this line if it fits, else starts a new line: the toolbar wraps
// instead of clipping when the window is narrow or the UI is scaled up.
void next_item(float width) {
  const float right = ImGui::GetWindowContentRegionMax().x;
  ImGui::SameLine();
  if (ImGui::GetCursorPosX() + width > right) ImGui::NewLine();
}

bool button(const char* label, const char* tooltip, bool enabled = true) {
  next_item(ImGui::CalcTextSize(label, nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2);
  if (!enabled) ImGui::BeginDisabled();
  const bool pressed = ImGui::Button(label);
  if (!enabled) ImGui::EndDisabled();
  if (tooltip && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) ImGui::SetTooltip("%s", tooltip);
  return pressed;
}

}  // namespace

// Row 1: lessons toggle and title on the left; run settings and look on the right.
// Row 2: playback, the scrub slider (as wide as the room left), time and speed.
void draw_toolbar(App& app) {
  ViewState& vs = app.vs;
  view::Playback* pb = app.doc.playback();
  const std::int32_t last = pb ? pb->last_step() : -1;
  const float lh = ImGui::GetFontSize();
  const ImGuiStyle& style = ImGui::GetStyle();

  if (ImGui::Button("\xE2\x98\xB0##lessons")) app.toggle_lessons();  // ☰
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Show or hide the lessons");
  ImGui::SameLine();
  ImGui::PushFont(app.fonts.bold);
  ImGui::AlignTextToFramePadding();
  const std::string title = app.doc.loaded() ? app.doc.title() : std::string("trioscope");
  ImGui::TextUnformatted(title.c_str());
  ImGui::PopFont();

  // Run settings: each change reruns the scenario at once, so a class can compare.
  if (app.doc.scenario()) {
    RunChoice c = app.doc.choice();
    bool strict = app.doc.strict();
    next_item(ImGui::CalcTextSize("strict_exception_groups").x + 2.5f * lh);
    if (ImGui::Checkbox("strict_exception_groups", &strict)) {
      c.strict_exception_groups = strict;
      app.doc.set_choice(c);
    }
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("On: nursery errors always come out as an ExceptionGroup (Trio >= 0.25).\n"
                        "Off: a single error comes out bare, as in older Trio.");
    int mode = app.doc.random() ? 1 : 0;
    const float cw = ImGui::CalcTextSize("random").x + 2.5f * lh;
    next_item(cw + ImGui::CalcTextSize("scheduling").x + style.ItemSpacing.x);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("scheduling");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(cw);
    if (ImGui::Combo("##scheduling", &mode, "fifo\0random\0")) {
      c.random = mode == 1;
      app.doc.set_choice(c);
    }
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("fifo: tasks run in the order they became runnable.\n"
                        "random: Trio's own policy, each batch reversed with probability 1/2.");
    if (mode == 1) {
      int seed = static_cast<int>(std::min<std::uint64_t>(app.doc.seed(), 1u << 30));
      next_item(8 * lh);
      ImGui::AlignTextToFramePadding();
      ImGui::TextUnformatted("seed");
      ImGui::SameLine();
      ImGui::SetNextItemWidth(6 * lh);
      if (ImGui::InputInt("##seed", &seed, 1, 10) && seed >= 0) {
        c.seed = static_cast<std::uint64_t>(seed);
        app.doc.set_choice(c);
      }
    }
  }
  // Look: theme, size, animation length, presentation mode.
  const bool light = vs.theme == view::Theme::light;
  if (button(light ? "\xE2\x98\xBE##theme" : "\xE2\x98\x80##theme",  // ☾ / ☀
             light ? "Dark theme" : "Light theme (for projectors)")) {
    vs.theme = light ? view::Theme::dark : view::Theme::light;
    app.requests.rebuild_fonts = true;  // re-applies the style too
  }
  if (button("A-", "Smaller text and UI (Ctrl -)")) {
    vs.ui_scale = std::max(0.75f, vs.ui_scale - 0.25f);
    app.requests.rebuild_fonts = true;
  }
  if (button("A+", "Larger text and UI, for a projector (Ctrl +)")) {
    vs.ui_scale = std::min(4.0f, vs.ui_scale + 0.25f);
    app.requests.rebuild_fonts = true;
  }
  if (button("\xE2\x9A\x99##look", "Animation, presentation mode, keys")) ImGui::OpenPopup("look");  // ⚙
  if (ImGui::BeginPopup("look")) {
    ImGui::TextUnformatted("Animation between steps");
    ImGui::SetNextItemWidth(10 * lh);
    ImGui::SliderFloat("##anim", &vs.anim_seconds, 0.0f, 3.0f, vs.anim_seconds <= 0 ? "off" : "%.1f s");
    ImGui::TextDisabled("Stepping never waits for an animation.");
    ImGui::Separator();
    if (ImGui::Button(vs.fullscreen ? "Leave presentation mode (F11)" : "Presentation mode: full screen (F11)"))
      app.requests.toggle_fullscreen = true;
    ImGui::Text("Text and UI size: %d%%  (Ctrl + / Ctrl - / Ctrl 0)", static_cast<int>(vs.ui_scale * 100 + 0.5f));
    ImGui::Separator();
    ImGui::TextDisabled("Space: play / pause    Left, Right: one event\n"
                        "Shift+Left, Shift+Right: one instant of virtual time\n"
                        "Home, End: first / last step    Ctrl+R: reload the file");
    ImGui::EndPopup();
  }

  // Row 2: playback.
  const bool have = pb != nullptr;
  if (!have) ImGui::BeginDisabled();
  if (ImGui::Button("\xE2\x87\xA4##first")) { vs.playing = false; app.go_to(-1); }  // ⇤
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("First step (Home)");
  if (button("\xE2\x97\x80\xE2\x97\x80##previnstant", "Back one instant of virtual time (Shift+Left)")) {  // ◀◀
    vs.playing = false;
    app.go_to(pb->prev_instant(vs.step));
  }
  if (button("\xE2\x97\x80##prev", "Back one event (Left)")) { vs.playing = false; app.go_to(vs.step - 1); }  // ◀
  const char* play = vs.playing ? "\xE2\x9D\x9A\xE2\x9D\x9A Pause##play" : "\xE2\x96\xB6 Play##play";  // ❚❚ / ▶
  if (button(play, "Play or pause (Space)")) {
    if (!vs.playing && vs.step >= last) app.go_to(-1);
    vs.playing = !vs.playing;
    vs.play_clock = 0;
  }
  if (button("\xE2\x96\xB6##next", "Forward one event (Right)")) { vs.playing = false; app.go_to(vs.step + 1); }  // ▶
  if (button("\xE2\x96\xB6\xE2\x96\xB6##nextinstant", "Forward one instant of virtual time (Shift+Right)")) {
    vs.playing = false;
    app.go_to(pb->next_instant(vs.step));
  }
  if (button("\xE2\x87\xA5##last", "Last step (End)")) { vs.playing = false; app.go_to(last); }  // ⇥
  const view::Snapshot* s = app.snapshot();
  const std::string t = "t = " + view::format_seconds(s ? s->time : 0);
  const float speed_w = 9 * lh;
  const float tail = ImGui::CalcTextSize("t = 000.000000").x + ImGui::CalcTextSize("speed").x + speed_w + 4 * style.ItemSpacing.x;
  {
    // The scrub slider takes the room that is left: every step, reachable at once.
    ImGui::SameLine();
    float w = ImGui::GetContentRegionAvail().x - tail;
    if (w < 10 * lh) {
      ImGui::NewLine();
      w = ImGui::GetContentRegionAvail().x - tail;
    }
    int step = vs.step;
    ImGui::SetNextItemWidth(std::max(6 * lh, w));
    char fmt[96];
    std::snprintf(fmt, sizeof fmt, "step %%d of %d", last);
    if (ImGui::SliderInt("##scrub", &step, -1, std::max(0, last), fmt, ImGuiSliderFlags_AlwaysClamp)) {
      vs.playing = false;
      app.go_to(step);
    }
  }
  next_item(ImGui::CalcTextSize("t = 000.000000").x);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(t.c_str());
  next_item(speed_w + ImGui::CalcTextSize("speed").x);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("speed");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(speed_w);
  ImGui::SliderFloat("##speed", &vs.speed, 0.5f, 30.0f, "%.1f steps/s", ImGuiSliderFlags_Logarithmic);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Steps per second while playing");
  if (!have) ImGui::EndDisabled();
}

void draw_error_banner(App& app) {
  const auto& errors = app.doc.errors();
  if (errors.empty()) return;
  const view::Palette& p = view::palette(app.vs.theme);
  const ImGuiStyle& style = ImGui::GetStyle();
  const std::size_t shown = std::min<std::size_t>(errors.size(), 6);
  // As tall as its wrapped lines, so that every message reads whole.
  const float wrap = ImGui::GetContentRegionAvail().x - 2 * style.WindowPadding.x;
  float h = 2 * style.WindowPadding.y + ImGui::GetFrameHeightWithSpacing() + ImGui::GetTextLineHeightWithSpacing();
  ImGui::PushFont(app.fonts.mono);
  for (std::size_t i = 0; i < shown; ++i)
    h += ImGui::CalcTextSize(errors[i].c_str(), nullptr, false, wrap).y + style.ItemSpacing.y;
  if (errors.size() > shown) h += ImGui::GetTextLineHeightWithSpacing();
  ImGui::PopFont();
  ImGui::PushStyleColor(ImGuiCol_ChildBg, to_vec4(p.tint(view::ColorRole::crashed)));
  ImGui::PushStyleColor(ImGuiCol_Border, to_vec4(p[view::ColorRole::crashed]));
  ImGui::BeginChild("errors", ImVec2(0, h), true, ImGuiWindowFlags_NoScrollbar);
  ImGui::PushStyleColor(ImGuiCol_Text, to_vec4(p[view::ColorRole::crashed]));
  ImGui::PushFont(app.fonts.bold);
  ImGui::Text("\xE2\x9C\x97 Could not open %s. The lesson on screen is unchanged.", app.doc.error_file().c_str());  // ✗
  ImGui::PopFont();
  ImGui::PopStyleColor();
  ImGui::PushFont(app.fonts.mono);
  ImGui::PushTextWrapPos(0);
  for (std::size_t i = 0; i < shown; ++i) ImGui::TextUnformatted(errors[i].c_str());
  ImGui::PopTextWrapPos();
  if (errors.size() > shown) ImGui::TextDisabled("... and %zu more", errors.size() - shown);
  ImGui::PopFont();
  if (ImGui::Button("Dismiss")) app.doc.clear_errors();
  ImGui::EndChild();
  ImGui::PopStyleColor(2);
}

}  // namespace trioscope::gui
