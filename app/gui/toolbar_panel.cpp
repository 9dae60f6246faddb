#include "gui/toolbar_panel.hpp"

#include <algorithm>
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <string>
#include <utility>

#include <GLFW/glfw3.h>

#include "view/exc_text.hpp"
#include "view/shapes.hpp"
#include "view/task_state.hpp"

namespace trioscope::gui {

namespace {

// The right edge of the row being laid out (window x). The menu bar's own content region
// does not say where its row ends, so drawing there sets it.
float g_row_right = -1;
float row_right() { return g_row_right >= 0 ? g_row_right : ImGui::GetWindowContentRegionMax().x; }
// Between two items of the row: a menu bar puts its own spacing after each item as well.
bool g_in_menu_bar = false;
float item_spacing() { return ImGui::GetStyle().ItemSpacing.x * (g_in_menu_bar ? 2.0f : 1.0f); }

// Keeps the next item on this line if it fits, else starts a new line: the toolbar wraps
// instead of clipping when the window is narrow or the UI is scaled up.
void next_item(float width) {
  const float right = row_right();
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

float button_w(const char* label) {
  return ImGui::CalcTextSize(label, nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2;
}

float checkbox_w(const char* label) {
  return ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::CalcTextSize(label, nullptr, true).x;
}

void change_scale(PanelContext& ctx, int steps) {
  ctx.prefs.ui_scale = stepped_scale(ctx.prefs.ui_scale, steps);
  ctx.requests.rebuild_fonts = true;
}

// Theme and text size: buttons on the toolbar, or rows of the ⚙ menu in a narrow window.
void look_buttons(PanelContext& ctx) {
  Preferences& vs = ctx.prefs;
  const bool light = vs.theme == view::Theme::light;
  if (button(light ? "\xE2\x98\xBE##theme" : "\xE2\x98\x80##theme",  // ☾ / ☀
             light ? "Dark theme" : "Light theme (for projectors)")) {
    vs.theme = light ? view::Theme::dark : view::Theme::light;
    ctx.requests.rebuild_fonts = true;  // re-applies the style too
  }
  if (button("A-", "Smaller text and UI (Ctrl -)")) change_scale(ctx, -1);
  if (button("A+", "Larger text and UI, for a projector (Ctrl +)")) change_scale(ctx, 1);
}

const char* kSpeedFormat = "%.1f steps/s";
const char* kFolded = "\xE2\x9A\x99 More##look";  // ⚙, when the look and speed are folded into it
// In the menu bar the View menu says the same, so the button is its icon.
const char* folded_label() { return g_in_menu_bar ? "\xE2\x9A\x99##look" : kFolded; }

void speed_slider(PanelContext& ctx, float width) {
  ImGui::SetNextItemWidth(width);
  // The value is written next to the slider, not on it, where the handle would cover it.
  ImGui::SliderFloat("##speed", &ctx.prefs.speed, 0.5f, 30.0f, "", ImGuiSliderFlags_Logarithmic | ImGuiSliderFlags_NoRoundToFormat);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Steps per second while playing");
  ImGui::SameLine();
  ImGui::AlignTextToFramePadding();
  ImGui::Text(kSpeedFormat, ctx.prefs.speed);
}

void look_menu(PanelContext& ctx, bool narrow) {
  Preferences& vs = ctx.prefs;
  const float lh = ImGui::GetFontSize();
  if (narrow) {
    ImGui::TextUnformatted("Look");
    look_buttons(ctx);
    ImGui::TextUnformatted("Speed while playing");
    speed_slider(ctx, 10 * lh);
    ImGui::Separator();
  }
  ImGui::TextUnformatted("Animation between steps");
  ImGui::SetNextItemWidth(10 * lh);
  ImGui::SliderFloat("##anim", &vs.anim_seconds, 0.0f, 3.0f, vs.anim_seconds <= 0 ? "off" : "%.1f s");
  ImGui::TextDisabled("Stepping never waits for an animation.");
  ImGui::Separator();
  if (ImGui::Button(ctx.input.fullscreen ? "Leave presentation mode (F11)" : "Presentation mode: full screen (F11)"))
    ctx.requests.toggle_fullscreen = true;
  ImGui::Text("Text and UI size: %d%%  (Ctrl + / Ctrl - / Ctrl 0)", static_cast<int>(vs.ui_scale * 100 + 0.5f));
  ImGui::Separator();
  if (ImGui::Button("Keys and legend (F1)")) {
    ctx.input.help = true;
    ImGui::CloseCurrentPopup();
  }
}

}  // namespace

ToolbarPanel::ToolbarPanel() : Panel("toolbar", {.child = false}) {}

void ToolbarPanel::draw_content(PanelContext& ctx) {
  const bool narrow = ImGui::GetContentRegionAvail().x < 60 * ImGui::GetFontSize();
  if (!std::exchange(row1_in_menu_, false)) title_and_settings(ctx, narrow);
  playback_row(ctx, narrow);
}

float ToolbarPanel::settings_width(const PanelContext& ctx, bool narrow) const {
  const float lh = ImGui::GetFontSize();
  const ImGuiStyle& style = ImGui::GetStyle();
  const float sp = item_spacing();
  const float combo_w = ImGui::CalcTextSize("random").x + ImGui::GetFrameHeight() + 2 * style.FramePadding.x;
  float right_w = 0;
  if (ctx.doc.scenario()) {
    right_w += sp + checkbox_w("strict_exception_groups");
    right_w += sp + (narrow ? 0 : ImGui::CalcTextSize("scheduling").x + sp) + combo_w;
    if (ctx.doc.random()) right_w += sp + ImGui::CalcTextSize("seed").x + sp + 6 * lh;
  }
  right_w += narrow ? sp + button_w(folded_label())
                    : 4 * sp + button_w("\xE2\x98\xBE") + button_w("A-") + button_w("A+") + button_w("\xE2\x9A\x99");
  return right_w;
}

void ToolbarPanel::draw_in_menu_bar(PanelContext& ctx) {
  const float lh = ImGui::GetFontSize();
  const float width = ImGui::GetMainViewport()->Size.x;
  const bool narrow = width < 60 * lh;
  const float room = ImGui::GetContentRegionAvail().x;
  // A readable title and the settings, or the toolbar keeps its row.
  g_in_menu_bar = true;
  const bool fits = room >= settings_width(ctx, narrow) + item_spacing() + 6 * lh;
  if (!fits) {
    g_in_menu_bar = false;
    return;
  }
  ImGui::SameLine(0, lh);
  g_row_right = ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x;
  title_and_settings(ctx, narrow);
  g_row_right = -1;
  g_in_menu_bar = false;
  row1_in_menu_ = true;
}

// Row 1: lessons toggle and title on the left; run settings and look on the right. The
// title gives way (shortened, whole in its tooltip) before the settings do. A narrow
// window (a projector at a large scale) keeps the look and speed in the ⚙ menu.
void ToolbarPanel::title_and_settings(PanelContext& ctx, bool narrow) {
  const float lh = ImGui::GetFontSize();
  const ImGuiStyle& style = ImGui::GetStyle();
  const float sp = item_spacing();
  const float right = row_right();
  const document::Document& doc = ctx.doc;

  // What row 1 needs on the right of the title.
  const bool settings = doc.scenario() != nullptr;
  const bool random = doc.random();
  const float combo_w = ImGui::CalcTextSize("random").x + ImGui::GetFrameHeight() + 2 * style.FramePadding.x;
  float right_w = 0;
  if (settings) {
    right_w += sp + checkbox_w("strict_exception_groups");
    right_w += sp + (narrow ? 0 : ImGui::CalcTextSize("scheduling").x + sp) + combo_w;
    if (random) right_w += sp + ImGui::CalcTextSize("seed").x + sp + 6 * lh;
  }
  right_w += narrow ? sp + button_w(folded_label())
                    : 4 * sp + button_w("\xE2\x98\xBE") + button_w("A-") + button_w("A+") + button_w("\xE2\x9A\x99");

  // (In the menu bar, View > Lessons does it, and the strip of a narrow window.)
  if (g_row_right < 0) {
    if (ImGui::Button("\xE2\x98\xB0##lessons")) {  // ☰
      if (ctx.wide) ctx.prefs.show_lessons = !ctx.prefs.show_lessons;
      else ctx.input.lessons_over = !ctx.input.lessons_over;
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip(ctx.wide ? "Show or hide the lessons" : "Show the lessons over the tree");
    ImGui::SameLine();
  }
  {
    std::string title = doc.loaded() ? doc.title() : std::string("trioscope");
    // Unsaved changes: a dot after the title, as in the window's title.
    const bool unsaved = ctx.session && doc.loaded() && ctx.session->unsaved(doc);
    if (unsaved) title += " \xE2\x80\xA2";
    // (Less a spacing: the settings start one spacing after the title.)
    float room = right - ImGui::GetCursorPosX() - right_w - sp;
    // Too little room for a readable title: the settings go to a row of their own.
    // (In the menu bar there is no next row: it was checked that the settings fit.)
    const bool own_row = room < 8 * lh && g_row_right < 0;
    if (own_row) room = right - ImGui::GetCursorPosX();
    ImGui::PushFont(ctx.fonts.bold);
    const std::string shown = view::fit_text(ctx.measurer(), view::Font::bold, title, room);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(shown.c_str());
    ImGui::PopFont();
    if ((shown != title || unsaved) && ImGui::IsItemHovered() && !ctx.deterministic)
      ImGui::SetTooltip("%s%s", title.c_str(), unsaved ? "\n\xE2\x80\xA2 unsaved changes (Ctrl+S saves)" : "");
    ctx.report.title_shown = shown;
    // The settings and the look sit against the right edge, whatever the title's length, so
    // that a button does not move when the text size changes (a second click on A+ is A+).
    // (An empty item marks where they start; the next item goes after it.)
    if (!own_row) {
      const float after_title = ImGui::GetItemRectMax().x - ImGui::GetWindowPos().x;
      ImGui::SameLine(std::max(after_title, right - right_w));
      ImGui::Dummy(ImVec2(0, 0));
    }
  }

  // Run settings: each change reruns the scenario, so a class can compare.
  if (settings) {
    document::RunChoice c = doc.choice();
    bool strict = doc.strict();
    next_item(checkbox_w("strict_exception_groups"));
    if (ImGui::Checkbox("strict_exception_groups", &strict)) {
      c.strict_exception_groups = strict;
      ctx.commands.push(document::SetChoice{c});
    }
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("On: nursery errors always come out as an ExceptionGroup (Trio >= 0.25).\n"
                        "Off: a single error comes out bare, as in older Trio.");
    int mode = random ? 1 : 0;
    next_item(combo_w + (narrow ? 0 : ImGui::CalcTextSize("scheduling").x + sp));
    if (!narrow) {
      ImGui::AlignTextToFramePadding();
      ImGui::TextUnformatted("scheduling");
      ImGui::SameLine();
    }
    ImGui::SetNextItemWidth(combo_w);
    if (ImGui::Combo("##scheduling", &mode, "fifo\0random\0")) {
      c.random = mode == 1;
      ctx.commands.push(document::SetChoice{c});
    }
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("Scheduling\n"
                        "fifo: tasks run in the order they became runnable.\n"
                        "random: Trio's own policy, each batch reversed with probability 1/2.");
    if (mode == 1) {
      int seed = static_cast<int>(std::min<std::uint64_t>(doc.seed(), 1u << 30));
      next_item(ImGui::CalcTextSize("seed").x + sp + 6 * lh);
      ImGui::AlignTextToFramePadding();
      ImGui::TextUnformatted("seed");
      ImGui::SameLine();
      ImGui::SetNextItemWidth(6 * lh);
      if (ImGui::InputInt("##seed", &seed, 1, 10) && seed >= 0) {
        c.seed = static_cast<std::uint64_t>(seed);
        ctx.commands.push(document::SetChoice{c});
      }
    }
  }
  // Look: theme, size, animation length, presentation mode.
  if (!narrow) look_buttons(ctx);
  // Narrow, the look and the speed fold into this menu, and its button says so.
  if (button(narrow ? folded_label() : "\xE2\x9A\x99##look", narrow ? "Look, speed, animation, presentation mode, keys"
                                                        : "Animation, presentation mode, keys"))  // ⚙
    ImGui::OpenPopup("look");
  if (ImGui::BeginPopup("look")) {
    look_menu(ctx, narrow);
    if (ImGui::IsKeyPressed(GLFW_KEY_ESCAPE, false)) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
  }
}

// Row 2: playback, the step and the scrub slider (as wide as the room left), time, speed.
void ToolbarPanel::playback_row(PanelContext& ctx, bool narrow) {
  InputState& in = ctx.input;
  const document::DocumentView& vs = ctx.view;
  const view::Playback* pb = ctx.doc.playback();
  const std::int32_t last = pb ? pb->last_step() : -1;
  const float lh = ImGui::GetFontSize();
  const float sp = ImGui::GetStyle().ItemSpacing.x;
  const bool have = pb != nullptr;
  if (!have) ImGui::BeginDisabled();
  if (ImGui::Button("\xE2\x87\xA4##first")) ctx.go_to(-1);  // ⇤
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("First step (Home)");
  if (button("\xE2\x97\x80\xE2\x97\x80##previnstant", "Back one instant of virtual time (Shift+Left)"))  // ◀◀
    ctx.go_to(pb->prev_instant(vs.step));
  if (button("\xE2\x97\x80##prev", "Back one event (Left)")) ctx.go_to(vs.step - 1);  // ◀
  const char* play = in.playing ? "\xE2\x9D\x9A\xE2\x9D\x9A Pause##play" : "\xE2\x96\xB6 Play##play";  // ❚❚ / ▶
  if (button(play, "Play or pause (Space)")) {
    const bool was_playing = in.playing;
    if (!was_playing && vs.step >= last) ctx.go_to(-1);
    in.playing = !was_playing;
    in.play_clock = 0;
  }
  if (button("\xE2\x96\xB6##next", "Forward one event (Right)")) ctx.go_to(vs.step + 1);  // ▶
  if (button("\xE2\x96\xB6\xE2\x96\xB6##nextinstant", "Forward one instant of virtual time (Shift+Right)"))
    ctx.go_to(pb->next_instant(vs.step));
  if (button("\xE2\x87\xA5##last", "Last step (End)")) ctx.go_to(last);  // ⇥

  // Where we are, in words beside the slider (its handle would cover words on it), in a
  // fixed width so that the slider does not twitch from step to step.
  const std::string lastn = view::thousands(static_cast<std::size_t>(std::max(0, last)));
  const std::string step_text =
      vs.step < 0 ? "before the first step" : "step " + view::thousands(static_cast<std::size_t>(vs.step)) + " of " + lastn;
  ctx.report.scrub_label = step_text;
  const float step_w = std::max(ImGui::CalcTextSize("before the first step").x,
                                ImGui::CalcTextSize(("step " + lastn + " of " + lastn).c_str()).x);
  const view::Snapshot* s = ctx.snapshot;
  const trio::Trace* trace = ctx.doc.trace();
  const double end_time = trace && !trace->events.empty() ? trace->events.back().time : 0;
  const std::string t = "t = " + view::format_seconds(s ? s->time : 0);
  const float t_w = std::max(ImGui::CalcTextSize(t.c_str()).x,
                             ImGui::CalcTextSize(("t = " + view::format_seconds(end_time)).c_str()).x);
  const float speed_slider_w = 6 * lh;
  char speed_max[32];
  std::snprintf(speed_max, sizeof speed_max, kSpeedFormat, 30.0);
  const float speed_w =
      narrow ? 0 : sp + ImGui::CalcTextSize("speed").x + sp + speed_slider_w + sp + ImGui::CalcTextSize(speed_max).x;
  {
    // The scrub slider takes the room that is left: every step, reachable at once.
    ImGui::SameLine();
    float w = ImGui::GetContentRegionAvail().x - step_w - sp - sp - t_w - speed_w;
    if (w < 8 * lh) {
      ImGui::NewLine();
      w = ImGui::GetContentRegionAvail().x - step_w - sp - sp - t_w - speed_w;
    }
    // Right-aligned: the words sit next to the slider they describe.
    const float x = ImGui::GetCursorPosX();
    ImGui::SetCursorPosX(x + step_w - ImGui::CalcTextSize(step_text.c_str()).x);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(step_text.c_str());
    ImGui::SameLine(x + step_w + sp);
    int step = vs.step;
    ImGui::SetNextItemWidth(std::max(4 * lh, w));
    if (ImGui::SliderInt("##scrub", &step, -1, std::max(0, last), "", ImGuiSliderFlags_AlwaysClamp)) ctx.go_to(step);
    if (ImGui::IsItemHovered() && !ctx.deterministic) ImGui::SetTooltip("Drag to any step");
  }
  ImGui::SameLine();
  {
    const float x = ImGui::GetCursorPosX();
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(t.c_str());
    ImGui::SameLine(x + t_w + sp);
    ImGui::Dummy(ImVec2(0, 0));
  }
  if (!narrow) {
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("speed");
    ImGui::SameLine();
    speed_slider(ctx, speed_slider_w);
  }
  if (!have) ImGui::EndDisabled();
}

}  // namespace trioscope::gui
