// Exporting a document through the library the app's export dialog uses: which steps,
// where it may write, writes that fail at every stage (nothing is left behind and nothing
// that was there changes), cancelling, the job on its own thread, the preview, GIF frames.
//
// [SECTION] Steps and the output
// [SECTION] Failed writes change nothing
// [SECTION] Cancelling, the job, the preview
// [SECTION] GIF frames
#include <gtest/gtest.h>

#include <gif_lib.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

#include "document/atomic_file.hpp"
#include "document/document.hpp"
#include "export/animation_frames.hpp"
#include "export/export.hpp"
#include "export/export_job.hpp"
#include "export/gif_writer.hpp"
#include "view/key_steps.hpp"

namespace trioscope::exporting {
namespace {

namespace fs = std::filesystem;

std::string lesson(const char* name) { return std::string(TRIOSCOPE_SOURCE_DIR) + "/scenarios/" + name; }

struct Opened {
  explicit Opened(const char* name) { EXPECT_TRUE(doc.open_file(lesson(name))) << name; }
  document::Document doc;
};

// A fresh folder for each test.
struct Folder {
  Folder() {
    path = fs::temp_directory_path() / ("trioscope-export-test-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~Folder() { fs::remove_all(path); }
  std::string operator/(const std::string& name) const { return (path / name).string(); }
  std::vector<std::string> entries() const {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(path)) out.push_back(e.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
  }
  fs::path path;
};

std::string read(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

ExportOptions options(Format f, const std::string& out) {
  ExportOptions o;
  o.format = f;
  o.out = out;
  o.steps = default_steps(f);
  o.first = 25;
  o.width = 640;
  o.height = 360;
  return o;
}

// ---------------------------------------------------------------------------------------
// [SECTION] Steps and the output
// ---------------------------------------------------------------------------------------

TEST(ExportSteps, OneARangeTheKeyStepsOrAll) {
  Opened l("02_child_trips_loose_groups.json");
  const trio::Trace& t = *l.doc.trace();
  ExportOptions o;
  o.steps = StepChoice::step;
  o.first = 999;
  EXPECT_EQ(export_steps(t, o), std::vector<std::int32_t>{44}) << "clamped to the run";
  o.steps = StepChoice::range;
  o.first = 20;
  o.last = 23;
  EXPECT_EQ(export_steps(t, o), (std::vector<std::int32_t>{20, 21, 22, 23}));
  o.steps = StepChoice::key_steps;
  std::vector<std::int32_t> keys;
  for (const view::KeyStep& k : view::key_steps(t)) keys.push_back(k.step);
  EXPECT_EQ(export_steps(t, o), keys);
  o.steps = StepChoice::all;
  EXPECT_EQ(export_steps(t, o).size(), 45u);
  EXPECT_EQ(default_steps(Format::deck), StepChoice::key_steps);
  EXPECT_EQ(default_steps(Format::gif), StepChoice::all);
  EXPECT_EQ(default_steps(Format::pdf), StepChoice::step);
}

TEST(ExportOutput, WhereItMayWrite) {
  Folder dir;
  ExportOptions o = options(Format::svg, dir / "a.svg");
  EXPECT_EQ(check_output(o), "");
  o.out = dir / "missing/a.svg";
  EXPECT_NE(check_output(o).find("does not exist"), std::string::npos);
  std::ofstream(dir / "there.svg") << "x";
  o.out = dir / "there.svg";
  EXPECT_NE(check_output(o).find("exists (--force replaces it)"), std::string::npos);
  o.force = true;
  EXPECT_EQ(check_output(o), "");
  o.format = Format::deck;
  EXPECT_NE(check_output(o).find("a deck is a folder"), std::string::npos);
  o.out = "";
  EXPECT_NE(check_output(o).find("--out"), std::string::npos);
}

TEST(ExportOptions, WhatIsWrongIsSaid) {
  ExportOptions o = options(Format::png, "x.png");
  EXPECT_EQ(check_options(o), "");
  o.width = 7681;
  EXPECT_NE(check_options(o).find("7680x4320"), std::string::npos);
  o.width = 7680;
  o.height = 4320;
  EXPECT_EQ(check_options(o), "");
  o.scale = 5;
  EXPECT_NE(check_options(o).find("scale"), std::string::npos);
  o = options(Format::png, "x.png");
  o.steps = StepChoice::range;
  EXPECT_NE(check_options(o).find("one step"), std::string::npos);
  o = options(Format::gif, "x.gif");
  o.steps = StepChoice::key_steps;
  EXPECT_NE(check_options(o).find("range"), std::string::npos);
}

// ---------------------------------------------------------------------------------------
// [SECTION] Failed writes change nothing
// ---------------------------------------------------------------------------------------

// At every stage of the write (the temporary file, the data, the sync, the rename), the
// export fails saying why with the path, the file that was there keeps its content, and
// no temporary file is left in the folder.
TEST(ExportFaults, AFailedWriteChangesNothing) {
  Opened l("02_child_trips_loose_groups.json");
  for (Format f : {Format::svg, Format::png, Format::pdf, Format::trace, Format::python, Format::gif}) {
    for (document::WriteStage stage : {document::WriteStage::open, document::WriteStage::write,
                                       document::WriteStage::sync, document::WriteStage::rename}) {
      Folder dir;
      const std::string out = dir / (std::string("out.") + format_name(f));
      std::ofstream(out) << "what was there";
      ExportOptions o = options(f, out);
      o.force = true;
      if (f == Format::gif) {
        o.steps = StepChoice::range;
        o.first = 20;
        o.last = 22;
      }
      document::inject_write_fault(stage, ENOSPC);
      const ExportResult r = export_document(l.doc, o);
      document::clear_write_faults();
      EXPECT_FALSE(r.ok) << format_name(f);
      EXPECT_NE(r.error.find(out), std::string::npos) << r.error;
      EXPECT_NE(r.error.find("No space left on device"), std::string::npos) << r.error;
      EXPECT_EQ(read(out), "what was there") << format_name(f) << " stage " << static_cast<int>(stage);
      EXPECT_EQ(dir.entries(), std::vector<std::string>{fs::path(out).filename().string()}) << format_name(f);
      EXPECT_TRUE(r.files.empty());
    }
  }
}

// A deck whose first slide cannot be written: the deck that was there is as it was, and
// the folder the new one was being made in is gone.
TEST(ExportFaults, AFailedDeckLeavesTheOldDeck) {
  Opened l("02_child_trips_loose_groups.json");
  Folder dir;
  ExportOptions o = options(Format::deck, dir / "deck");
  o.threads = 1;
  ASSERT_TRUE(export_document(l.doc, o).ok);
  const std::string before = read(dir / "deck/slides.html");
  o.force = true;
  o.steps = StepChoice::range;
  o.first = 40;
  o.last = 44;
  for (document::WriteStage stage : {document::WriteStage::write, document::WriteStage::rename}) {
    document::inject_write_fault(stage, EIO);
    const ExportResult r = export_document(l.doc, o);
    document::clear_write_faults();
    EXPECT_FALSE(r.ok);
    EXPECT_NE(r.error.find("Input/output error"), std::string::npos) << r.error;
    EXPECT_EQ(read(dir / "deck/slides.html"), before);
    EXPECT_EQ(dir.entries(), std::vector<std::string>{"deck"}) << "no partial folder left";
  }
  // And without a fault it replaces the deck's files.
  const ExportResult r = export_document(l.doc, o);
  EXPECT_TRUE(r.ok) << r.error;
  EXPECT_EQ(r.pages, 5);
  EXPECT_NE(read(dir / "deck/slides.html"), before);
}

// ---------------------------------------------------------------------------------------
// [SECTION] Cancelling, the job, the preview
// ---------------------------------------------------------------------------------------

TEST(ExportCancel, ACancelledExportWritesNothing) {
  Opened l("02_child_trips_loose_groups.json");
  for (Format f : {Format::pdf, Format::gif, Format::deck, Format::png}) {
    Folder dir;
    ExportOptions o = options(f, dir / "out");
    if (f != Format::png) {
      o.steps = StepChoice::range;
      o.first = 0;
      o.last = 44;
    }
    std::atomic<bool> cancel{false};
    int calls = 0;
    ExportControl c;
    c.cancel = &cancel;
    c.progress = [&](int done, int total) {
      ++calls;
      EXPECT_LE(done, total);
      if (done >= 2 || f == Format::png) cancel = true;  // stop part way
    };
    if (f == Format::png) cancel = true;
    const ExportResult r = export_document(l.doc, o, c);
    EXPECT_FALSE(r.ok) << format_name(f);
    EXPECT_TRUE(r.cancelled) << format_name(f);
    EXPECT_TRUE(dir.entries().empty()) << format_name(f) << ": nothing written";
  }
}

TEST(ExportJob, RunsOnItsOwnCopyOfTheDocument) {
  Folder dir;
  ExportOptions o = options(Format::pdf, dir / "handout.pdf");
  o.steps = StepChoice::key_steps;
  std::unique_ptr<ExportJob> job;
  {
    auto doc = std::make_unique<document::Document>();
    ASSERT_TRUE(doc->open_file(lesson("02_child_trips_loose_groups.json")));
    job = std::make_unique<ExportJob>(*doc, o);
    // The app's document changes (another lesson) and goes away while the job runs.
    ASSERT_TRUE(doc->open_file(lesson("01_first_nursery.json")));
  }
  const ExportResult& r = job->result();
  EXPECT_TRUE(job->finished());
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_EQ(r.pages, 9) << "lesson 02's key steps, not lesson 01's";
  EXPECT_EQ(job->progress().done, job->progress().total);
  EXPECT_EQ(job->progress().fraction(), 1.0);
  EXPECT_EQ(r.files, std::vector<std::string>{dir / "handout.pdf"});
  EXPECT_EQ(read(dir / "handout.pdf").substr(0, 5), "%PDF-");
}

TEST(ExportJob, CancelStopsIt) {
  Opened l("06_cooperative_loop.json");
  Folder dir;
  ExportOptions o = options(Format::deck, dir / "deck");
  o.steps = StepChoice::all;
  ExportJob job(l.doc, o);
  while (job.progress().done < 1 && !job.finished()) std::this_thread::sleep_for(std::chrono::milliseconds(2));
  job.cancel();
  const ExportResult& r = job.result();
  EXPECT_FALSE(r.ok);
  EXPECT_TRUE(r.cancelled) << r.error;
  EXPECT_TRUE(dir.entries().empty());
}

TEST(ExportJob, SaysWhenThereIsNothingToExport) {
  document::Document empty;
  ExportJob job(empty, options(Format::svg, "never.svg"));
  const ExportResult& r = job.result();
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.error.find("nothing to export"), std::string::npos);
}

TEST(ExportPreview, TheFirstPageSmall) {
  Opened l("02_child_trips_loose_groups.json");
  ExportOptions o = options(Format::pdf, "unused.pdf");
  o.width = 1920;
  o.height = 1080;
  Image im;
  std::string error;
  ASSERT_TRUE(render_preview(l.doc, o, 480, 400, im, error)) << error;
  EXPECT_EQ(im.width, 480);
  EXPECT_EQ(im.height, 270) << "16:9 kept";
  ASSERT_EQ(im.rgba.size(), 480u * 270 * 4);
  std::set<std::uint32_t> colours;
  for (std::size_t i = 0; i < im.rgba.size(); i += 4)
    colours.insert(im.rgba[i] << 16 | im.rgba[i + 1] << 8 | im.rgba[i + 2]);
  EXPECT_GT(colours.size(), 100u) << "a page, not a blank";
}

// ---------------------------------------------------------------------------------------
// [SECTION] GIF frames
// ---------------------------------------------------------------------------------------

TEST(AnimationFrames, EachStepForItsTimeTheMoveAnimated) {
  const std::vector<Frame> f = animation_frames(10, 12, 2, 10, 0.6, 2.0);
  // Step 10 at rest, then 5 moving frames and a rest frame for 11 and for 12.
  ASSERT_EQ(f.size(), 1u + 6 + 6);
  EXPECT_EQ(f[0].step, 10);
  double total = 0;
  for (const Frame& x : f) total += x.seconds;
  EXPECT_NEAR(total, 3 * 0.5 + 2.0, 1e-9);
  EXPECT_EQ(f[1].step, 11);
  EXPECT_DOUBLE_EQ(f[1].at, 0);
  EXPECT_NEAR(f[6].at, 0.5, 1e-9) << "the animation is as long as the step when the step is shorter";
}

TEST(GifWriter, EqualFramesLengthenTheLastOne) {
  Raster a(32, 16), b(32, 16);
  cairo_set_source_rgb(a.cr(), 1, 1, 1);
  cairo_paint(a.cr());
  cairo_set_source_rgb(b.cr(), 1, 1, 1);
  cairo_paint(b.cr());
  cairo_set_source_rgb(b.cr(), 0.75, 0.1, 0.1);
  cairo_rectangle(b.cr(), 4, 4, 6, 6);
  cairo_fill(b.cr());
  a.flush();
  b.flush();
  GifWriter w(32, 16);
  std::string error;
  ASSERT_TRUE(w.add(a, 0.5, error));
  ASSERT_TRUE(w.add(a, 0.25, error));  // the same: 0.75 s in all
  ASSERT_TRUE(w.add(b, 1.0, error));
  const std::string bytes = w.finish(error);
  ASSERT_FALSE(bytes.empty()) << error;
  Folder dir;
  const std::string path = dir / "x.gif";
  std::ofstream(path, std::ios::binary) << bytes;
  int err = 0;
  GifFileType* gif = DGifOpenFileName(path.c_str(), &err);
  ASSERT_TRUE(gif);
  ASSERT_EQ(DGifSlurp(gif), GIF_OK);
  ASSERT_EQ(gif->ImageCount, 2);
  GraphicsControlBlock g0{}, g1{};
  DGifSavedExtensionToGCB(gif, 0, &g0);
  DGifSavedExtensionToGCB(gif, 1, &g1);
  EXPECT_EQ(g0.DelayTime, 75);
  EXPECT_EQ(g1.DelayTime, 100);
  // The second frame is the changed square only.
  EXPECT_EQ(gif->SavedImages[1].ImageDesc.Left, 4);
  EXPECT_EQ(gif->SavedImages[1].ImageDesc.Width, 6);
  DGifCloseFile(gif, &err);
}

}  // namespace
}  // namespace trioscope::exporting
