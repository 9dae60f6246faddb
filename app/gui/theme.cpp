#include "gui/theme.hpp"

#include <imgui.h>

#include "gui/imgui_painter.hpp"
#include "view/surface_style.hpp"

namespace trioscope::gui {

void apply_theme(view::Theme theme, float scale) {
  ImGuiStyle st;
  const view::Palette& p = view::palette(theme);
  const bool light = theme == view::Theme::light;
  if (light) ImGui::StyleColorsLight(&st);
  else ImGui::StyleColorsDark(&st);
  auto c = [&](view::ColorRole r, float a = 1.0f) { return to_vec4(p[r], a); };
  using R = view::ColorRole;
  ImVec4* col = st.Colors;
  col[ImGuiCol_Text] = c(R::text);
  col[ImGuiCol_TextDisabled] = c(R::text_muted);
  col[ImGuiCol_WindowBg] = c(R::background);
  // Panels are drawn over the window's own background, which the frame clears to: a child
  // background would paint every pixel twice, and software OpenGL (a projector laptop, CI)
  // pays for each one.
  col[ImGuiCol_ChildBg] = c(R::background, 0.0f);
  col[ImGuiCol_PopupBg] = c(R::panel);
  col[ImGuiCol_Border] = light ? ImVec4(0.35f, 0.40f, 0.45f, 0.60f) : ImVec4(0.62f, 0.67f, 0.73f, 0.60f);
  // Frames (checkboxes, fields, sliders) stand out from the panel in both themes: an
  // unchecked checkbox must read as a box from the back of the room.
  col[ImGuiCol_FrameBg] = light ? ImVec4(0.90f, 0.92f, 0.94f, 1) : ImVec4(0.26f, 0.30f, 0.36f, 1);
  col[ImGuiCol_FrameBgHovered] = light ? ImVec4(0.82f, 0.87f, 0.93f, 1) : ImVec4(0.24f, 0.29f, 0.35f, 1);
  col[ImGuiCol_FrameBgActive] = light ? ImVec4(0.74f, 0.82f, 0.92f, 1) : ImVec4(0.28f, 0.35f, 0.43f, 1);
  col[ImGuiCol_Button] = light ? ImVec4(0.88f, 0.90f, 0.93f, 1) : ImVec4(0.22f, 0.26f, 0.31f, 1);
  col[ImGuiCol_ButtonHovered] = light ? ImVec4(0.78f, 0.85f, 0.95f, 1) : ImVec4(0.28f, 0.36f, 0.46f, 1);
  col[ImGuiCol_ButtonActive] = light ? ImVec4(0.66f, 0.77f, 0.93f, 1) : ImVec4(0.33f, 0.44f, 0.58f, 1);
  col[ImGuiCol_Header] = light ? ImVec4(0.85f, 0.89f, 0.95f, 1) : ImVec4(0.22f, 0.28f, 0.36f, 1);
  col[ImGuiCol_HeaderHovered] = light ? ImVec4(0.78f, 0.85f, 0.95f, 1) : ImVec4(0.27f, 0.35f, 0.46f, 1);
  col[ImGuiCol_HeaderActive] = light ? ImVec4(0.70f, 0.80f, 0.94f, 1) : ImVec4(0.31f, 0.41f, 0.54f, 1);
  col[ImGuiCol_CheckMark] = c(R::runnable);
  col[ImGuiCol_SliderGrab] = c(R::runnable);
  col[ImGuiCol_SliderGrabActive] = c(R::playhead);
  col[ImGuiCol_MenuBarBg] = c(R::panel);
  col[ImGuiCol_ScrollbarBg] = c(R::panel);
  col[ImGuiCol_Separator] = col[ImGuiCol_Border];
  col[ImGuiCol_TitleBg] = c(R::panel);
  col[ImGuiCol_TitleBgActive] = c(R::panel);
  st.WindowRounding = 0;
  st.ChildRounding = view::kPanelRounding;
  st.FrameRounding = 4;
  st.GrabRounding = 4;
  st.PopupRounding = 4;
  st.WindowBorderSize = 0;
  st.ChildBorderSize = view::kPanelBorder;
  st.FrameBorderSize = 1;
  st.FramePadding = ImVec2(7, 4);
  st.ItemSpacing = ImVec2(view::kItemSpacingX, view::kItemSpacingY);
  st.WindowPadding = ImVec2(view::kPanelPadding, view::kPanelPadding);
  st.ScrollbarSize = view::kScrollbarSize;
  st.GrabMinSize = 14;
  st.ScaleAllSizes(scale);
  ImGui::GetStyle() = st;
}

}  // namespace trioscope::gui
