// Banners under the toolbar: a file that could not be opened (its errors, file:line:col,
// and what is on screen instead), a message about the file (saved, or why not), and a
// run that did not finish (a deadlock, or the event
// budget ran out), shown as soon as such a run is loaded rather than only at its end.
#pragma once

#include "gui/panel.hpp"

namespace trioscope::gui {

class ErrorBanner final : public Panel {
 public:
  ErrorBanner();
  // A file that did not open; the lesson's own problems are the code panel's to show.
  bool shown(const PanelContext& ctx) const { return !ctx.doc.problems().empty() && ctx.doc.problems().opening; }
  float height(PanelContext& ctx) const;

 protected:
  void before(PanelContext& ctx) override;
  void draw_content(PanelContext& ctx) override;
  void after(PanelContext& ctx) override;
};

// What just happened to the lesson's file ("Saved ...", "... changed on disk") for a few
// seconds, or what went wrong with it (a save that failed) until dismissed.
class MessageBar final : public Panel {
 public:
  MessageBar();
  bool shown(const PanelContext& ctx) const { return ctx.input.message.has_value(); }
  float height(PanelContext& ctx) const;

 protected:
  void before(PanelContext& ctx) override;
  void draw_content(PanelContext& ctx) override;
  void after(PanelContext& ctx) override;
};

class RunBanner final : public Panel {
 public:
  RunBanner();
  bool shown(const PanelContext& ctx) const;
  float height(PanelContext& ctx) const;

 protected:
  void before(PanelContext& ctx) override;
  void draw_content(PanelContext& ctx) override;
  void after(PanelContext& ctx) override;
};

}  // namespace trioscope::gui
