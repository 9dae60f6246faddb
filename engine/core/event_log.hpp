// EventLog and StringTable: how a trace keeps its events and texts.
//
// A lesson records a few hundred events; a class of 100,000 tasks records millions, and the
// app keeps the whole trace to scrub through. So the trace does not store `Event` (56 bytes,
// most of them -1): each event is packed into 20 bytes, and readers get an `Event` back by
// value from `events[i]` or a range-for, exactly as written.
//
// Packing. Every event has a kind, a flag, a task, a source line and a time. Times repeat
// (every event between two clock jumps shares one), so an event holds the index of its time
// in a table of the distinct times in order. Of the other fields (nursery, scope, cause,
// exc, text, count, until) most events have at most one that is not its default: it goes in
// the event's slot, and a bit per field says which it is. An event with more (a step has
// its cause and its batch) puts them all, in field order, in a side array, and its slot says
// where. `until` is a double: its value is an index into a table of deadlines, deduplicated
// against the last one added (a fan-out's tasks share their wake-up time).
//
// Growth: events live in chunks of a fixed size that never move, so a growing trace never
// copies itself (a doubling vector briefly holds twice its size, which is what the memory
// limit would have to allow for) and a chunk's pages are touched only as it fills.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace trio {

// Where a statement is: for a scenario, the line of the Trio Python listing (1-based) that
// the statement is shown on; for a C++ program, whatever the program passes to `at()`.
struct SourceLoc {
  std::uint32_t line = 0;
  bool operator==(const SourceLoc&) const = default;
};

enum class EventKind : std::uint8_t {
  run_started,        // time 0; task = main task
  task_spawned,       // task = new task, nursery = its nursery (-1 for main); loc = start_soon/start line
  step_started,       // the scheduler resumes `task`; count = batch number; flag = 1 on its first step
  step_ended,         // `task` yielded to the scheduler (or exited)
  schedule_point,     // `task` reached a checkpoint that yields (sleep(0), checkpoint, closed nursery exit)
  sleeping,           // `task` blocks in trio.sleep / sleep_forever; until = deadline (inf: forever)
  woken,              // `task` was made runnable; exc >= 0 when it will get that exception (Cancelled)
  blocking_started,   // time.sleep: `task` freezes the whole loop; until = when it ends
  blocking_ended,
  clock_jump,         // autojump: every task is blocked, so virtual time jumps; until = new time
  scope_entered,      // scope = entered cancel scope (see ScopeInfo)
  scope_exited,       // scope; exc = exception leaving it (-1: none)
  scope_cancelled,    // scope; flag = CancelSource; cause = the event that made it happen
  cancel_delivered,   // `task` gets Cancelled at its checkpoint (exc = it); scope = whose cancel
  scope_caught_cancelled,  // scope swallowed the Cancelled (cancelled_caught = True)
  raised,             // exc raised in `task` (by a raise statement, or by Trio: TooSlowError, RuntimeError...)
  handler_entered,    // an except / except* handler of `task` caught exc
  nursery_opened,     // nursery; scope = its cancel scope; flag = 1 when strict_exception_groups
  nursery_waiting,    // the parent waits at the end of `async with` for count children
  exception_to_nursery,  // exc left `task` (or the body) and was added to `nursery`'s errors
  group_formed,       // nursery combined its errors into exc (a group, or the lone error when loose)
  nursery_reraise,    // exc leaves the `async with` of `nursery` in its parent task
  nursery_closed,     // nursery's `async with` is done
  start_waiting,      // `task` awaits nursery.start(): child = the task it started (count)
  task_started,       // task_status.started(value) in `task`; nursery = the nursery it moved to
  task_finished,      // exc = the error, or -1 when the task returned
  print,              // text = what the program printed
  run_finished,       // exc = what escaped trio.run (-1: it returned)
  deadlock,           // every task waits forever and no deadline is pending; text = diagnosis
  budget_exhausted,   // the run hit its event budget; text = diagnosis
};
const char* event_kind_name(EventKind k);

// `cause` is the index of the event that made this one happen (-1 when it is the program's
// own doing, such as a print).
struct Event {
  double time = 0;           // virtual seconds
  double until = 0;          // sleeping / blocking_started / clock_jump
  std::int32_t task = -1;
  std::int32_t nursery = -1;
  std::int32_t scope = -1;
  std::int32_t cause = -1;
  std::int32_t exc = -1;     // index into Trace::exceptions
  std::int32_t text = -1;    // index into Trace::strings
  std::int32_t count = 0;    // nursery_waiting children, step batch number, start_waiting child
  SourceLoc loc;
  EventKind kind = EventKind::run_started;
  std::uint8_t flag = 0;
};


class EventLog {
 public:
  // Events per chunk: 4096 x 20 bytes = 80 KiB.
  static constexpr unsigned kChunkBits = 12;
  static constexpr std::size_t kChunkSize = std::size_t(1) << kChunkBits;

  class iterator {
   public:
    using value_type = Event;
    using difference_type = std::ptrdiff_t;
    using reference = Event;
    using iterator_category = std::input_iterator_tag;
    iterator() = default;
    iterator(const EventLog* log, std::size_t i) : log_(log), i_(i) {}
    Event operator*() const { return (*log_)[i_]; }
    iterator& operator++() {
      ++i_;
      return *this;
    }
    iterator operator++(int) {
      iterator old = *this;
      ++i_;
      return old;
    }
    bool operator==(const iterator& o) const { return i_ == o.i_; }

   private:
    const EventLog* log_ = nullptr;
    std::size_t i_ = 0;
  };

  EventLog();
  ~EventLog();
  EventLog(const EventLog&);
  EventLog& operator=(const EventLog&);
  EventLog(EventLog&&) noexcept;
  EventLog& operator=(EventLog&&) noexcept;

  void push_back(const Event& e);
  Event operator[](std::size_t i) const { return decode(at(i)); }
  Event front() const { return (*this)[0]; }
  Event back() const { return (*this)[size_ - 1]; }
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  iterator begin() const { return iterator(this, 0); }
  iterator end() const { return iterator(this, size_); }
  void clear();

  // Whether the next push_back allocates a new chunk (of chunk_bytes()): the runner asks
  // its memory limit first.
  bool full() const { return size_ == chunks_.size() * kChunkSize; }
  static constexpr std::size_t chunk_bytes() { return kChunkSize * sizeof(Packed); }
  // Heap bytes the log holds (by capacity).
  std::size_t bytes() const;

 private:
  struct Packed {
    std::uint32_t time;     // index into times_
    std::int32_t task;
    std::uint32_t line;
    std::uint8_t kind;
    std::uint8_t flag;
    std::uint8_t fields;    // which of the optional fields are not their default (kField*)
    std::uint8_t unused;
    std::int32_t slot;      // that field's value, or (kFieldsSpilled) where spill_ has them
  };
  static_assert(sizeof(Packed) == 20);
  Packed& at(std::size_t i) const { return chunks_[i >> kChunkBits][i & (kChunkSize - 1)]; }
  Event decode(const Packed& p) const;

  std::vector<std::unique_ptr<Packed[]>> chunks_;
  std::size_t size_ = 0;
  std::vector<double> times_;       // distinct event times, in the order events took them
  std::vector<double> untils_;      // `until` values, consecutive repeats stored once
  std::vector<std::int32_t> spill_; // the fields of events with more than one
};

// The optional fields, in the order their values are packed.
enum : std::uint8_t {
  kFieldNursery = 1,
  kFieldScope = 2,
  kFieldCause = 4,
  kFieldExc = 8,
  kFieldText = 16,
  kFieldCount = 32,
  kFieldUntil = 64,
  kFieldsSpilled = 128,  // the values are in spill_, from `slot`
};

inline Event EventLog::decode(const Packed& p) const {
  Event e;
  e.time = times_[p.time];
  e.task = p.task;
  e.loc.line = p.line;
  e.kind = EventKind(p.kind);
  e.flag = p.flag;
  if (!p.fields) return e;
  const std::int32_t* v = p.fields & kFieldsSpilled ? spill_.data() + p.slot : &p.slot;
  if (p.fields & kFieldNursery) e.nursery = *v++;
  if (p.fields & kFieldScope) e.scope = *v++;
  if (p.fields & kFieldCause) e.cause = *v++;
  if (p.fields & kFieldExc) e.exc = *v++;
  if (p.fields & kFieldText) e.text = *v++;
  if (p.fields & kFieldCount) e.count = *v++;
  if (p.fields & kFieldUntil) e.until = untils_[std::size_t(*v)];
  return e;
}

// The trace's texts: what tasks printed, and the runner's diagnoses. Interned: a text added
// again gets the index it has (a loop printing the same line costs one copy), and all texts
// share one character buffer instead of a heap block each.
class StringTable {
 public:
  StringTable();
  std::int32_t add(std::string_view s);
  std::string_view operator[](std::size_t i) const {
    const std::uint64_t b = i ? ends_[i - 1] : 0;
    return std::string_view(chars_.data() + b, std::size_t(ends_[i] - b));
  }
  std::size_t size() const { return ends_.size(); }
  bool empty() const { return ends_.empty(); }
  // Heap bytes held, the interning index included.
  std::size_t bytes() const;
  // Recording is over: the interning index goes (a copy of the table starts without one
  // and builds it again if it is added to).
  void seal();

 private:
  void rehash(std::size_t buckets);
  std::string chars_;
  std::vector<std::uint64_t> ends_;  // ends_[i]: where text i ends in chars_
  std::vector<std::int32_t> index_;  // open addressing, -1: empty; size a power of two
};

}  // namespace trio
