#include "view/step_facts.hpp"

#include "view/exc_text.hpp"

namespace trioscope::view {

namespace {
bool valid(std::int32_t id, std::size_t n) { return id >= 0 && static_cast<std::size_t>(id) < n; }

// The nursery a scope event is about, when the scope is a nursery's.
std::int32_t nursery_of_scope(const trio::Trace& t, std::int32_t scope) {
  return valid(scope, t.scopes.size()) && t.scopes[scope].kind == trio::ScopeKind::nursery ? t.scopes[scope].nursery : -1;
}
}  // namespace

std::int32_t current_exception(const trio::Trace& trace, const Snapshot& after) {
  if (!valid(after.step, trace.events.size())) return -1;
  const trio::Event& e = trace.events[after.step];
  using K = trio::EventKind;
  switch (e.kind) {
    case K::raised:
    case K::handler_entered:
    case K::cancel_delivered:
    case K::exception_to_nursery:
    case K::run_finished:
      return e.exc;
    case K::task_finished:
      return e.exc;
    case K::group_formed:
    case K::nursery_closed:
    case K::nursery_reraise:
      return nursery_outcome(after, trace, e.nursery);
    case K::scope_caught_cancelled:
    case K::scope_exited: {
      const std::int32_t n = nursery_of_scope(trace, e.scope);
      if (n >= 0) return nursery_outcome(after, trace, n);
      return e.kind == K::scope_exited ? e.exc : -1;
    }
    default:
      return -1;
  }
}

std::string step_label(const trio::Trace& trace, const Snapshot& after) {
  if (!valid(after.step, trace.events.size())) return "";
  const trio::Event& e = trace.events[after.step];
  const std::int32_t exc = current_exception(trace, after);
  const std::string chip = exc >= 0 ? exc_chip(trace, exc) : std::string();
  using K = trio::EventKind;
  switch (e.kind) {
    case K::raised: return "raise " + chip;
    case K::handler_entered: return "caught " + chip;
    case K::cancel_delivered: return chip;
    case K::exception_to_nursery: return chip + " \xE2\x86\x92 nursery";  // →
    case K::group_formed: return "\xE2\x86\x92 " + chip;
    case K::scope_caught_cancelled:
      return exc >= 0 ? "Cancelled absorbed \xE2\x86\x92 " + chip : "Cancelled absorbed";
    case K::scope_exited: return exc >= 0 ? "\xE2\x86\x91 " + chip : "";  // ↑
    case K::nursery_closed: return exc >= 0 ? "closed \xE2\x86\x92 " + chip : "nursery closed";
    case K::nursery_reraise: return "\xE2\x86\x91 " + chip;
    case K::task_finished: return exc >= 0 ? "ends with " + chip : "returns";
    case K::run_finished: return exc >= 0 ? "trio.run raises " + chip : "trio.run returns";
    case K::scope_cancelled: return "cancel";
    case K::print: return "print";
    case K::blocking_started: return "time.sleep: loop frozen";
    default: return "";
  }
}

}  // namespace trioscope::view
