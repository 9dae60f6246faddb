// The panels of the window. Each draws into the current ImGui window or child, reading the
// App's document and view state; none of them runs the engine.
#pragma once

namespace trioscope::gui {

class App;

void draw_toolbar(App& app);       // toolbar.cpp
void draw_error_banner(App& app);  // banners.cpp
void draw_run_banner(App& app);    // banners.cpp
void draw_caption(App& app);       // caption_panel.cpp
void draw_tree(App& app);          // tree_panel.cpp
void draw_timeline(App& app);      // timeline_panel.cpp
// Code and output draw their own title row unless they sit in a tab that names them.
void draw_code(App& app, bool titled = true);    // code_panel.cpp
void draw_output(App& app, bool titled = true);  // output_panel.cpp
void draw_lessons(App& app);       // lessons_panel.cpp
void draw_lessons_strip(App& app, bool* open);  // lessons_panel.cpp: the folded lessons

// The width the code column needs to show the listing's code unwrapped (docstrings wrap).
float code_column_width(App& app);  // code_panel.cpp
// The state colours, icons and words, as legend rows in a tooltip (tree and timeline);
// brief: three to a row, without what each means.
void state_legend(App& app, bool brief = false);  // tree_panel.cpp

// A panel's title row: bold text, muted hint on the right.
void panel_title(App& app, const char* title, const char* hint = nullptr);
// A muted hint at the right end of the current row (left out when it does not fit).
void panel_hint(const char* hint);

}  // namespace trioscope::gui
