// Hostile lessons in the app's own frames: a thousand failing children, a recursion through
// nurseries up to the task limit, a huge exception name, a megabyte printed line, a title of
// megabytes. Every step shown lays out and draws within what one ImGui draw call can index
// (16-bit vertex indices), and what the panels show of a huge text is cut to a few kilobytes.
#include <gtest/gtest.h>

#include <imgui.h>

#include <string>

#include "frame_harness.hpp"
#include "view/text_cap.hpp"

namespace trioscope::gui {
namespace {

using testing::Frames;

std::string lesson(const std::string& main_body, const std::string& more = "", const std::string& title = "") {
  return R"({"version": 1, )" + (title.empty() ? std::string() : R"("title": ")" + title + R"(", )") +
         R"("functions": {"main": {"body": [)" + main_body + "]}" + more + R"(}, "main": "main"})";
}

// The largest vertex index any draw command of the last frame used (the screen's backend
// takes a draw list's vertices in pieces of at most 65,536, each command one piece).
unsigned largest_command_vertices() {
  ImDrawData* d = ImGui::GetDrawData();
  unsigned most = 0;
  for (int i = 0; d && i < d->CmdListsCount; ++i) {
    const ImDrawList* l = d->CmdLists[i];
    for (int c = 0; c < l->CmdBuffer.Size; ++c) {
      const ImDrawCmd& cmd = l->CmdBuffer[c];
      for (unsigned e = cmd.IdxOffset; e < cmd.IdxOffset + cmd.ElemCount; ++e)
        most = std::max(most, static_cast<unsigned>(l->IdxBuffer[static_cast<int>(e)]));
    }
  }
  return most;
}

// Opens `text`, shows steps spread over the whole run and the last, and checks each frame.
void shows_every_part(const std::string& name, const std::string& text) {
  Frames f(1600, 1000, 1.0f);
  // As the OpenGL 3 backend does: a draw list may be split into pieces of 64K vertices. A
  // single text or shape of more vertices than that still aborts in ImGui::Render.
  ImGui::GetIO().BackendFlags |= ImGuiBackendFlags_RendererHasVtxOffset;
  ASSERT_TRUE(f.app.doc().open_text(text, name)) << f.app.doc().problems().lines().front();
  f.frames(2);
  const std::int32_t last = f.app.last_step();
  ASSERT_GE(last, 0);
  for (std::int32_t k = 0; k <= 16; ++k) {
    f.app.go_to(static_cast<std::int32_t>(static_cast<std::int64_t>(last) * k / 16));
    f.frames(2);
    EXPECT_LT(largest_command_vertices(), 1u << 16) << name << " at step " << f.app.view().step;
    EXPECT_LE(f.app.caption().size(), 4 * view::kMaxShownBytes) << name << " at step " << f.app.view().step;
  }
}

TEST(Hostile, AThousandFailingChildren) {
  std::string more = R"(, "child": {"body": [{"raise": "ValueError", "message": "boom"}]})";
  shows_every_part("failing.json", lesson(R"({"open_nursery": "nursery", "body": [{"repeat": 1000, "body": [)"
                                          R"({"start_soon": "child"}]}]})",
                                          more));
}

TEST(Hostile, RecursionThroughNurseriesUpToTheTaskLimit) {
  std::string more = R"(, "rec": {"body": [{"open_nursery": "nursery", "body": [{"start_soon": "rec"}, {"call": "rec"}]}]})";
  shows_every_part("recursion.json", lesson(R"({"call": "rec"})", more));
}

TEST(Hostile, AHugeExceptionName) {
  shows_every_part("name.json", lesson(R"({"raise": "E)" + std::string(200000, 'x') + R"(Error"})"));
}

TEST(Hostile, AHugeGroupOfHugeNames) {
  std::string more = R"(, "child": {"body": [{"raise": "E)" + std::string(20000, 'y') + R"(Error"}]})";
  shows_every_part("group.json", lesson(R"({"open_nursery": "nursery", "body": [{"repeat": 300, "body": [)"
                                        R"({"start_soon": "child"}]}]})",
                                        more));
}

TEST(Hostile, AMegabytePrintedLineAndManyLongOnes) {
  shows_every_part("line.json", lesson(R"({"print": ")" + std::string(1 << 20, 'z') + R"("})"));
  shows_every_part("lines.json", lesson(R"({"repeat": 1500, "body": [{"print": ")" + std::string(5000, 'w') + R"("}]})"));
}

TEST(Hostile, ATitleOfMegabytes) {
  shows_every_part("title.json", lesson(R"({"print": "hi"})", "", std::string(2 << 20, 'T')));
}

}  // namespace
}  // namespace trioscope::gui
