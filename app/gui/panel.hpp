// The panels of the window, each a small class that owns what it keeps between frames.
//
//   Panel::draw(ctx, size)          the window layout gives the panel its size
//    | BeginChild                   a framed child window (the Panel's name and flags)
//    | draw_content(ctx)            the panel itself: reads the document and the view,
//    |                              paints through the painter, queues commands
//    | EndChild, rect() recorded    where it was, for the layout report and tests
//
// A panel never changes the document or the step while it draws: it queues a command
// (ctx.commands) or asks for a step (ctx.go_to), and the app applies them between frames,
// so every panel of a frame shows the same moment of the same run.
//
// What a panel derives from the document (a layout, wrapped rows, a caption) it keeps in
// one Cached value keyed on everything it depends on, so there is no generation check to
// forget: a different key rebuilds it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <imgui.h>

#include "document/commands.hpp"
#include "document/document.hpp"
#include "document/document_view.hpp"
#include "edit/session.hpp"
#include "gui/fonts.hpp"
#include "gui/frame_report.hpp"
#include "gui/imgui_painter.hpp"
#include "gui/input_state.hpp"
#include "gui/preferences.hpp"
#include "view/snapshot.hpp"

namespace trioscope::gui {

// What every panel sees of the app in one frame.
struct PanelContext {
  document::Document& doc;  // read it; change it only through `commands`
  document::DocumentView& view;
  Preferences& prefs;
  InputState& input;
  document::CommandQueue& commands;
  WindowRequests& requests;
  const Fonts& fonts;
  FrameReport& report;
  const view::Snapshot* snapshot = nullptr;  // the state at view.step (null: nothing open)
  double now = 0;            // seconds since start
  bool deterministic = false;  // screenshots and benchmarks: no hover, no clock
  bool animate = true;         // steps animate (off in screenshots unless one is held)
  bool compact = false;      // a short window: panels fold to save height
  bool wide = true;          // room for the lessons column
  edit::EditSession* session = nullptr;  // the lesson's editing: its views' text editors

  // Asks for `step` (clamped): the app moves there, with its animation, before the next frame.
  void go_to(std::int32_t step) {
    input.playing = false;
    input.go_to = step;
  }
  const view::Palette& palette() const { return view::palette(prefs.theme); }
  // A painter onto the current window's draw list.
  ImGuiPainter painter() const { return ImGuiPainter(ImGui::GetWindowDrawList(), fonts); }
  // A painter for measuring only.
  ImGuiPainter measurer() const { return ImGuiPainter(nullptr, fonts); }
};

class Panel {
 public:
  struct Frame {
    bool child = true;          // a child window of its own (else it draws inline: the toolbar)
    bool border = true;
    bool panel_spacing = true;  // the main panels' own item spacing inside
    ImGuiWindowFlags flags = 0;
  };
  Panel(const char* name, Frame frame) : name_(name), frame_(frame) {}
  virtual ~Panel() = default;
  Panel(const Panel&) = delete;
  Panel& operator=(const Panel&) = delete;

  // Draws the panel as a child window of `size` at the cursor (or inline, see Frame).
  void draw(PanelContext& ctx, ImVec2 size);
  // Where it was last drawn (screen pixels: x0, y0, x1, y1).
  const ImVec4& rect() const { return rect_; }

 protected:
  virtual void draw_content(PanelContext& ctx) = 0;
  // Before BeginChild (a background colour, say) and after EndChild.
  virtual void before(PanelContext&) {}
  virtual void after(PanelContext&) {}

 private:
  const char* name_;
  Frame frame_;
  ImVec4 rect_{};
};

// A value derived from what `Key` names, rebuilt when the key changes.
template <class Key, class Value>
class Cached {
 public:
  template <class Make>
  const Value& get(const Key& key, Make&& make) {
    if (!key_ || !(*key_ == key)) {
      value_ = make();
      key_ = key;
    }
    return value_;
  }
  void reset() { key_.reset(); }
  const std::optional<Key>& key() const { return key_; }
  Value& value() { return value_; }

 private:
  std::optional<Key> key_;
  Value value_{};
};

// A panel's title row: bold text, muted hint on the right (left out when it does not fit).
void panel_title(const PanelContext& ctx, const char* title, const char* hint = nullptr);
void panel_hint(const char* hint);

}  // namespace trioscope::gui
