// What the exporters of each format share (export.cpp dispatches to them).
#pragma once

#include <string>
#include <vector>

#include "export/export.hpp"

namespace trioscope::exporting::detail {

struct Run {
  const document::Document& doc;
  const ExportOptions& o;
  const ExportControl& control;
  ExportResult& result;

  bool cancelled() const { return control.cancel && control.cancel->load(std::memory_order_relaxed); }
  void progress(int done, int total) const {
    if (control.progress) control.progress(done, total);
  }
  // Records a failure; returns false.
  bool fail(std::string why) const {
    result.ok = false;
    if (result.error.empty()) result.error = std::move(why);
    return false;
  }
  // Stops for a cancel; returns false.
  bool stop() const {
    result.cancelled = true;
    result.ok = false;
    if (result.error.empty()) result.error = "cancelled: nothing was written";
    return false;
  }
  // Writes `data` to `path` atomically, recording it.
  bool write(const std::string& path, std::string_view data) const;
  FontFiles fonts() const;
};

bool export_svg(const Run& r, const std::vector<std::int32_t>& steps);
bool export_pdf(const Run& r, const std::vector<std::int32_t>& steps);
bool export_png(const Run& r, const std::vector<std::int32_t>& steps);
bool export_animation(const Run& r, const std::vector<std::int32_t>& steps);
bool export_deck(const Run& r, const std::vector<std::int32_t>& steps);

}  // namespace trioscope::exporting::detail
