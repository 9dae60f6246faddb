#include "gui/menu_bar.hpp"

#include <filesystem>
#include <string>

#include <GLFW/glfw3.h>
#include <imgui.h>

#include "gui/app.hpp"

namespace trioscope::gui {

namespace {

void file_menu(App& app, PanelContext& ctx) {
  FileFlow& files = app.files();
  if (ImGui::BeginMenu("New from a lesson")) {
    for (const Lesson& l : app.lessons())
      if (ImGui::MenuItem(l.title.c_str())) files.ask(FileAction::new_from_lesson, l.path);
    ImGui::EndMenu();
  }
  if (ImGui::IsItemHovered() && !ctx.deterministic) ImGui::SetTooltip("An untitled copy of a lesson to change (Ctrl+N: of this one)");
  if (ImGui::MenuItem("Open...", "Ctrl+O")) files.ask(FileAction::open_dialog);
  if (ImGui::BeginMenu("Open Recent", !ctx.prefs.recent_files.empty())) {
    for (const std::string& f : ctx.prefs.recent_files)
      if (ImGui::MenuItem(f.c_str())) files.ask(FileAction::open_path, f);
    ImGui::Separator();
    if (ImGui::MenuItem("Clear the list")) ctx.prefs.recent_files.clear();
    ImGui::EndMenu();
  }
  ImGui::Separator();
  if (ImGui::MenuItem("Save", "Ctrl+S", false, ctx.doc.loaded())) files.ask(FileAction::save);
  if (ImGui::MenuItem("Save As...", "Ctrl+Shift+S", false, ctx.doc.loaded())) files.ask(FileAction::save_as);
  if (ImGui::MenuItem("Revert", nullptr, false, ctx.session->unsaved(ctx.doc))) files.ask(FileAction::revert);
  ImGui::Separator();
  if (ImGui::MenuItem("Quit", "Ctrl+Q")) files.ask(FileAction::quit);
}

void edit_menu(App& app, PanelContext& ctx) {
  const auto v = app.code().view();
  if (ImGui::MenuItem("Undo", "Ctrl+Z", false, ctx.session->can_undo(v))) app.undo();
  if (ImGui::MenuItem("Redo", "Ctrl+Y", false, ctx.session->can_redo(v))) app.redo();
  ImGui::Separator();
  const bool selection = !ctx.session->editor(v).selection().empty();
  if (ImGui::MenuItem("Cut", "Ctrl+X", false, selection)) app.editor_key(GLFW_KEY_X);
  if (ImGui::MenuItem("Copy", "Ctrl+C", false, selection)) app.editor_key(GLFW_KEY_C);
  if (ImGui::MenuItem("Paste", "Ctrl+V")) app.editor_key(GLFW_KEY_V);
  if (ImGui::MenuItem("Select All", "Ctrl+A")) app.editor_key(GLFW_KEY_A);
  if (v == edit::EditSession::View::python && ImGui::MenuItem("Comment Lines", "Ctrl+/")) app.editor_key(GLFW_KEY_SLASH);
  ImGui::Separator();
  if (ImGui::MenuItem("Find...", "Ctrl+F")) app.code().editor().open_find();
  if (ImGui::MenuItem("Go to Line...", "Ctrl+G")) app.code().editor().open_goto();
  ImGui::Separator();
  if (ImGui::MenuItem("Run Now", "Ctrl+Enter", false, ctx.session->pending())) app.apply_now();
}

void view_menu(App& app, PanelContext& ctx) {
  using View = edit::EditSession::View;
  if (ImGui::MenuItem("Code as Python", nullptr, app.code().view() == View::python)) app.code().show(View::python);
  if (ImGui::MenuItem("Code as JSON", nullptr, app.code().view() == View::json)) app.code().show(View::json);
  ImGui::Separator();
  if (ImGui::MenuItem("Lessons", nullptr, ctx.wide ? ctx.prefs.show_lessons : ctx.input.lessons_over)) app.toggle_lessons();
  if (ImGui::MenuItem("Dark Theme", nullptr, ctx.prefs.theme == view::Theme::dark)) {
    ctx.prefs.theme = ctx.prefs.theme == view::Theme::dark ? view::Theme::light : view::Theme::dark;
    ctx.requests.rebuild_fonts = true;
  }
  if (ImGui::MenuItem("Larger Text", "Ctrl +")) {
    ctx.prefs.ui_scale = stepped_scale(ctx.prefs.ui_scale, 1);
    ctx.requests.rebuild_fonts = true;
  }
  if (ImGui::MenuItem("Smaller Text", "Ctrl -")) {
    ctx.prefs.ui_scale = stepped_scale(ctx.prefs.ui_scale, -1);
    ctx.requests.rebuild_fonts = true;
  }
  if (ImGui::MenuItem("Full Screen", "F11", ctx.input.fullscreen)) ctx.requests.toggle_fullscreen = true;
  ImGui::Separator();
  ImGui::MenuItem("Timeline Follows the Step", nullptr, &ctx.view.tl_follow);
  ImGui::MenuItem("Timeline: Widen Instants", nullptr, &ctx.prefs.tl_widened);
  ImGui::MenuItem("Timeline: Show the Future", nullptr, &ctx.prefs.tl_show_future);
}

void help_menu(PanelContext& ctx) {
  if (ImGui::MenuItem("Keys and Colours", "F1", ctx.input.help)) ctx.input.help = !ctx.input.help;
  ImGui::Separator();
  ImGui::TextDisabled("trioscope %s: Trio %s's structured concurrency, step by step", TRIOSCOPE_VERSION, "0.34");
}

}  // namespace

float draw_menu_bar(App& app, PanelContext& ctx) {
  if (!ImGui::BeginMainMenuBar()) return 0;
  if (ImGui::BeginMenu("File")) {
    file_menu(app, ctx);
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("Edit")) {
    edit_menu(app, ctx);
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("View")) {
    view_menu(app, ctx);
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("Help")) {
    help_menu(ctx);
    ImGui::EndMenu();
  }
  // The toolbar's first row (title, run settings, look), where it fits.
  app.toolbar().draw_in_menu_bar(ctx);
  const float h = ImGui::GetWindowHeight();
  ImGui::EndMainMenuBar();
  return h;
}

}  // namespace trioscope::gui
