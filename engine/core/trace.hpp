// The trace: every state change of a run, in the order it happened.
//
// The engine writes it; the CLI, the app and the exporters only read it. Events are flat (no
// strings inline) and stored packed (event_log.hpp) so that a million-event trace stays cheap
// to keep and to scan; texts and exceptions live in side tables and events refer to them by
// index.
//
// Ids: tasks, nurseries and scopes are numbered from 0 in creation order; -1 means none.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "event_log.hpp"
#include "exception.hpp"

namespace trio {

struct TaskInfo {
  std::int32_t id = -1;
  std::string label;          // scenario-format.md "Task labels"; the transcript's TASK
  std::int32_t nursery = -1;  // where it was spawned (for start(): the hidden start nursery)
  std::int32_t spawned_event = -1;
  bool is_main = false;
};

enum class ScopeKind : std::uint8_t { cancel_scope, move_on_after, fail_after, nursery };

struct ScopeInfo {
  std::int32_t id = -1;
  ScopeKind kind = ScopeKind::cancel_scope;
  std::string name;           // the `as` variable, "" if none
  std::int32_t task = -1;     // the task that entered it
  std::int32_t parent = -1;   // the scope it was entered inside (-1: none visible)
  std::int32_t nursery = -1;  // kind == nursery: the nursery it belongs to
  bool shield = false;
  double relative = 0;        // move_on_after / fail_after seconds
  double deadline = 0;        // absolute, fixed on entry (inf: none)
  SourceLoc loc;
};

struct NurseryInfo {
  std::int32_t id = -1;
  std::int32_t task = -1;     // the parent task (that runs the `async with`)
  std::int32_t scope = -1;    // its cancel scope
  std::string name;           // the `as` variable
  bool strict = true;
  bool for_start = false;     // the hidden nursery that nursery.start() opens in its caller
  SourceLoc loc;
};

struct Trace {
  EventLog events;
  std::vector<TaskInfo> tasks;
  std::vector<NurseryInfo> nurseries;
  std::vector<ScopeInfo> scopes;
  StringTable strings;
  std::vector<Exc> exceptions;
  // Recorded with RunSettings::Keep::transcript: only the transcript's events are here.
  bool transcript_only = false;

  std::string_view text(const Event& e) const;  // "" when none
  // Heap bytes the trace holds: its tables by capacity, the texts of tasks, scopes and
  // nurseries, and its exceptions (each once, however many events share it).
  std::size_t bytes() const;
  const PyException* exception(const Event& e) const;  // null when none
};

// Python's f"{t:.6f}": the transcript's TIME field, every digit at any magnitude.
std::string fixed_seconds(double t);

// The transcript (transcript-format.md) of a recorded run: print, caught, error and return
// lines, then the <run> line.
std::string transcript(const Trace& t);
// The same text handed to `sink` in pieces of about 64 KiB, for a caller that writes it out
// (a transcript of millions of lines need not be held whole).
void write_transcript(const Trace& t, const std::function<void(std::string_view)>& sink);

// One transcript line, before formatting. `time` is the TIME field ("1.000000").
struct TranscriptLine {
  const char* time;
  const std::string& task;
  const char* kind;
  std::string_view detail;
};
// Calls f(line) for every line of transcript(t), in order.
void for_each_transcript_line(const Trace& t, const std::function<void(const TranscriptLine&)>& f);

}  // namespace trio
