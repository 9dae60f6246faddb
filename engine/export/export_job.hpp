// An export on a thread of its own, for the app's File → Export dialog: it works on its
// own copy of the document (the lesson's text, file and settings, run again), so the app
// goes on stepping, editing and reloading while it runs; the dialog polls progress() for
// its bar, cancel() stops it (nothing is written then), and result() says how it went.
//
//   exporting::ExportJob job(app.doc(), options);   // starts at once
//   ... each frame: bar(job.progress()); if (job.finished()) show(job.result());
//   ... Cancel button: job.cancel();
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <thread>

#include "export/export.hpp"

namespace trioscope::exporting {

class ExportJob {
 public:
  // Copies what it needs of `doc` before returning; `doc` may change afterwards.
  ExportJob(const document::Document& doc, ExportOptions options);
  // Cancels an export still running and waits for it.
  ~ExportJob();
  ExportJob(const ExportJob&) = delete;
  ExportJob& operator=(const ExportJob&) = delete;

  struct Progress {
    int done = 0, total = 0;
    double fraction() const { return total > 0 ? static_cast<double>(done) / total : 0.0; }
  };
  Progress progress() const;
  bool finished() const { return finished_.load(); }
  void cancel() { cancel_ = true; }
  // Waits for the export and says how it went.
  const ExportResult& result();

 private:
  void run(std::string text, std::string path, document::RunChoice choice);

  ExportOptions options_;
  std::atomic<bool> cancel_{false};
  std::atomic<bool> finished_{false};
  std::atomic<int> done_{0}, total_{0};
  ExportResult result_;
  std::thread thread_;
};

}  // namespace trioscope::exporting
