#include "gui/export_dialog.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <unistd.h>

#include <imgui_stdlib.h>

#include "document/step_spec.hpp"
#include "export/video_writer.hpp"
#include "gui/imgui_painter.hpp"

// [SECTION] Formats and names
// [SECTION] Opening and the options
// [SECTION] The window
// [SECTION] Exporting

namespace trioscope::gui {

namespace fs = std::filesystem;
using exporting::Format;
using exporting::StepChoice;

// ---------------------------------------------------------------------------------------
// [SECTION] Formats and names
// ---------------------------------------------------------------------------------------

namespace {

constexpr Format kFormats[] = {Format::png, Format::svg, Format::pdf,   Format::gif,   Format::mp4,
                               Format::webm, Format::deck, Format::trace, Format::python};

const char* format_label(Format f) {
  switch (f) {
    case Format::png: return "PNG picture: one step";
    case Format::svg: return "SVG drawing: one step, sharp at any size";
    case Format::pdf: return "PDF handout: a page per step";
    case Format::gif: return "GIF animation";
    case Format::mp4: return "MP4 video (H.264)";
    case Format::webm: return "WebM video (VP9)";
    case Format::deck: return "Slides: a folder of PNGs and slides.html";
    case Format::trace: return "Chrome trace JSON (Perfetto)";
    case Format::python: return "Trio program (.py)";
  }
  return "";
}

// What the file's name ends with ("" for the deck's folder).
const char* format_suffix(Format f) {
  switch (f) {
    case Format::png: return ".png";
    case Format::svg: return ".svg";
    case Format::pdf: return ".pdf";
    case Format::gif: return ".gif";
    case Format::mp4: return ".mp4";
    case Format::webm: return ".webm";
    case Format::deck: return "-slides";
    case Format::trace: return "-trace.json";
    case Format::python: return ".py";
  }
  return "";
}

// The path without what a format put at its end, so that another format's can go there.
std::string without_suffix(std::string path) {
  for (Format f : kFormats) {
    const std::string s = format_suffix(f);
    if (path.size() > s.size() && path.compare(path.size() - s.size(), s.size(), s) == 0) return path.substr(0, path.size() - s.size());
  }
  return path;
}

bool needs_ffmpeg(Format f) { return f == Format::mp4 || f == Format::webm; }

// One step only (a single page), or a choice of steps.
bool single_page(Format f) { return f == Format::png || f == Format::svg; }
bool whole_run(Format f) { return f == Format::trace || f == Format::python; }

struct SizePreset {
  const char* label;
  int w, h;
};
constexpr SizePreset kSizes[] = {
    {"1920 x 1080 (Full HD slides)", 1920, 1080},
    {"1280 x 720 (HD)", 1280, 720},
    {"3840 x 2160 (4K)", 3840, 2160},
    {"1024 x 768 (4:3 projector)", 1024, 768},
    {"Custom", 0, 0},
};
constexpr int kCustomSize = 4;

}  // namespace

// ---------------------------------------------------------------------------------------
// [SECTION] Opening and the options
// ---------------------------------------------------------------------------------------

std::string ExportDialog::suggested_name(const PanelContext& ctx) const {
  std::string stem = ctx.doc.path().empty() ? "lesson" : fs::path(ctx.doc.path()).stem().string();
  if (stem.empty()) stem = "lesson";
  if (single_page(options_.format)) stem += "-step" + std::to_string(std::max(0, ctx.view.step));
  return stem + format_suffix(options_.format);
}

void ExportDialog::open(PanelContext& ctx, bool bundled) {
  if (open_) return;
  open_ = true;
  placed_ = false;
  step_ = std::max(0, ctx.view.step);
  error_.clear();
  replace_.clear();
  // What the screen shows: its theme and text size, the step, the timeline, the selection.
  options_.theme = ctx.prefs.theme;
  options_.scale = std::clamp(ctx.prefs.ui_scale, exporting::kMinScale, exporting::kMaxScale);
  // Another lesson: another name. The same one: the last place, this step's name.
  if (out_lesson_ != ctx.doc.path()) out_.clear();
  out_lesson_ = ctx.doc.path();
  if (!out_.empty() && single_page(options_.format)) set_format(options_.format);
  if (out_.empty()) {
    // Beside the lesson when that folder can be written (not a bundled lesson's), else home.
    std::string folder;
    const fs::path lesson(ctx.doc.path());
    if (!ctx.doc.untitled() && !bundled && lesson.has_parent_path() && ::access(lesson.parent_path().c_str(), W_OK) == 0)
      folder = lesson.parent_path().string();
    else if (const char* home = std::getenv("HOME")) folder = home;
    else folder = fs::current_path().string();
    set_format(options_.format);
    out_ = (fs::path(folder) / suggested_name(ctx)).string();
  }
}

void ExportDialog::set_format(Format f) {
  options_.format = f;
  options_.steps = exporting::default_steps(f);
  if (!out_.empty()) {
    // The same name, the new format's ending (a step's number only on one-step pictures).
    std::string base = without_suffix(out_);
    const std::size_t step_at = base.rfind("-step");
    if (step_at != std::string::npos && base.find_first_not_of("0123456789", step_at + 5) == std::string::npos)
      base.erase(step_at);
    if (single_page(f)) base += "-step" + std::to_string(step_);
    out_ = base + format_suffix(f);
    out_chosen_ = false;
  }
}

std::string ExportDialog::complete(PanelContext& ctx, exporting::ExportOptions& o) {
  o = options_;
  o.out = out_;
  const trio::Trace* t = ctx.doc.trace();
  if (!t) return "There is no run to export: the lesson has errors.";
  if (o.out.empty()) return "Say where to write it.";
  if (single_page(o.format)) o.steps = StepChoice::step;
  o.first = ctx.view.step < 0 ? 0 : ctx.view.step;
  o.last = o.first;
  if (o.steps == StepChoice::range) {
    std::string why;
    const std::optional<document::StepRange> r = document::find_step_range(*t, range_, why);
    if (!r) return "Steps " + range_ + ": " + why;
    o.first = r->first;
    o.last = r->last;
  }
  if (size_preset_ != kCustomSize) {
    o.width = kSizes[size_preset_].w;
    o.height = kSizes[size_preset_].h;
  }
  // The screen's view of the document, so that the export shows what the class saw.
  o.tl_x0 = ctx.view.tl_x0;
  o.tl_x1 = ctx.view.tl_x1;
  o.tl_scroll = ctx.view.tl_scroll;
  o.selected_task = ctx.view.selected_task;
  return exporting::check_options(o);
}

// ---------------------------------------------------------------------------------------
// [SECTION] The window
// ---------------------------------------------------------------------------------------

void ExportDialog::draw(PanelContext& ctx) {
  browse_.draw(ctx);
  if (auto r = browse_.take_result(); r && r->chosen) {
    out_ = r->path;
    out_chosen_ = true;  // the file dialog asked about replacing it
  }
  if (job_ && job_->finished()) finish(ctx);
  if (!open_) return;
  const float lh = ImGui::GetFontSize();
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  if (!placed_) {
    ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + vp->Size.x * 0.5f, vp->Pos.y + vp->Size.y * 0.5f), ImGuiCond_Always,
                            ImVec2(0.5f, 0.5f));
    placed_ = true;
  }
  ImGui::SetNextWindowSizeConstraints(ImVec2(std::min(vp->Size.x * 0.95f, lh * 30), 0),
                                      ImVec2(vp->Size.x * 0.95f, vp->Size.y * 0.95f));
  bool keep = true;
  const bool shown = ImGui::Begin("Export###export_dialog", &keep,
                                  ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoCollapse);
  if (shown) {
    ctx.report.dialog = "Export";
    ctx.report.export_state = job_ ? "running" : error_.empty() ? "ready" : "error: " + error_;
    if (job_) draw_running(ctx);
    else draw_form(ctx);
    draw_replace(ctx);
  }
  ImGui::End();
  if (!keep || (shown && !job_ && replace_.empty() && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape)))) {
    // Closing while it runs stops it: nothing is written.
    if (job_) job_->cancel();
    else open_ = false;
  }
}

void ExportDialog::draw_form(PanelContext& ctx) {
  const float lh = ImGui::GetFontSize();
  const float field = lh * 24;
  const trio::Trace* t = ctx.doc.trace();
  ImGui::PushFont(ctx.fonts.bold);
  ImGui::TextUnformatted(ctx.doc.title().empty() ? "Export the lesson" : ("Export \"" + ctx.doc.title() + "\"").c_str());
  ImGui::PopFont();
  const bool have_ffmpeg = !exporting::find_ffmpeg().empty();

  if (ImGui::BeginTable("##export_form", 2, ImGuiTableFlags_SizingFixedFit)) {
    ImGui::TableSetupColumn("label", ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableSetupColumn("field", ImGuiTableColumnFlags_WidthFixed, field);
    auto row = [](const char* label) {
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(0);
      ImGui::AlignTextToFramePadding();
      ImGui::TextUnformatted(label);
      ImGui::TableSetColumnIndex(1);
      ImGui::SetNextItemWidth(-FLT_MIN);
    };
    row("Format");
    if (ImGui::BeginCombo("##format", format_label(options_.format))) {
      for (Format f : kFormats) {
        const bool missing = needs_ffmpeg(f) && !have_ffmpeg;
        std::string label = format_label(f);
        if (missing) label += "  (needs ffmpeg: apt install ffmpeg)";
        if (ImGui::Selectable(label.c_str(), f == options_.format, missing ? ImGuiSelectableFlags_Disabled : 0))
          set_format(f);
      }
      ImGui::EndCombo();
    }
    if (!whole_run(options_.format)) {
      row("Steps");
      const std::int32_t step = std::max(0, ctx.view.step);
      if (single_page(options_.format)) {
        ImGui::Text("this step (%d)", step);
      } else {
        auto choice = [&](const char* label, StepChoice c) {
          if (ImGui::RadioButton(label, options_.steps == c)) options_.steps = c;
        };
        const std::string here = "this step (" + std::to_string(step) + ")";
        if (!exporting::is_animation(options_.format)) choice(here.c_str(), StepChoice::step);
        choice("key steps", StepChoice::key_steps);
        choice("all", StepChoice::all);
        choice("from..to:", StepChoice::range);
        if (options_.steps == StepChoice::range) {
          ImGui::SameLine();
          ImGui::SetNextItemWidth(-FLT_MIN);
          ImGui::InputTextWithHint("##range", "3..last", &range_);
        }
      }
      row("View");
      static constexpr view::PageView kViews[] = {view::PageView::screen, view::PageView::both, view::PageView::tree,
                                                  view::PageView::timeline};
      static constexpr const char* kViewLabels[] = {"as on screen", "tree over timeline", "the tree", "the timeline"};
      int vi = 0;
      for (int i = 0; i < 4; ++i)
        if (kViews[i] == options_.view) vi = i;
      if (ImGui::Combo("##view", &vi, kViewLabels, 4)) options_.view = kViews[vi];
      row("Size");
      if (ImGui::BeginCombo("##size", kSizes[size_preset_].label)) {
        for (int i = 0; i < 5; ++i)
          if (ImGui::Selectable(kSizes[i].label, i == size_preset_)) {
            if (i == kCustomSize && size_preset_ != kCustomSize) {
              options_.width = kSizes[size_preset_].w;
              options_.height = kSizes[size_preset_].h;
            }
            size_preset_ = i;
          }
        ImGui::EndCombo();
      }
      if (size_preset_ == kCustomSize) {
        row("");
        ImGui::SetNextItemWidth(lh * 6);
        ImGui::InputInt("##w", &options_.width, 0, 0);
        ImGui::SameLine();
        ImGui::TextUnformatted("x");
        ImGui::SameLine();
        ImGui::SetNextItemWidth(lh * 6);
        ImGui::InputInt("##h", &options_.height, 0, 0);
        ImGui::SameLine();
        ImGui::TextDisabled("pixels");
      }
      row("Theme");
      if (ImGui::RadioButton("light", options_.theme == view::Theme::light)) options_.theme = view::Theme::light;
      ImGui::SameLine();
      if (ImGui::RadioButton("dark", options_.theme == view::Theme::dark)) options_.theme = view::Theme::dark;
      row("Text size");
      ImGui::SliderFloat("##scale", &options_.scale, exporting::kMinScale, exporting::kMaxScale, "%.2fx");
      if (exporting::is_animation(options_.format)) {
        row("Speed");
        ImGui::SliderFloat("##speed", &speed_, 0.5f, 20.0f, "%.1f steps/s");
        row("Frames/s");
        ImGui::SliderInt("##fps", &options_.fps, 5, 60);
      }
    }
    row(options_.format == Format::deck ? "Folder" : "File");
    ImGui::SetNextItemWidth(-FLT_MIN - lh * 5);
    if (ImGui::InputText("##out", &out_)) out_chosen_ = false;
    ImGui::SameLine();
    if (ImGui::Button("Choose...")) {
      FileRequest r;
      r.save = true;
      r.title = "Export to";
      const fs::path p(out_);
      r.folder = p.has_parent_path() ? p.parent_path().string() : "";
      r.name = p.filename().string();
      const std::string suffix = format_suffix(options_.format);
      r.extensions = options_.format == Format::deck ? std::vector<std::string>{} : std::vector<std::string>{fs::path(suffix).extension().string()};
      r.kind = format_label(options_.format);
      if (const char* home = std::getenv("HOME")) r.places.push_back({"Home", home});
      browse_.open(std::move(r));
    }
    ImGui::EndTable();
  }
  options_.speed = speed_;
  draw_preview(ctx, ImGui::GetItemRectSize().x);
  if (!error_.empty()) {
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + lh * 30);
    ImGui::PushStyleColor(ImGuiCol_Text, to_vec4(ctx.palette()[view::ColorRole::exception]));
    ImGui::TextWrapped("\xE2\x9C\x97 %s", error_.c_str());
    ImGui::PopStyleColor();
    ImGui::PopTextWrapPos();
  }
  ImGui::Separator();
  ImGui::BeginDisabled(t == nullptr);
  if (reported_button(ctx, "Export")) start(ctx, out_chosen_);
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (reported_button(ctx, "Close")) open_ = false;
}

void ExportDialog::draw_preview(PanelContext& ctx, float width) {
  if (!exporting::shows_pages(options_.format)) return;
  exporting::ExportOptions o;
  if (!complete(ctx, o).empty()) return;
  const float lh = ImGui::GetFontSize();
  // As tall as the window leaves room for under the form (at least a few lines).
  const float room = ImGui::GetMainViewport()->Size.y * 0.92f - lh * 21;
  const int max_w = static_cast<int>(width), max_h = static_cast<int>(std::clamp(room, lh * 3, lh * 14));
  char key[512];
  std::snprintf(key, sizeof key, "%d|%d|%d|%d|%d|%dx%d|%d|%.3f|%llu|%.4f|%.4f|%.2f|%d|%d", static_cast<int>(o.format),
                static_cast<int>(o.steps), o.first, o.last, static_cast<int>(o.view), o.width, o.height,
                static_cast<int>(o.theme), o.scale, static_cast<unsigned long long>(ctx.doc.generation()), o.tl_x0,
                o.tl_x1, o.tl_scroll, o.selected_task, max_w);
  if (preview_key_ != key) {
    preview_key_ = key;
    preview_due_ = ctx.now + 0.2;  // drawn once the form is still a moment
  }
  if (shown_key_ != preview_key_ && (ctx.now >= preview_due_ || ctx.deterministic)) {
    shown_key_ = preview_key_;
    exporting::Image im;
    preview_error_.clear();
    if (!exporting::render_preview(ctx.doc, o, max_w, max_h, im, preview_error_)) preview_.clear();
    else if (!preview_.set(im)) preview_error_.clear();  // no OpenGL here: the frame of it only
    ctx.report.export_previews += 1;
  }
  ImGui::TextDisabled("Preview (the first %s)", exporting::is_animation(o.format) ? "frame" : o.format == Format::deck ? "slide" : "page");
  // The picture's size; before it is drawn (or without OpenGL) the page's proportions.
  const float fit = std::min(static_cast<float>(max_w) / static_cast<float>(o.width),
                             static_cast<float>(max_h) / static_cast<float>(o.height));
  const float w = preview_.width() > 0 ? static_cast<float>(preview_.width()) : std::floor(static_cast<float>(o.width) * fit);
  const float h = preview_.height() > 0 ? static_cast<float>(preview_.height()) : std::floor(static_cast<float>(o.height) * fit);
  const ImVec2 at = ImGui::GetCursorScreenPos();
  if (preview_.id()) ImGui::Image(preview_.id(), ImVec2(w, h));
  else ImGui::Dummy(ImVec2(w, h));
  ImGui::GetWindowDrawList()->AddRect(at, ImVec2(at.x + w, at.y + h), ImGui::GetColorU32(ImGuiCol_Border));
  if (!preview_error_.empty()) ImGui::TextWrapped("%s", preview_error_.c_str());
}

void ExportDialog::draw_replace(PanelContext& ctx) {
  if (replace_.empty()) return;
  ImGui::OpenPopup("Replace?##export");
  const float lh = ImGui::GetFontSize();
  if (ImGui::BeginPopupModal("Replace?##export", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    ctx.report.dialog = "Replace " + replace_ + "?";
    ImGui::PushTextWrapPos(lh * 28);
    ImGui::TextWrapped("%s is there already. Replace it with this export?", replace_.c_str());
    ImGui::PopTextWrapPos();
    if (reported_button(ctx, "Replace")) {
      replace_.clear();
      ImGui::CloseCurrentPopup();
      start(ctx, true);
    }
    ImGui::SameLine();
    if (reported_button(ctx, "Cancel") || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
      replace_.clear();
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
  }
}

void ExportDialog::draw_running(PanelContext& ctx) {
  const float lh = ImGui::GetFontSize();
  const exporting::ExportJob::Progress p = job_->progress();
  ImGui::Text("Exporting to %s", job_out_.c_str());
  char label[64];
  if (p.total > 0) std::snprintf(label, sizeof label, "%d of %d", p.done, p.total);
  else std::snprintf(label, sizeof label, "starting");
  ImGui::ProgressBar(static_cast<float>(p.fraction()), ImVec2(lh * 30, 0), label);
  ctx.report.export_progress = static_cast<float>(p.fraction());
  if (reported_button(ctx, "Cancel")) job_->cancel();
  ImGui::SameLine();
  ImGui::TextDisabled("the app goes on meanwhile; a cancelled export writes nothing");
}

// ---------------------------------------------------------------------------------------
// [SECTION] Exporting
// ---------------------------------------------------------------------------------------

void ExportDialog::start(PanelContext& ctx, bool force) {
  exporting::ExportOptions o;
  error_ = complete(ctx, o);
  if (!error_.empty()) return;
  o.force = false;
  const std::string where = exporting::check_output(o);
  if (!where.empty()) {
    std::error_code ec;
    if (fs::exists(o.out, ec)) {
      // There already: asked once, here or in the file dialog.
      if (!force) {
        replace_ = o.out;
        return;
      }
      o.force = true;
      const std::string still = exporting::check_output(o);
      if (!still.empty()) {
        error_ = still;
        return;
      }
    } else {
      error_ = where;
      return;
    }
  }
  job_out_ = o.out;
  job_ = std::make_unique<exporting::ExportJob>(ctx.doc, o);
}

void ExportDialog::finish(PanelContext& ctx) {
  const exporting::ExportResult r = job_->result();
  job_.reset();
  if (r.ok) {
    const char* what = exporting::is_animation(options_.format) ? "frames" : options_.format == Format::deck ? "slides" : "pages";
    std::string text = "Exported " + job_out_;
    if (r.pages > 1) text += " (" + std::to_string(r.pages) + " " + what + ")";
    ctx.input.message = InputState::Message{text, false, ctx.now};
    open_ = false;
    out_chosen_ = false;
  } else if (r.cancelled) {
    error_ = "Cancelled: nothing was written.";
  } else {
    error_ = r.error;
  }
}

}  // namespace trioscope::gui
