// [SECTION] Summaries
// [SECTION] Exploring (between frames)
// [SECTION] The window
#include "gui/outcomes_window.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>
#include <thread>

#include "gui/compare_window.hpp"
#include "view/exc_text.hpp"

namespace trioscope::gui {

namespace {

// How many outcomes are replayed for their summaries (and offered to Compare): a racy
// program with thousands of outcomes is summarised by its count, not by a list.
constexpr std::size_t kRowsShown = 64;

bool is_end_line(const std::string& l) {
  return l.rfind("trio.run ", 0) == 0 || l.rfind("deadlock: ", 0) == 0 || l.rfind("stopped: ", 0) == 0;
}

std::string quoted(const std::string& l) { return "\"" + l + "\""; }

std::string outcome_name(std::size_t k) { return "Outcome " + std::to_string(k + 1); }

std::string percent_text(std::uint64_t part, std::uint64_t whole) {
  if (whole == 0) return "?";
  const double share = static_cast<double>(part) / static_cast<double>(whole);
  if (share > 0 && share < 0.005) return "<1%";
  char b[16];
  std::snprintf(b, sizeof b, "%d%%", static_cast<int>(std::lround(share * 100)));
  return b;
}

}  // namespace

// ---------------------------------------------------------------------------------------
// [SECTION] Summaries
// ---------------------------------------------------------------------------------------

std::vector<std::string> outcome_summaries(const std::vector<std::vector<std::string>>& outputs) {
  auto prints_of = [](const std::vector<std::string>& lines) {
    std::vector<std::string> p = lines;
    if (!p.empty() && is_end_line(p.back())) p.pop_back();
    return p;
  };
  // The lines every outcome prints (as many times as the one printing them least often).
  std::map<std::string, std::size_t> common;
  for (std::size_t i = 0; i < outputs.size(); ++i) {
    std::map<std::string, std::size_t> count;
    for (const std::string& l : prints_of(outputs[i])) ++count[l];
    if (i == 0) common = count;
    else
      for (auto& [line, n] : common) {
        auto it = count.find(line);
        n = std::min(n, it == count.end() ? std::size_t(0) : it->second);
      }
  }
  std::vector<std::string> out;
  for (std::size_t i = 0; i < outputs.size(); ++i) {
    const std::vector<std::string> prints = prints_of(outputs[i]);
    std::map<std::string, std::size_t> used;
    std::vector<std::string> own;
    for (const std::string& l : prints) {
      auto it = common.find(l);
      if (it != common.end() && used[l] < it->second) ++used[l];
      else own.push_back(l);
    }
    std::vector<std::string> parts;
    for (std::size_t k = 0; k < own.size() && k < 3; ++k) parts.push_back(quoted(own[k]));
    if (own.size() > 3) parts.push_back("and " + std::to_string(own.size() - 3) + " more lines");
    if (own.empty() && outputs.size() > 1) {
      // The same lines as the others: where it first prints them in another order.
      const std::vector<std::string> other = prints_of(outputs[i == 0 ? 1 : 0]);
      std::size_t at = 0;
      while (at < prints.size() && at < other.size() && prints[at] == other[at]) ++at;
      if (at < prints.size()) parts.push_back("the same lines in another order, from " + quoted(prints[at]));
    }
    if (prints.empty()) parts.push_back("prints nothing");
    std::string text;
    for (const std::string& p : parts) text += p + " \xC2\xB7 ";  // ·
    text += outputs[i].empty() || !is_end_line(outputs[i].back()) ? std::string("the run did not end") : outputs[i].back();
    out.push_back(std::move(text));
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// [SECTION] Exploring (between frames)
// ---------------------------------------------------------------------------------------

OutcomesWindow::Key OutcomesWindow::key_of(const document::Document& doc) const {
  return Key{doc.path(), doc.valid_text(), doc.choice().strict_exception_groups, doc.choice().event_budget, max_seconds_};
}

void OutcomesWindow::start(const document::Document& doc) {
  job_.reset();  // cancels the old exploration and waits for it (within one run)
  replay_.reset();
  report_.reset();
  summaries_.clear();
  started_at_ = -1;
  screen_generation_ = ~0ull;
  key_ = key_of(doc);
  scenario_ = std::make_unique<scenario::Scenario>(*doc.scenario());
  listing_ = doc.listing();
  overrides_ = document::run_overrides(doc.choice());
  overrides_.scheduling.reset();
  overrides_.seed.reset();
  overrides_.schedule.reset();
  explore::Options o;
  o.max_seconds = max_seconds_;
  job_ = std::make_unique<explore::BackgroundExploration>(*scenario_, overrides_, o);
}

void OutcomesWindow::update(const document::Document& doc) {
  if (!open_) return;
  if (job_ && job_->done()) {
    report_ = *job_->report();
    job_.reset();
    screen_generation_ = ~0ull;
    std::vector<RunRequest> runs;
    for (std::size_t k = 0; k < report_->outcomes.size() && k < kRowsShown; ++k) {
      RunRequest r{*scenario_, overrides_, listing_};
      r.overrides.schedule = report_->outcomes[k].schedule_text;
      runs.push_back(std::move(r));
    }
    replay_ = std::make_unique<RunJob>(std::move(runs), /*views=*/false);
  }
  if (replay_ && replay_->done() && summaries_.empty()) {
    std::vector<std::vector<std::string>> outputs;
    for (const PreparedRun& r : replay_->runs()) outputs.push_back(r.lines);
    summaries_ = outcome_summaries(outputs);
  }
  // The lesson changed (or was never explored): explore it. (The text is compared only when
  // the run was replaced: typing a long program must not copy it every frame.)
  if (key_ && doc.generation() == checked_generation_) return;
  checked_generation_ = doc.generation();
  if (doc.scenario() && (!key_ || !(key_of(doc) == *key_))) start(doc);
}

bool OutcomesWindow::busy() const { return job_ != nullptr || (replay_ && !replay_->done()); }

void OutcomesWindow::wait(const document::Document& doc) {
  update(doc);
  while (busy()) {
    if (job_) {
      while (!job_->done()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    } else if (replay_) {
      replay_->wait();
    }
    update(doc);
  }
}

void OutcomesWindow::cancel() {
  if (job_) job_->cancel();
}

const std::vector<PreparedRun>* OutcomesWindow::runs() const {
  return replay_ && replay_->done() ? &replay_->runs() : nullptr;
}

int OutcomesWindow::on_screen(const document::Document& doc) {
  if (screen_generation_ != doc.generation()) {
    screen_generation_ = doc.generation();
    screen_outcome_ = -1;
    if (report_ && key_ && doc.trace() && key_of(doc) == *key_) {
      const std::string key = explore::outcome_key(*doc.trace());
      for (std::size_t k = 0; k < report_->outcomes.size(); ++k)
        if (report_->outcomes[k].key == key) screen_outcome_ = static_cast<int>(k);
    }
  }
  return screen_outcome_;
}

document::RunChoice OutcomesWindow::choice_for(const document::Document& doc, std::size_t k) const {
  document::RunChoice c = doc.choice();
  if (report_ && k < report_->outcomes.size()) c.schedule = report_->outcomes[k].schedule_text;
  return c;
}

void OutcomesWindow::compare_outcomes(const document::Document&, CompareWindow& compare, std::size_t a,
                                      std::size_t b) const {
  if (!report_ || !scenario_ || a >= report_->outcomes.size() || b >= report_->outcomes.size()) return;
  auto side = [&](std::size_t k) {
    CompareSide s{"outcome " + std::to_string(k + 1), RunRequest{*scenario_, overrides_, listing_}};
    s.run.overrides.schedule = report_->outcomes[k].schedule_text;
    return s;
  };
  compare.open(side(a), side(b));
}

void OutcomesWindow::compare_strict(const document::Document& doc, CompareWindow& compare) {
  if (!doc.scenario()) return;
  auto side = [&](bool strict) {
    CompareSide s{strict ? "strict_exception_groups=True" : "strict_exception_groups=False",
                  RunRequest{*doc.scenario(), document::run_overrides(doc.choice()), doc.listing()}};
    s.run.overrides.strict_exception_groups = strict;
    return s;
  };
  compare.open(side(true), side(false));
}

// ---------------------------------------------------------------------------------------
// [SECTION] The window
// ---------------------------------------------------------------------------------------

void OutcomesWindow::draw(PanelContext& ctx, CompareWindow& compare) {
  if (!open_) return;
  const float lh = ImGui::GetFontSize();
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  const float w = std::min(vp->Size.x * 0.95f, lh * 50);
  if (!placed_) {
    ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + vp->Size.x * 0.5f, vp->Pos.y + vp->Size.y * 0.45f), ImGuiCond_Always,
                            ImVec2(0.5f, 0.5f));
    placed_ = true;
  }
  // As wide as it was made, as tall as its rows (never taller than the screen).
  ImGui::SetNextWindowSize(ImVec2(w, 0), ImGuiCond_Always);
  ImGui::SetNextWindowSizeConstraints(ImVec2(w, 0), ImVec2(w, vp->Size.y * 0.9f));
  bool keep = true;
  const bool shown = ImGui::Begin("Outcomes###outcomes_window", &keep, ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoCollapse);
  if (shown) {
    const ImVec2 p = ImGui::GetWindowPos(), s = ImGui::GetWindowSize();
    ctx.report.outcomes_window = ImVec4(p.x, p.y, p.x + s.x, p.y + s.y);
    ctx.report.outcomes_state = job_ ? "exploring" : report_ ? "done" : "";
    ImGui::PushFont(ctx.fonts.bold);
    const std::string title = scenario_ && !scenario_->title.empty() ? scenario_->title : ctx.doc.title();
    ImGui::TextWrapped("Every way \"%s\" can end", title.c_str());
    ImGui::PopFont();
    if (!ctx.doc.scenario()) {
      ImGui::TextWrapped("Open a lesson that reads to see its outcomes.");
    } else {
      if (ctx.doc.out_of_date())
        ImGui::TextDisabled("Of the last text that read: the edit on screen does not read yet.");
      if (job_) draw_progress(ctx);
      else if (report_) {
        draw_verdict(ctx);
        draw_rows(ctx);
        draw_compare(ctx, compare);
      }
    }
    ImGui::Separator();
    if (reported_button(ctx, "Close")) keep = false;
  }
  ImGui::End();
  if (!keep) {
    open_ = false;
    // An exploration cut short by closing is not kept: opening again explores again.
    if (job_) {
      job_.reset();
      key_.reset();
    }
  }
}

void OutcomesWindow::draw_progress(PanelContext& ctx) {
  const float lh = ImGui::GetFontSize();
  const explore::Progress& p = job_->progress();
  if (started_at_ < 0) started_at_ = ctx.now;
  const double t = ctx.now - started_at_;
  const std::uint64_t schedules = p.schedules.load(), outcomes = p.outcomes.load();
  ImGui::TextWrapped("Exploring every schedule Trio could take: %s schedules so far, %s %s found.",
                     view::thousands(schedules).c_str(), view::thousands(outcomes).c_str(), outcomes == 1 ? "outcome" : "outcomes");
  char label[64];
  if (ctx.deterministic) std::snprintf(label, sizeof label, "stops after %.0f s at most", max_seconds_);
  else std::snprintf(label, sizeof label, "%.1f s of at most %.0f s", t, max_seconds_);
  ImGui::ProgressBar(ctx.deterministic ? 0.0f : static_cast<float>(std::min(1.0, t / max_seconds_)), ImVec2(lh * 22, 0), label);
  ImGui::SameLine();
  if (reported_button(ctx, "Cancel")) job_->cancel();
  ImGui::TextDisabled("The app goes on meanwhile. Cancel keeps what was found, as \"at least\".");
}

void OutcomesWindow::draw_verdict(PanelContext& ctx) {
  const explore::Report& r = *report_;
  const std::size_t k = r.outcomes.size();
  const std::string outcomes = view::thousands(k) + (k == 1 ? " outcome" : " outcomes");
  std::string verdict;
  if (r.exhaustive()) {
    verdict = "Exactly " + outcomes + ": all " + view::thousands(r.schedules) +
              (r.schedules == 1 ? " schedule was run." : " schedules were run.");
  } else {
    const char* why = r.stop == explore::Stop::max_seconds ? "the time limit"
                      : r.stop == explore::Stop::max_runs  ? "the run limit"
                      : r.stop == explore::Stop::cancelled ? "cancelled"
                                                           : "a failure";
    verdict = "At least " + outcomes + ": stopped after " + view::thousands(r.schedules) + " schedules (" + why + ").";
  }
  ctx.report.outcomes_verdict = verdict;
  ImGui::PushFont(ctx.fonts.bold);
  ImGui::TextWrapped("%s", verdict.c_str());
  ImGui::PopFont();
  // How that was established, without the clock in screenshots (they must not vary).
  std::string how;
  if (r.exhaustive())
    how = "Proof: every choice Trio's scheduler can make was tried; " + view::thousands(r.merged) + " of the " +
          view::thousands(r.runs) + " runs stopped at a state already explored in full.";
  else
    how = "Not a proof: other schedules were not run, and may end in other ways.";
  if (!ctx.deterministic) {
    char t[48];
    std::snprintf(t, sizeof t, " (%.2f s)", r.seconds);
    how += t;
  }
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  ImGui::TextWrapped("%s", how.c_str());
  ImGui::PopStyleColor();
  if (!r.problem.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, to_vec4(ctx.palette()[view::ColorRole::exception]));
    ImGui::TextWrapped("\xE2\x9C\x97 Internal error: %s", r.problem.c_str());  // ✗
    ImGui::PopStyleColor();
  }
  if (!r.exhaustive() && r.stop != explore::Stop::failed) {
    if (reported_button(ctx, max_seconds_ < 60 ? "Explore for up to a minute" : "Explore again")) {
      max_seconds_ = 60;
      key_.reset();  // explored again next frame
    }
  }
}

void OutcomesWindow::draw_rows(PanelContext& ctx) {
  const explore::Report& r = *report_;
  const float lh = ImGui::GetFontSize();
  const int screen = on_screen(ctx.doc);
  const view::Palette& pal = ctx.palette();
  ImGui::TextDisabled("Click an outcome to show its run (its shortest schedule) in every view.");
  const std::size_t n = std::min(r.outcomes.size(), kRowsShown);
  // A few rows take the room they need; more scroll in a fixed part of the screen.
  const bool scroll = n > 8;
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingFixedFit |
                                (scroll ? ImGuiTableFlags_ScrollY : 0);
  const float table_h = scroll ? ImGui::GetMainViewport()->Size.y * 0.4f : 0.0f;
  if (!ImGui::BeginTable("##outcomes", 3, flags, ImVec2(0, table_h))) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("Outcome", ImGuiTableColumnFlags_WidthFixed);
  ImGui::TableSetupColumn("What it prints that the others do not, and how trio.run ends", ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableSetupColumn("Share of the schedules", ImGuiTableColumnFlags_WidthFixed, lh * 14);
  ImGui::TableHeadersRow();
  for (std::size_t k = 0; k < n; ++k) {
    const explore::Outcome& o = r.outcomes[k];
    const bool on = static_cast<int>(k) == screen;
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    if (on) ImGui::PushFont(ctx.fonts.bold);
    const std::string name = outcome_name(k);
    // ✓ marks the run on screen (and bold): not colour alone.
    const std::string label = std::string(on ? "\xE2\x9C\x93 " : "   ") + name + "##outcome" + std::to_string(k);
    const bool clicked = ImGui::Selectable(label.c_str(), on, ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap);
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    if (ImGui::IsItemHovered() && !ctx.deterministic) {
      ImGui::BeginTooltip();
      ImGui::Text("Click: show this run in every view (schedule %s)", o.schedule_text.c_str());
      ImGui::Separator();
      ImGui::PushFont(ctx.fonts.mono);
      ImGui::TextUnformatted(o.transcript.c_str());
      ImGui::PopFont();
      ImGui::EndTooltip();
    }
    if (clicked && !on) ctx.commands.push(document::SetChoice{choice_for(ctx.doc, k)});
    ImGui::TableSetColumnIndex(1);
    const std::string summary = k < summaries_.size() ? summaries_[k] : std::string("\xE2\x80\xA6");  // …
    ImGui::TextWrapped("%s", summary.c_str());
    if (on) ImGui::PopFont();
    ImGui::TableSetColumnIndex(2);
    // The share three ways: a bar, the percentage and the count.
    const float frac = r.schedules ? static_cast<float>(o.schedules) / static_cast<float>(r.schedules) : 0;
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const float bar_w = lh * 4, bar_h = lh * 0.7f, y = at.y + (ImGui::GetTextLineHeight() - bar_h) * 0.5f;
    ImDrawList* d = ImGui::GetWindowDrawList();
    d->AddRectFilled(ImVec2(at.x, y), ImVec2(at.x + bar_w * frac, y + bar_h), to_u32(pal[view::ColorRole::spawn]));
    d->AddRect(ImVec2(at.x, y), ImVec2(at.x + bar_w, y + bar_h), to_u32(pal[view::ColorRole::text_muted]));
    ImGui::Dummy(ImVec2(bar_w, ImGui::GetTextLineHeight()));
    ImGui::SameLine(0, lh * 0.4f);
    const std::string pct = percent_text(o.schedules, r.schedules);
    ImGui::Text("%s \xC2\xB7 %s of %s", pct.c_str(), view::thousands(o.schedules).c_str(), view::thousands(r.schedules).c_str());
    ctx.report.buttons.push_back({name, ImVec4(a.x, a.y, b.x, b.y)});
    FrameReport::OutcomeRow row;
    row.name = name;
    row.summary = summary;
    row.schedule = o.schedule_text;
    row.schedules = o.schedules;
    row.percent = r.schedules ? static_cast<int>(std::lround(100.0 * static_cast<double>(o.schedules) / static_cast<double>(r.schedules))) : 0;
    row.on_screen = on;
    row.rect = ImVec4(a.x, a.y, b.x, b.y);
    ctx.report.outcomes.push_back(std::move(row));
  }
  ImGui::EndTable();
  if (r.outcomes.size() > n)
    ImGui::TextDisabled("and %s more outcomes (the first %zu are listed)", view::thousands(r.outcomes.size() - n).c_str(), n);
  if (screen < 0 && ctx.doc.trace())
    ImGui::TextDisabled("The run on screen is none of these (its settings or its text differ from what was explored).");
  if (ctx.doc.choice().schedule) {
    ImGui::AlignTextToFramePadding();
    ImGui::Text("On screen: the run of schedule %s.", ctx.doc.choice().schedule->c_str());
    ImGui::SameLine();
    if (reported_button(ctx, "Back to the lesson's own scheduling")) {
      document::RunChoice c = ctx.doc.choice();
      c.schedule.reset();
      ctx.commands.push(document::SetChoice{c});
    }
  }
}

void OutcomesWindow::draw_compare(PanelContext& ctx, CompareWindow& compare) {
  const float lh = ImGui::GetFontSize();
  const std::size_t n = std::min(report_->outcomes.size(), kRowsShown);
  ImGui::Separator();
  ImGui::TextUnformatted("Compare two runs side by side:");
  if (n >= 2) {
    pick_a_ = std::clamp(pick_a_, 0, static_cast<int>(n) - 1);
    pick_b_ = std::clamp(pick_b_, 0, static_cast<int>(n) - 1);
    auto pick = [&](const char* id, int& v) {
      ImGui::SetNextItemWidth(lh * 7);
      if (ImGui::BeginCombo(id, outcome_name(static_cast<std::size_t>(v)).c_str())) {
        for (std::size_t k = 0; k < n; ++k)
          if (ImGui::Selectable(outcome_name(k).c_str(), static_cast<int>(k) == v)) v = static_cast<int>(k);
        ImGui::EndCombo();
      }
    };
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("A");
    ImGui::SameLine();
    pick("##compare_a", pick_a_);
    ImGui::SameLine();
    ImGui::TextUnformatted("B");
    ImGui::SameLine();
    pick("##compare_b", pick_b_);
    ImGui::SameLine();
    ImGui::BeginDisabled(pick_a_ == pick_b_);
    if (reported_button(ctx, "Compare A and B"))
      compare_outcomes(ctx.doc, compare, static_cast<std::size_t>(pick_a_), static_cast<std::size_t>(pick_b_));
    ImGui::EndDisabled();
  }
  if (reported_button(ctx, "strict_exception_groups on vs off")) compare_strict(ctx.doc, compare);
  if (ImGui::IsItemHovered() && !ctx.deterministic) ImGui::SetTooltip("The run on screen, with the setting on and off");
  ImGui::SameLine();
  ImGui::BeginDisabled(!compare.has_before_edit());
  if (reported_button(ctx, "Before vs after the last edit")) compare.open_before_after(ctx.doc);
  ImGui::EndDisabled();
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled) && !ctx.deterministic)
    ImGui::SetTooltip(compare.has_before_edit() ? "The lesson as it was before its last edit, and as it is"
                                                : "Edit the lesson first: this compares it with how it was");
}

}  // namespace trioscope::gui
