// What one run may consume: trio::RunLimits.
//
// A classroom tool runs whatever a student types and whatever file was downloaded, so every
// resource a run can use has a limit with a default that keeps a runaway within seconds and
// well under a gigabyte. The limits are settings, not part of a scenario: the command line
// takes them as flags (--max-events, ...) and the app as preferences, and the same program
// gives the same trace under the same limits (they count work, never wall-clock time).
//
// Most limits stop the run: the trace then ends in a budget_exhausted event whose flag is
// the Limit and whose text says which limit stopped it (limit_diagnosis), and the command
// line exits with status 3. Two are Python's own behaviour instead: a call deeper than
// `call_depth` raises RecursionError, and a format field wider than `format_width` raises
// MemoryError(), as Python does where memory runs out; a program can catch both.
#pragma once

#include <cstdint>
#include <span>
#include <string>

namespace trio {

struct RunLimits {
  // Trace events in all.
  std::uint64_t events = 5'000'000;
  // Interpreted statements, each turn of a loop included, so that a loop with an empty body
  // ends too. Work whose cost is far above a statement's counts as several: an exception
  // leaving a coroutine frame, and every 32 bytes of text a statement copies or formats.
  std::uint64_t statements = 20'000'000;
  // Tasks alive at the same time: a class of 100,000 runs (and the app shows it); a runaway
  // spawning loop stops here well within a second and the memory limit.
  std::uint64_t tasks = 250'000;
  // Nested calls of scenario functions; one more raises RecursionError (Python's limit is
  // 1000 frames, a few of which Trio's own machinery takes).
  std::uint64_t call_depth = 990;
  // Bytes the program prints, all lines together (each line's newline included).
  std::uint64_t output_bytes = 16u << 20;
  // Bytes of one printed line (checked while its text is built).
  std::uint64_t line_bytes = 1u << 20;
  // The widest field (or float precision) a format spec may ask for; beyond it the print
  // raises MemoryError(), once every check Python makes before building the text passed.
  std::uint64_t format_width = 1'000'000;
  // Bytes of memory the run may hold: its trace (events, texts, exceptions, tasks, scopes)
  // and what its live tasks keep (their frames and the arguments they were given).
  std::uint64_t memory_bytes = 512u << 20;

  bool operator==(const RunLimits&) const = default;
};

// One member of RunLimits, for messages, flags and settings screens.
enum class Limit : std::uint8_t {
  events,
  statements,
  tasks,
  call_depth,
  output_bytes,
  line_bytes,
  format_width,
  memory_bytes,
};

struct LimitInfo {
  Limit limit;
  std::uint64_t RunLimits::*field;
  const char* name;         // "event limit": what a message calls it
  const char* flag;         // "--max-events": the command-line flag that sets it
  const char* unit;         // "events", "bytes": what the number counts
  const char* description;  // one sentence, for --help and a settings screen
  bool stops_run;           // false: Python's own exception instead (call_depth, format_width)
  std::uint64_t minimum;    // the smallest value that makes sense (a setting below is refused)
  std::uint64_t maximum;    // the largest the engine takes (call depth: what its stack holds)
};

// Every limit, in the order of enum Limit.
std::span<const LimitInfo> limit_table();
const LimitInfo& limit_info(Limit l);
// "event limit", "memory limit", ...
const char* limit_name(Limit l);
// The number as the messages write it: "5,000,000 events", "16 MiB".
std::string limit_amount(Limit l, std::uint64_t value);
// Why a run stopped, in words: names the limit, its value and the flag that changes it.
std::string limit_diagnosis(Limit l, const RunLimits& limits);

// Parses a limit's value as the command line writes it: a whole number, for byte limits
// optionally followed by K, M or G (KiB, MiB, GiB). False for anything else, or a value
// outside the limit's minimum and maximum.
bool parse_limit_value(Limit l, const std::string& text, std::uint64_t& out);

}  // namespace trio
