// File → Export… (Ctrl+E): the lesson as slides, a handout, an animation or a trace, made
// by the same code as `trioscope export` (export/export.hpp) from what the window shows:
// its step, its timeline range and lane, its selection, its theme.
//
//   the window:  format, steps (this one, A..B, the key steps, all), view, size, theme,
//                text size, for animations speed and frames per second; where to write it
//                (typed, or chosen in the file dialog); a preview of the first page or
//                frame; Export.
//   exporting:   a thread of its own (export/export_job.hpp) with a progress bar and
//                Cancel; the app goes on meanwhile. A cancelled or failed export writes
//                nothing.
//   never:       writing over a file or a folder without asking first.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "export/export.hpp"
#include "export/export_job.hpp"
#include "gui/file_dialog.hpp"
#include "gui/panel.hpp"
#include "gui/texture.hpp"

namespace trioscope::gui {

class ExportDialog {
 public:
  // Opens the window on the document as the screen shows it now. `bundled`: the lesson is
  // one of the app's own (its folder is not where exports go).
  void open(PanelContext& ctx, bool bundled);
  bool is_open() const { return open_; }
  bool running() const { return job_ != nullptr; }
  void draw(PanelContext& ctx);

  // The format's choice in the window (also what the format list does).
  void set_format(exporting::Format f);
  // The form's values (what its fields change); out() is the path as its field holds it.
  exporting::ExportOptions& options() { return options_; }
  std::string& out() { return out_; }

 private:
  void draw_form(PanelContext& ctx);
  void draw_preview(PanelContext& ctx, float width);
  void draw_running(PanelContext& ctx);
  void draw_replace(PanelContext& ctx);
  // The options as the form says, with the window's view of the document; "" or why not.
  std::string complete(PanelContext& ctx, exporting::ExportOptions& o);
  void start(PanelContext& ctx, bool force);
  void finish(PanelContext& ctx);
  std::string suggested_name(const PanelContext& ctx) const;
  std::string out_lesson_;    // the lesson out_ was named for
  std::int32_t step_ = 0;     // the step on screen when it opened (one-step pictures' names)

  bool open_ = false;
  bool placed_ = false;
  exporting::ExportOptions options_;
  std::string out_;           // the path as the field holds it
  bool out_chosen_ = false;   // from the file dialog: it asked about replacing already
  std::string range_ = "0..last";
  int size_preset_ = 0;
  float speed_ = 3;           // animations: steps per second
  std::string error_;
  std::string replace_;       // the path it asks about replacing ("" when not asking)
  std::unique_ptr<exporting::ExportJob> job_;
  std::string job_out_;
  FileDialog browse_;

  // The preview, drawn again when what it shows changes and the form has been still a moment.
  Texture preview_;
  std::string preview_key_, preview_error_;
  double preview_due_ = 0;
  std::string shown_key_;
};

}  // namespace trioscope::gui
