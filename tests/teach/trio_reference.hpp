// Real Trio's transcripts (tests/golden/expected, tests/teach/expected: written by the shared
// oracle from Trio 0.34, never by trioscope) and what the teaching mode's claims say about
// them. A claim (teach/questions.hpp, Choice::claim) is held against the transcript of the
// outcome real Trio reached that matches this run, or against the other outcomes.
#pragma once

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/trace.hpp"

namespace trioscope::teach::testing {

inline const std::string kSource = TRIOSCOPE_SOURCE_DIR;

struct Line {
  double time = 0;
  std::string task, kind, detail;
};
using Transcript = std::vector<Line>;

inline Transcript parse_lines(const std::vector<std::string>& lines) {
  Transcript t;
  for (const std::string& l : lines) {
    std::vector<std::string> f;
    std::size_t a = 0;
    for (int k = 0; k < 3; ++k) {
      const std::size_t b = l.find('\t', a);
      if (b == std::string::npos) break;
      f.push_back(l.substr(a, b - a));
      a = b + 1;
    }
    if (f.size() != 3) continue;
    t.push_back({std::strtod(f[0].c_str(), nullptr), f[1], f[2], l.substr(a)});
  }
  return t;
}

// A reference file: the FIFO run, then (after "# N distinct") every outcome of the random
// schedules, each after a "## seed" line. Returns every outcome, the FIFO run first.
inline std::vector<Transcript> read_outcomes(const std::string& path) {
  std::ifstream in(path);
  std::vector<Transcript> out;
  std::vector<std::string> block;
  std::string line;
  auto flush = [&] {
    if (!block.empty()) out.push_back(parse_lines(block));
    block.clear();
  };
  while (std::getline(in, line)) {
    if (line.rfind("#", 0) == 0) {
      flush();
      continue;
    }
    block.push_back(line);
  }
  flush();
  return out;
}

// The comparison rule of transcript-format.md: every task's own lines in order, and the
// <run> line.
inline std::string key_of(const Transcript& t) {
  std::vector<std::string> tasks;
  for (const Line& l : t)
    if (std::find(tasks.begin(), tasks.end(), l.task) == tasks.end()) tasks.push_back(l.task);
  std::sort(tasks.begin(), tasks.end());
  std::string k;
  char buf[32];
  for (const std::string& task : tasks)
    for (const Line& l : t)
      if (l.task == task) {
        std::snprintf(buf, sizeof buf, "%.6f", l.time);
        k += std::string(buf) + "\t" + l.task + "\t" + l.kind + "\t" + l.detail + "\n";
      }
  return k;
}

inline Transcript transcript_of(const trio::Trace& t) {
  std::vector<std::string> lines;
  std::istringstream in(trio::transcript(t));
  std::string l;
  while (std::getline(in, l)) lines.push_back(l);
  return parse_lines(lines);
}

// The outcome of `outcomes` that `run` is (under the comparison rule), or null.
inline const Transcript* matching(const std::vector<Transcript>& outcomes, const trio::Trace& run) {
  const std::string mine = key_of(transcript_of(run));
  for (const Transcript& o : outcomes)
    if (key_of(o) == mine) return &o;
  return nullptr;
}

inline bool same_time(double a, double b) { return std::abs(a - b) < 1e-9; }

enum class Verdict { holds, fails, not_checkable };

// What a claim says about transcript `t`.
inline Verdict check(const std::string& claim, const Transcript& t) {
  auto starts = [&](const char* p) { return claim.rfind(p, 0) == 0; };
  if (claim.empty() || starts("engine ")) return Verdict::not_checkable;
  auto yes = [](bool b) { return b ? Verdict::holds : Verdict::fails; };
  if (starts("first-print ")) {
    for (const Line& l : t)
      if (l.kind == "print") return yes(l.detail == claim.substr(12));
    return Verdict::fails;
  }
  if (starts("order ")) {
    const std::string body = claim.substr(6);
    const std::size_t lt = body.find(" < ");
    const std::string a = body.substr(0, lt), b = body.substr(lt + 3);
    int ia = -1, ib = -1;
    for (std::size_t i = 0; i < t.size(); ++i) {
      if (t[i].kind != "print") continue;
      if (ia < 0 && t[i].detail == a) ia = static_cast<int>(i);
      if (ib < 0 && t[i].detail == b) ib = static_cast<int>(i);
    }
    return yes(ia >= 0 && ib >= 0 && ia < ib);
  }
  if (starts("run ")) {
    const Line& last = t.back();
    if (claim == "run return") return yes(last.kind == "return");
    if (starts("run error ")) return yes(last.kind == "error" && last.detail == claim.substr(10));
    return yes(last.kind == claim.substr(4));
  }
  // The label holds spaces ("child('A', 3)"): find the fields after it by the known kinds.
  auto task_and_rest = [&](std::size_t from, std::string& task, std::string& rest) {
    const std::string body = claim.substr(from);
    for (const Line& l : t)
      if (body.rfind(l.task + " ", 0) == 0 && l.task.size() > task.size()) task = l.task;
    if (task.empty()) return false;
    rest = body.substr(task.size() + 1);
    return true;
  };
  if (starts("line ")) {
    std::string task, rest;
    if (!task_and_rest(5, task, rest)) return Verdict::fails;
    const std::size_t s1 = rest.find(' '), s2 = rest.find(' ', s1 + 1);
    const std::string kind = rest.substr(0, s1);
    const double time = std::strtod(rest.substr(s1 + 1, s2 - s1 - 1).c_str(), nullptr);
    const std::string detail = s2 == std::string::npos ? "" : rest.substr(s2 + 1);
    for (const Line& l : t)
      if (l.task == task && l.kind == kind && l.detail == detail && same_time(l.time, time)) return Verdict::holds;
    return Verdict::fails;
  }
  if (starts("next ")) {
    std::string task, rest;
    if (!task_and_rest(5, task, rest)) return Verdict::fails;
    const std::size_t s1 = rest.find(' '), s2 = rest.find(' ', s1 + 1);
    const double time = std::strtod(rest.substr(0, s1).c_str(), nullptr);
    const std::string kind = rest.substr(s1 + 1, s2 == std::string::npos ? std::string::npos : s2 - s1 - 1);
    const std::string detail = s2 == std::string::npos ? "" : rest.substr(s2 + 1);
    for (const Line& l : t)
      if (l.task == task && l.time >= time - 1e-9) return yes(l.kind == kind && l.detail == detail);
    return Verdict::fails;
  }
  if (starts("leaves ")) {
    std::string task, rest;
    if (!task_and_rest(7, task, rest)) return Verdict::fails;
    for (const Line& l : t)
      if (l.task == task && (l.kind == "caught" || l.kind == "error") && l.detail == rest) return Verdict::holds;
    return Verdict::fails;
  }
  if (starts("cancelled ")) {
    const std::string body = claim.substr(10);
    const std::size_t sp = body.find(' ');
    const double time = std::strtod(body.substr(0, sp).c_str(), nullptr);
    std::vector<std::string> want;
    for (std::size_t a = sp + 1; a <= body.size();) {
      const std::size_t b = std::min(body.find('|', a), body.size());
      want.push_back(body.substr(a, b - a));
      a = b + 1;
    }
    std::vector<std::string> got;
    for (const Line& l : t)
      if (l.detail == "Cancelled" && (l.kind == "error" || l.kind == "caught") && l.time >= time - 1e-9 &&
          std::find(got.begin(), got.end(), l.task) == got.end())
        got.push_back(l.task);
    std::sort(want.begin(), want.end());
    std::sort(got.begin(), got.end());
    return yes(want == got);
  }
  if (starts("caught ")) {
    std::string task, rest;
    if (!task_and_rest(7, task, rest)) return Verdict::fails;
    const std::size_t sp = rest.find(' ');
    const double time = std::strtod(rest.substr(0, sp).c_str(), nullptr);
    std::vector<std::string> want;
    const std::string parts = rest.substr(sp + 1);
    for (std::size_t a = 0; a <= parts.size();) {
      std::size_t b = parts.find(" & ", a);
      if (b == std::string::npos) b = parts.size();
      want.push_back(parts.substr(a, b - a));
      a = b + 3;
    }
    std::vector<std::string> got;
    for (const Line& l : t)
      if (l.task == task && l.kind == "caught" && l.time >= time - 1e-9) got.push_back(l.detail);
    std::sort(want.begin(), want.end());
    std::sort(got.begin(), got.end());
    return yes(want == got);
  }
  return Verdict::not_checkable;
}

inline bool holds_in_some(const std::string& claim, const std::vector<Transcript>& outcomes) {
  for (const Transcript& o : outcomes)
    if (check(claim, o) == Verdict::holds) return true;
  return false;
}

inline std::vector<std::string> lesson_names() {
  return {"01_first_nursery", "02_child_trips_loose_groups", "03_child_trips_strict_groups",
          "04_child_trips_except_star", "05_blocking_call_freezes_everyone", "06_cooperative_loop",
          "07_passing_the_nursery", "08_move_on_after", "09_fail_after", "10_shielded_cleanup",
          "11_nursery_start", "12_two_failures_except_star", "13_cancel_nursery_from_child",
          "14_swallowed_cancelled", "15_closed_nursery", "16_race_same_instant"};
}
inline std::string lesson_path(const std::string& name) { return kSource + "/scenarios/" + name + ".json"; }
inline std::string golden_path(const std::string& name) { return kSource + "/tests/golden/expected/" + name + ".txt"; }
inline std::string flipped_path(const std::string& name) {
  return kSource + "/tests/teach/expected/" + name + ".strict_flipped.txt";
}

}  // namespace trioscope::teach::testing
