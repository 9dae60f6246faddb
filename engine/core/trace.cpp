#include "core/trace.hpp"

#include <cmath>
#include <cstdio>

namespace trio {

const char* event_kind_name(EventKind k) {
  switch (k) {
    case EventKind::run_started: return "run_started";
    case EventKind::task_spawned: return "task_spawned";
    case EventKind::step_started: return "step_started";
    case EventKind::step_ended: return "step_ended";
    case EventKind::schedule_point: return "schedule_point";
    case EventKind::sleeping: return "sleeping";
    case EventKind::woken: return "woken";
    case EventKind::blocking_started: return "blocking_started";
    case EventKind::blocking_ended: return "blocking_ended";
    case EventKind::clock_jump: return "clock_jump";
    case EventKind::scope_entered: return "scope_entered";
    case EventKind::scope_exited: return "scope_exited";
    case EventKind::scope_cancelled: return "scope_cancelled";
    case EventKind::cancel_delivered: return "cancel_delivered";
    case EventKind::scope_caught_cancelled: return "scope_caught_cancelled";
    case EventKind::raised: return "raised";
    case EventKind::handler_entered: return "handler_entered";
    case EventKind::nursery_opened: return "nursery_opened";
    case EventKind::nursery_waiting: return "nursery_waiting";
    case EventKind::exception_to_nursery: return "exception_to_nursery";
    case EventKind::group_formed: return "group_formed";
    case EventKind::nursery_reraise: return "nursery_reraise";
    case EventKind::nursery_closed: return "nursery_closed";
    case EventKind::start_waiting: return "start_waiting";
    case EventKind::task_started: return "task_started";
    case EventKind::task_finished: return "task_finished";
    case EventKind::print: return "print";
    case EventKind::run_finished: return "run_finished";
    case EventKind::deadlock: return "deadlock";
    case EventKind::budget_exhausted: return "budget_exhausted";
  }
  return "?";
}

std::string_view Trace::text(const Event& e) const { return e.text >= 0 ? strings[std::size_t(e.text)] : std::string_view(); }

const PyException* Trace::exception(const Event& e) const {
  return e.exc >= 0 ? exceptions[e.exc].get() : nullptr;
}

namespace {
// What a std::string holds on the heap beyond itself (none while it fits in the object).
std::size_t heap_of(const std::string& s) { return s.capacity() > 15 ? s.capacity() + 1 : 0; }
}  // namespace

std::size_t Trace::bytes() const {
  std::size_t n = events.bytes() + strings.bytes() + tasks.capacity() * sizeof(TaskInfo) +
                  nurseries.capacity() * sizeof(NurseryInfo) + scopes.capacity() * sizeof(ScopeInfo) +
                  exceptions.capacity() * sizeof(Exc);
  for (const TaskInfo& t : tasks) n += heap_of(t.label);
  for (const NurseryInfo& x : nurseries) n += heap_of(x.name);
  for (const ScopeInfo& x : scopes) n += heap_of(x.name);
  for (const Exc& e : exceptions) {
    if (!e) continue;
    n += sizeof(PyException) + heap_of(e->type) + heap_of(e->message) + heap_of(e->cancel_reason) +
         heap_of(e->cancel_source_task) + e->exceptions.capacity() * sizeof(Exc) + e->args.capacity() * sizeof(Value);
    for (const Value& v : e->args)
      if (auto str = std::get_if<std::string>(&v)) n += heap_of(*str);
  }
  return n;
}

std::string fixed_seconds(double t) {
  // f"{t:.6f}" prints every digit of a large time (1e300 has 301), so the buffer is sized
  // by what snprintf says it needs.
  char small[64];
  int n = std::snprintf(small, sizeof small, "%.6f", t);
  if (n < int(sizeof small)) return std::string(small, std::size_t(n));
  std::string big(std::size_t(n) + 1, '\0');
  std::snprintf(big.data(), big.size(), "%.6f", t);
  big.resize(std::size_t(n));
  return big;
}

void for_each_transcript_line(const Trace& t, const std::function<void(const TranscriptLine&)>& f) {
  static const std::string run_label = "<run>", empty;
  // Lines come in runs of one time (everything between two clock jumps), so the TIME field
  // is formatted once per run, not once per line.
  std::string ts;
  double ts_of = 0;
  bool have_ts = false;
  auto line = [&](double time, const std::string& task, const char* kind, std::string_view detail) {
    if (!have_ts || time != ts_of || std::signbit(time) != std::signbit(ts_of)) {
      ts = fixed_seconds(time);
      ts_of = time;
      have_ts = true;
    }
    f(TranscriptLine{ts.c_str(), task, kind, detail});
  };
  for (const Event& e : t.events) {
    const std::string& label = e.task >= 0 ? t.tasks[e.task].label : empty;
    switch (e.kind) {
      case EventKind::print: line(e.time, label, "print", t.text(e)); break;
      case EventKind::handler_entered: line(e.time, label, "caught", canonical(*t.exception(e))); break;
      case EventKind::task_finished:
        if (auto x = t.exception(e))
          line(e.time, label, "error", canonical(*x));
        else
          line(e.time, label, "return", empty);
        break;
      case EventKind::run_finished:
        if (auto x = t.exception(e))
          line(e.time, run_label, "error", canonical(*x));
        else
          line(e.time, run_label, "return", empty);
        break;
      case EventKind::deadlock:
      case EventKind::budget_exhausted:
        line(e.time, run_label, e.kind == EventKind::deadlock ? "deadlock" : "budget", t.text(e));
        break;
      default: break;
    }
  }
}

void write_transcript(const Trace& t, const std::function<void(std::string_view)>& sink) {
  constexpr std::size_t kChunk = 64u << 10;
  std::string out;
  out.reserve(kChunk + 256);
  for_each_transcript_line(t, [&](const TranscriptLine& l) {
    out += l.time;
    out += '\t';
    out += l.task;
    out += '\t';
    out += l.kind;
    out += '\t';
    out += l.detail;
    out += '\n';
    if (out.size() >= kChunk) {
      sink(out);
      out.clear();
    }
  });
  if (!out.empty()) sink(out);
}

std::string transcript(const Trace& t) {
  std::string out;
  write_transcript(t, [&](std::string_view chunk) { out += chunk; });
  return out;
}

}  // namespace trio
