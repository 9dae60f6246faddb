#include "gui/banners.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include "view/exc_text.hpp"
#include "view/run_stop.hpp"
#include "view/task_state.hpp"

namespace trioscope::gui {

namespace {

std::size_t errors_shown(const PanelContext& ctx) {
  return std::min<std::size_t>(ctx.doc.problems().diagnostics.size(), ctx.compact ? 2 : 6);
}

std::string error_head(const PanelContext& ctx) {
  return "\xE2\x9C\x97 Could not open " + ctx.doc.problems().file + ". " + ctx.input.error_note;  // ✗
}

std::string run_text(const PanelContext& ctx) {
  const trio::RunResult* run = ctx.doc.run();
  const view::Playback* pb = ctx.doc.playback();
  const std::int32_t last = pb ? pb->last_step() : -1;
  const std::string at = "step " + view::thousands(static_cast<std::size_t>(std::max(0, last))) + ", t = " +
                         view::format_seconds(run->end_time);
  return run->end == trio::RunEnd::deadlock
             ? "\xE2\x9A\xA0 This run never finishes: at " + at +
                   " every task waits and nothing can wake them (a deadlock; real Trio would hang)."
             : "\xE2\x9A\xA0 This run did not finish: it was stopped at " + at + ", when it reached its " +
                   trio::limit_name(run->limit) + ". " + view::limit_advice(run->limit);  // ⚠
}

float run_buttons_width() {
  const ImGuiStyle& style = ImGui::GetStyle();
  return ImGui::CalcTextSize("Go to the end").x + ImGui::CalcTextSize("Dismiss").x + 4 * style.FramePadding.x +
         2 * style.ItemSpacing.x;
}

float run_wrap() {
  const ImGuiStyle& style = ImGui::GetStyle();
  return std::max(ImGui::GetFontSize() * 10,
                  ImGui::GetContentRegionAvail().x - 2 * style.WindowPadding.x - run_buttons_width());
}

}  // namespace

ErrorBanner::ErrorBanner() : Panel("errors", {.panel_spacing = false, .flags = ImGuiWindowFlags_NoScrollbar}) {}

// As tall as its wrapped lines, so that every message reads whole.
float ErrorBanner::height(PanelContext& ctx) const {
  const ImGuiStyle& style = ImGui::GetStyle();
  const std::vector<std::string> errors = ctx.doc.problems().lines();
  const std::size_t shown = errors_shown(ctx);
  const float wrap = ImGui::GetContentRegionAvail().x - 2 * style.WindowPadding.x;
  float h = 2 * style.WindowPadding.y + ImGui::GetFrameHeightWithSpacing();
  ImGui::PushFont(ctx.fonts.bold);
  h += ImGui::CalcTextSize(error_head(ctx).c_str(), nullptr, false, wrap).y + style.ItemSpacing.y;
  ImGui::PopFont();
  ImGui::PushFont(ctx.fonts.mono);
  for (std::size_t i = 0; i < shown; ++i) h += ImGui::CalcTextSize(errors[i].c_str(), nullptr, false, wrap).y + style.ItemSpacing.y;
  if (errors.size() > shown) h += ImGui::GetTextLineHeightWithSpacing();
  ImGui::PopFont();
  return h;
}

void ErrorBanner::before(PanelContext& ctx) {
  const view::Palette& p = ctx.palette();
  ImGui::PushStyleColor(ImGuiCol_ChildBg, to_vec4(p.tint(view::ColorRole::crashed)));
  ImGui::PushStyleColor(ImGuiCol_Border, to_vec4(p[view::ColorRole::crashed]));
}
void ErrorBanner::after(PanelContext&) { ImGui::PopStyleColor(2); }

void ErrorBanner::draw_content(PanelContext& ctx) {
  const std::vector<std::string> errors = ctx.doc.problems().lines();
  const std::size_t shown = errors_shown(ctx);
  const std::string head = error_head(ctx);
  ctx.report.error_banner = head;
  ImGui::PushStyleColor(ImGuiCol_Text, to_vec4(ctx.palette()[view::ColorRole::crashed]));
  ImGui::PushFont(ctx.fonts.bold);
  ImGui::PushTextWrapPos(0);
  ImGui::TextUnformatted(head.c_str());
  ImGui::PopTextWrapPos();
  ImGui::PopFont();
  ImGui::PopStyleColor();
  ImGui::PushFont(ctx.fonts.mono);
  ImGui::PushTextWrapPos(0);
  for (std::size_t i = 0; i < shown; ++i) ImGui::TextUnformatted(errors[i].c_str());
  ImGui::PopTextWrapPos();
  if (errors.size() > shown) ImGui::TextDisabled("... and %zu more", errors.size() - shown);
  ImGui::PopFont();
  if (ImGui::Button("Dismiss")) ctx.doc.clear_problems();
}

// ---------------------------------------------------------------------------------------

MessageBar::MessageBar() : Panel("message", {.panel_spacing = false, .flags = ImGuiWindowFlags_NoScrollbar}) {}

float MessageBar::height(PanelContext& ctx) const {
  const ImGuiStyle& style = ImGui::GetStyle();
  const float wrap = ImGui::GetContentRegionAvail().x - 2 * style.WindowPadding.x - ImGui::CalcTextSize("Dismiss").x -
                     2 * style.FramePadding.x - style.ItemSpacing.x;
  const float text_h = ImGui::CalcTextSize(ctx.input.message->text.c_str(), nullptr, false, std::max(wrap, 50.0f)).y;
  return 2 * style.WindowPadding.y + std::max(text_h, ImGui::GetFrameHeight());
}

void MessageBar::before(PanelContext& ctx) {
  const view::Palette& p = ctx.palette();
  const view::ColorRole role = ctx.input.message->error ? view::ColorRole::crashed : view::ColorRole::finished;
  ImGui::PushStyleColor(ImGuiCol_ChildBg, to_vec4(p.tint(role)));
  ImGui::PushStyleColor(ImGuiCol_Border, to_vec4(p[role]));
}
void MessageBar::after(PanelContext&) { ImGui::PopStyleColor(2); }

void MessageBar::draw_content(PanelContext& ctx) {
  const InputState::Message& m = *ctx.input.message;
  ctx.report.message = m.text;
  const ImGuiStyle& style = ImGui::GetStyle();
  const float button = ImGui::CalcTextSize("Dismiss").x + 2 * style.FramePadding.x;
  // A shape as well as a colour: ✗ went wrong, ✓ done.
  const std::string text = std::string(m.error ? "\xE2\x9C\x97 " : "\xE2\x9C\x93 ") + m.text;
  ImGui::PushTextWrapPos(ImGui::GetWindowWidth() - 2 * style.WindowPadding.x - button - style.ItemSpacing.x);
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopTextWrapPos();
  ImGui::SameLine();
  ImGui::SetCursorPosX(ImGui::GetWindowContentRegionMax().x - button);
  if (ImGui::Button("Dismiss")) ctx.input.message.reset();
}

// ---------------------------------------------------------------------------------------

RunBanner::RunBanner() : Panel("run_banner", {.panel_spacing = false, .flags = ImGuiWindowFlags_NoScrollbar}) {}

bool RunBanner::shown(const PanelContext& ctx) const {
  const trio::RunResult* run = ctx.doc.run();
  if (!run || (run->end != trio::RunEnd::deadlock && run->end != trio::RunEnd::budget_exhausted)) return false;
  return ctx.input.banner_dismissed != ctx.doc.generation();
}

float RunBanner::height(PanelContext& ctx) const {
  ImGui::PushFont(ctx.fonts.bold);
  const float text_h = ImGui::CalcTextSize(run_text(ctx).c_str(), nullptr, false, run_wrap()).y;
  ImGui::PopFont();
  return 2 * ImGui::GetStyle().WindowPadding.y + std::max(text_h, ImGui::GetFrameHeight());
}

void RunBanner::before(PanelContext& ctx) {
  const view::Palette& p = ctx.palette();
  ImGui::PushStyleColor(ImGuiCol_ChildBg, to_vec4(p.tint(view::ColorRole::blocking)));
  ImGui::PushStyleColor(ImGuiCol_Border, to_vec4(p[view::ColorRole::blocking]));
}
void RunBanner::after(PanelContext&) { ImGui::PopStyleColor(2); }

void RunBanner::draw_content(PanelContext& ctx) {
  const std::string text = run_text(ctx);
  ctx.report.run_banner = text;
  const ImGuiStyle& style = ImGui::GetStyle();
  const float wrap = std::max(ImGui::GetFontSize() * 10, ImGui::GetWindowWidth() - 2 * style.WindowPadding.x - run_buttons_width());
  ImGui::PushStyleColor(ImGuiCol_Text, to_vec4(ctx.palette()[view::ColorRole::text]));
  ImGui::PushFont(ctx.fonts.bold);
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + wrap);
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopTextWrapPos();
  ImGui::PopFont();
  ImGui::PopStyleColor();
  ImGui::SameLine();
  ImGui::SetCursorPosX(ImGui::GetWindowContentRegionMax().x - run_buttons_width() + style.ItemSpacing.x);
  if (ImGui::Button("Go to the end")) {
    const view::Playback* pb = ctx.doc.playback();
    ctx.go_to(pb ? pb->last_step() : -1);
  }
  ImGui::SameLine();
  if (ImGui::Button("Dismiss")) ctx.input.banner_dismissed = ctx.doc.generation();
}

}  // namespace trioscope::gui
