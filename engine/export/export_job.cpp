#include "export/export_job.hpp"

namespace trioscope::exporting {

ExportJob::ExportJob(const document::Document& doc, ExportOptions options) : options_(std::move(options)) {
  // The lesson as it ran on screen: its valid text, under its file's name, with the settings
  // chosen in the app.
  thread_ = std::thread(&ExportJob::run, this, doc.valid_text(), doc.path(), doc.choice());
}

ExportJob::~ExportJob() {
  cancel_ = true;
  if (thread_.joinable()) thread_.join();
}

void ExportJob::run(std::string text, std::string path, document::RunChoice choice) {
  document::Document doc;
  if (text.empty() || !doc.open_text(std::move(text), path, choice)) {
    result_.error = doc.problems().empty() ? "nothing to export: no lesson is open" : doc.problems().lines().front();
  } else {
    ExportControl control;
    control.cancel = &cancel_;
    control.progress = [this](int done, int total) {
      total_ = total;
      done_ = done;
    };
    result_ = export_document(doc, options_, control);
  }
  finished_ = true;
}

ExportJob::Progress ExportJob::progress() const { return {done_.load(), total_.load()}; }

const ExportResult& ExportJob::result() {
  if (thread_.joinable()) thread_.join();
  return result_;
}

}  // namespace trioscope::exporting
