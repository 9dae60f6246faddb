// The panels of the window. Each draws into the current ImGui window or child, reading the
// App's document and view state; none of them runs the engine.
#pragma once

namespace trioscope::gui {

class App;

void draw_toolbar(App& app);       // toolbar.cpp
void draw_error_banner(App& app);  // toolbar.cpp
void draw_caption(App& app);       // caption_panel.cpp
void draw_tree(App& app);          // tree_panel.cpp
void draw_timeline(App& app);      // timeline_panel.cpp
void draw_code(App& app);          // code_panel.cpp
void draw_output(App& app);        // output_panel.cpp
void draw_lessons(App& app);       // lessons_panel.cpp

// A panel's title row: bold text, muted hint on the right.
void panel_title(App& app, const char* title, const char* hint = nullptr);
// A muted hint at the right end of the current row (left out when it does not fit).
void panel_hint(const char* hint);

}  // namespace trioscope::gui
