// State fingerprints (choices.hpp): what the explorer compares to see that two schedules
// have led to the same state, so that what follows needs exploring only once.
//
// A task's coroutine frame cannot be inspected, so a task stands for its recorded history:
// a rolling hash of every event of its own, by content (kind, time, text, the exception and
// its reason...), leaving out what only numbers the trace (event indices, batch numbers).
// Everything else that decides the future is hashed as it is now: the clock, the run queue
// (with what each task will be woken with), the deadline registry in its tie order, the
// cancel-status trees with their tasks in order, every open scope and nursery, and for tasks
// that share a label the interleaving of their transcript lines (the outcome groups lines by
// label, so that interleaving is part of it). Ids of tasks,
// scopes and nurseries are creation-order numbers, so states that differ only by a renaming
// are (conservatively) different.
#include <algorithm>
#include <bit>
#include <cstring>

#include "core/runner_impl.hpp"

namespace trio {

namespace {

std::uint64_t fmix(std::uint64_t z) {
  z ^= z >> 33;
  z *= 0xff51afd7ed558ccdull;
  z ^= z >> 33;
  z *= 0xc4ceb9fe1a85ec53ull;
  z ^= z >> 33;
  return z;
}

// Two independent 64-bit lanes, each order-sensitive.
struct Hasher {
  std::uint64_t a = 0x243F6A8885A308D3ull, b = 0x13198A2E03707344ull;
  void add(std::uint64_t x) {
    a = fmix(a ^ x) + 0x9E3779B97F4A7C15ull;
    b = fmix((b + x) * 0xD6E8FEB86659FD93ull) ^ (b >> 7);
  }
  void add(double d) { add(std::bit_cast<std::uint64_t>(d)); }
  void add(std::string_view s) {
    add(std::uint64_t(s.size()));
    std::size_t i = 0;
    for (; i + 8 <= s.size(); i += 8) {
      std::uint64_t w;
      std::memcpy(&w, s.data() + i, 8);
      add(w);
    }
    std::uint64_t w = 0;
    std::memcpy(&w, s.data() + i, s.size() - i);
    add(w);
  }
  void add(const StateFingerprint& f) {
    add(f.a);
    add(f.b);
  }
  StateFingerprint done() const { return {fmix(a), fmix(b ^ a)}; }
};

void add_exc(Hasher& h, const PyException* e);

void add_value(Hasher& h, const Value& v) {
  h.add(std::uint64_t(v.index()));
  std::visit(
      [&](const auto& x) {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, None>) {
        } else if constexpr (std::is_same_v<T, bool> || std::is_same_v<T, std::int64_t>) {
          h.add(std::uint64_t(x));
        } else if constexpr (std::is_same_v<T, double>) {
          h.add(x);
        } else if constexpr (std::is_same_v<T, std::string>) {
          h.add(x);
        } else if constexpr (std::is_same_v<T, Exc>) {
          add_exc(h, x.get());
        } else if constexpr (std::is_same_v<T, std::shared_ptr<Nursery>>) {
          h.add(std::uint64_t(x ? x->id() : -1));
        } else {
          h.add(Runner::scope_identity(x.get()));
        }
      },
      v);
}

void add_exc(Hasher& h, const PyException* e) {
  if (!e) {
    h.add(std::uint64_t(0xE0));
    return;
  }
  h.add(e->type);
  h.add(std::uint64_t(e->args.size()));
  for (const Value& v : e->args) add_value(h, v);
  h.add(e->message);
  h.add(std::uint64_t(e->loose) | std::uint64_t(e->members_tuple) << 1 | std::uint64_t(e->cancel_source) << 8);
  h.add(e->cancel_reason);
  h.add(e->cancel_source_task);
  h.add(std::uint64_t(e->exceptions.size()));
  for (const Exc& m : e->exceptions) add_exc(h, m.get());
}

void add_reason(Hasher& h, const std::shared_ptr<const CancelReason>& r) {
  if (!r) {
    h.add(std::uint64_t(0xAB));
    return;
  }
  h.add(std::uint64_t(r->source));
  h.add(r->reason);
  h.add(r->source_task);
}

}  // namespace

// Scopes are named by their trace id; a hidden one (a sleep's timer) by the task inside it,
// which is the only task that can ever be there.
std::uint64_t Runner::scope_identity(const CancelScope* s) {
  if (!s) return ~0ull;
  if (!s->hidden()) return std::uint64_t(std::uint32_t(s->id()));
  return (1ull << 40) | std::uint64_t(std::uint32_t(s->status_ && s->status_->first_task ? s->status_->first_task->id : -1));
}

void Runner::note_history(const Event& e) {
  if (std::size_t(e.task) >= histories_.size()) histories_.resize(std::size_t(e.task) + 1);
  Hasher h;
  h.add(histories_[e.task]);
  h.add(std::uint64_t(e.kind) | std::uint64_t(e.flag) << 8 | std::uint64_t(e.loc.line) << 16);
  h.add(e.time);
  h.add(e.until);
  h.add(std::uint64_t(std::uint32_t(e.nursery)) | std::uint64_t(std::uint32_t(e.scope)) << 32);
  // A step's batch number only numbers the trace; every other count is the program's.
  h.add(std::uint64_t(e.kind == EventKind::step_started ? 0 : e.count));
  if (e.text >= 0) h.add(trace.text(e));
  if (e.exc >= 0) add_exc(h, trace.exceptions[e.exc].get());
  histories_[e.task] = h.done();

  // A transcript line (trace.cpp's for_each_transcript_line): which task of its label wrote it.
  if (e.kind == EventKind::print || e.kind == EventKind::handler_entered || e.kind == EventKind::task_finished) {
    const std::string& label = trace.tasks[e.task].label;
    StateFingerprint& lines = label_lines_[label];
    auto keyed = [&](const StateFingerprint& f) {
      Hasher k;
      k.add(label);
      k.add(f);
      return k.done();
    };
    const StateFingerprint old_key = keyed(lines);
    Hasher n;
    n.add(lines);
    n.add(std::uint64_t(e.task));
    lines = n.done();
    const StateFingerprint new_key = keyed(lines);
    label_lines_sum_.a += new_key.a - old_key.a;
    label_lines_sum_.b += new_key.b - old_key.b;
  }
}

void Runner::register_nursery(const std::shared_ptr<Nursery>& n) {
  if (!track_) return;
  if (std::size_t(n->id()) >= nurseries_.size()) nurseries_.resize(std::size_t(n->id()) + 1);
  nurseries_[n->id()] = n;
}

StateFingerprint Runner::fingerprint() const {
  Hasher h;
  h.add(now);
  h.add(std::uint64_t(emitted_ + work_));  // the budget counts both
  h.add(std::uint64_t(live_));
  h.add(label_lines_sum_);
  h.add(std::uint64_t(tasks_.size()) | std::uint64_t(trace.nurseries.size()) << 21 |
        std::uint64_t(trace.scopes.size()) << 42);

  // The run queue, in order, with what each task will be woken with.
  h.add(std::uint64_t(runq_.size()));
  for (const Task* t : runq_) {
    h.add(std::uint64_t(t->id));
    if (t->next_send == timer_fired())
      h.add(std::uint64_t(0x71));
    else
      add_exc(h, t->next_send.get());
  }

  // The deadline registry, in the order Trio's heap would pop it (ties: registration).
  struct Entry {
    double deadline;
    std::uint64_t registration, scope;
  };
  std::vector<Entry> entries;
  for (const Slot& s : slots_)
    if (s.scope) entries.push_back({s.scope->registered_deadline_, s.registration, scope_identity(s.scope)});
  std::sort(entries.begin(), entries.end(), [](const Entry& x, const Entry& y) {
    return x.deadline != y.deadline ? x.deadline < y.deadline : x.registration < y.registration;
  });
  h.add(std::uint64_t(entries.size()));
  for (const Entry& e : entries) {
    h.add(e.deadline);
    h.add(e.scope);
  }

  // Every task: its history, and for a live one where it is parked.
  std::vector<const CancelStatus*> roots;
  for (std::size_t id = 0; id < tasks_.size(); ++id) {
    h.add(id < histories_.size() ? histories_[id] : StateFingerprint{});
    const Task* t = tasks_[id].get();
    if (!t) {
      h.add(std::uint64_t(0xDEAD));
      continue;
    }
    std::uint64_t abort = !t->abort_fn ? 0 : t->abort_fn == abort_failed ? 1 : t->abort_fn == abort_succeeded ? 2 : 3;
    h.add(std::uint64_t(t->first_step) | std::uint64_t(t->in_runq) << 1 | std::uint64_t(t->yield) << 2 |
          abort << 4 | std::uint64_t(t->is_main) << 6 | std::uint64_t(t->loc.line) << 8);
    h.add(std::uint64_t(t->parent_nursery ? t->parent_nursery->id() : -1));
    h.add(std::uint64_t(reinterpret_cast<std::uintptr_t>(t->waiting_for)));  // string literals
    h.add(scope_identity(t->cancel_status ? t->cancel_status->scope : nullptr));
    const CancelStatus* s = t->cancel_status;
    while (s && s->parent) s = s->parent;
    if (s && std::find(roots.begin(), roots.end(), s) == roots.end()) roots.push_back(s);
  }

  // The cancel-status trees, depth first in child order, with every open scope's state.
  std::vector<const CancelStatus*> todo(roots.rbegin(), roots.rend());
  while (!todo.empty()) {
    const CancelStatus* s = todo.back();
    todo.pop_back();
    const CancelScope* sc = s->scope;
    h.add(scope_identity(sc));
    h.add(std::uint64_t(s->effectively_cancelled) | std::uint64_t(sc->cancel_called_) << 1 |
          std::uint64_t(sc->cancelled_caught_) << 2 | std::uint64_t(sc->shield_) << 3 |
          std::uint64_t(sc->cancel_source_) << 8);
    h.add(sc->deadline_);
    add_reason(h, sc->reason_);
    for (const Task* t = s->first_task; t; t = t->next_in_status) h.add(std::uint64_t(t->id));
    std::uint64_t kids = 0;
    for (const CancelStatus* c = s->first_child; c; c = c->next_sibling) ++kids;
    h.add(kids << 1 | 1);
    for (const CancelStatus* c = s->last_child; c; c = c->prev_sibling) todo.push_back(c);
  }

  // Nurseries still referenced by the program.
  for (std::size_t id = 0; id < nurseries_.size(); ++id) {
    auto n = nurseries_[id].lock();
    if (!n) continue;
    h.add(std::uint64_t(id));
    h.add(std::uint64_t(n->children_) | std::uint64_t(n->pending_starts_) << 24 |
          std::uint64_t(n->nested_child_running_) << 48 | std::uint64_t(n->parent_waiting_in_aexit_) << 49 |
          std::uint64_t(n->closed_) << 50 | std::uint64_t(n->strict_) << 51);
    h.add(std::uint64_t(n->pending_excs_.size()));
    for (const Exc& e : n->pending_excs_) add_exc(h, e.get());
  }
  return h.done();
}

StateFingerprint state_fingerprint() {
  Runner& r = runner();
  if (!r.tracking_histories())
    throw std::logic_error("trio: state_fingerprint() needs a choice source that wants fingerprints");
  return r.fingerprint();
}

}  // namespace trio
