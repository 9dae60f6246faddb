// [SECTION] Words for statements
// [SECTION] Timeouts, cleanup and handlers (ASYNC100, ASYNC102, ASYNC103, ASYNC104)
// [SECTION] Blocking calls and loops (ASYNC251, TS002)
// [SECTION] except T around a nursery (TS001)
// [SECTION] All of them
#include <algorithm>
#include <functional>
#include <set>

#include "core/exception.hpp"
#include "teach/lint.hpp"
#include "teach/program_facts.hpp"
#include "view/exc_text.hpp"

namespace trioscope::teach {

using scenario::Block;
using scenario::Handler;
using scenario::Op;
using scenario::Statement;

// ---------------------------------------------------------------------------------------
// [SECTION] Words for statements
// ---------------------------------------------------------------------------------------

namespace {

std::string timeout_text(const Statement& st) {
  const char* fn = st.op == Op::fail_after ? "trio.fail_after(" : "trio.move_on_after(";
  return std::string(fn) + expr_text(st.value) + (st.shield ? ", shield=True)" : ")");
}

std::string handler_text(const Handler& h, bool star) {
  std::string s = star ? "except* " : "except ";
  if (h.types.empty()) return star ? "except* BaseException" : "except";
  if (h.types.size() > 1) s += "(";
  for (std::size_t i = 0; i < h.types.size(); ++i) {
    const std::string& t = h.types[i];
    s += (i ? ", " : "") + ((t == "Cancelled" || t == "TooSlowError") ? "trio." + t : t);
  }
  if (h.types.size() > 1) s += ")";
  return s;
}

Lint make(const char* code, const scenario::FilePos& pos, std::uint32_t py_line, std::string message, std::string fix) {
  Lint l;
  l.code = code;
  l.pos = pos;
  l.py_line = py_line;
  l.message = std::move(message);
  l.fix = std::move(fix);
  return l;
}

// Each function's blocks, with what the walk knows on the way down.
template <class F>
void for_each_function_statement(const scenario::Scenario& s, F&& f) {
  for (const auto& fn : s.functions) for_each_statement(fn.body, [&](const Statement& st) { f(fn, st); });
}

// ---------------------------------------------------------------------------------------
// [SECTION] Timeouts, cleanup and handlers (ASYNC100, ASYNC102, ASYNC103, ASYNC104)
// ---------------------------------------------------------------------------------------

void timeouts_without_checkpoint(const scenario::Scenario& s, const ProgramFacts& f, std::vector<Lint>& out) {
  for_each_function_statement(s, [&](const scenario::Function&, const Statement& st) {
    if (st.op != Op::move_on_after && st.op != Op::fail_after) return;
    if (may_checkpoint(f, st.body)) return;
    out.push_back(make("ASYNC100", st.pos, st.py_line,
                       "`with " + timeout_text(st) + ":` holds no checkpoint, so nothing inside can notice its deadline: "
                       "the timeout can never cancel anything",
                       "await something inside it (trio.sleep, a call that awaits), or remove the timeout"));
  });
}

// A handler that catches Cancelled: `except trio.Cancelled`, `except BaseException`, a bare
// `except:` (and the except* forms).
bool catches_cancelled(const Handler& h) {
  if (h.types.empty()) return true;
  return std::any_of(h.types.begin(), h.types.end(), [](const std::string& t) { return trio::is_subclass("Cancelled", t); });
}

struct CleanupWalk {
  const ProgramFacts& f;
  std::vector<Lint>& out;

  // `cleanup`: the kind of block we are in ("" none, "finally", or the handler's words).
  void block(const Block& b, const std::string& cleanup, bool shielded) {
    for (const Statement& st : b) {
      if (!cleanup.empty() && !shielded && awaits(st) && (st.op != Op::call || (f.may_checkpoint.count(st.function) && f.may_checkpoint.at(st.function)))) {
        const bool fin = cleanup == "finally";
        out.push_back(make("ASYNC102", st.pos, st.py_line,
                           "`" + await_text(st) + "` in " + (fin ? "a `finally:` block" : "`" + cleanup + ":`") +
                               " without a shielded cancel scope: if the task is being cancelled, it raises Cancelled at "
                               "once and the cleanup after it never runs",
                           "put the cleanup in `with trio.CancelScope(shield=True):` (with a timeout: "
                           "`trio.move_on_after(T, shield=True)`)"));
        return;  // one per cleanup block: the rest of it has the same problem
      }
      statement(st, cleanup, shielded);
    }
  }

  void statement(const Statement& st, const std::string& cleanup, bool shielded) {
    const bool shields = (st.op == Op::cancel_scope || st.op == Op::move_on_after || st.op == Op::fail_after) && st.shield;
    if (st.op == Op::try_) {
      block(st.body, cleanup, shielded);
      for (const Handler& h : st.handlers)
        block(h.body, catches_cancelled(h) ? handler_text(h, st.star) : cleanup, shielded);
      if (st.else_body) block(*st.else_body, cleanup, shielded);
      if (st.finally_body) block(*st.finally_body, "finally", shielded);
      return;
    }
    for_each_child_block(st, [&](const Block& inner, bool) { block(inner, cleanup, shielded || shields); });
  }
};

// The handler leaves by raising on its straight path: `raise`, `raise e`, or another raise.
bool reraises(const Block& b) {
  for (const Statement& st : b) {
    if (st.op == Op::raise || st.op == Op::reraise) return true;
    if ((st.op == Op::move_on_after || st.op == Op::fail_after || st.op == Op::cancel_scope || st.op == Op::open_nursery) &&
        reraises(st.body))
      return true;
  }
  return false;
}

void swallowed_cancelled(const scenario::Scenario& s, std::vector<Lint>& out) {
  for_each_function_statement(s, [&](const scenario::Function&, const Statement& st) {
    if (st.op != Op::try_) return;
    for (const Handler& h : st.handlers) {
      if (!catches_cancelled(h) || reraises(h.body)) continue;
      const bool named = std::find(h.types.begin(), h.types.end(), "Cancelled") != h.types.end();
      const std::string words = handler_text(h, st.star);
      if (named)
        out.push_back(make("ASYNC103", h.pos, h.py_line,
                           "`" + words + ":` does not re-raise: the task carries on with code it was told to stop "
                                         "running, and its scope stays cancelled, so the next checkpoint raises Cancelled "
                                         "again",
                           "clean up and end the handler with `raise` (or do the cleanup in `finally:`)"));
      else
        out.push_back(make("ASYNC104", h.pos, h.py_line,
                           "`" + words + ":` also catches trio.Cancelled and does not re-raise it: a cancellation that "
                                         "arrives here is swallowed",
                           "catch `Exception` instead, or end the handler with `raise`"));
    }
  });
}

// ---------------------------------------------------------------------------------------
// [SECTION] Blocking calls and loops (ASYNC251, TS002)
// ---------------------------------------------------------------------------------------

// Work split into chunks: `st` runs inside a loop each turn of which surely reaches a
// checkpoint, directly or through every call of its function (lesson 06's fix). `seen`
// stops recursion through functions that call each other.
bool chunked(const ProgramFacts& f, const Statement& st, std::set<const scenario::Function*>& seen) {
  for (const Statement* p = f.parent_of.at(&st); p; p = f.parent_of.at(p))
    if (p->op == Op::repeat && always_checkpoints(f, p->body)) return true;
  const scenario::Function* fn = f.function_of.at(&st);
  if (!seen.insert(fn).second) return false;
  auto task = f.started_as_task.find(fn->name);
  if (task != f.started_as_task.end() && task->second) return false;  // a task runs it straight through
  auto calls = f.calls.find(fn->name);
  if (calls == f.calls.end() || calls->second.empty()) return false;
  return std::all_of(calls->second.begin(), calls->second.end(),
                     [&](const Statement* call) { return chunked(f, *call, seen); });
}

void blocking_calls(const scenario::Scenario& s, const ProgramFacts& f, std::vector<Lint>& out) {
  for_each_function_statement(s, [&](const scenario::Function&, const Statement& st) {
    if (st.op == Op::block) {
      std::set<const scenario::Function*> seen;
      if (chunked(f, st, seen)) return;
      const std::string t = expr_text(st.value);
      out.push_back(make("ASYNC251", st.pos, st.py_line,
                         "`time.sleep(" + t + ")` in an async function blocks the whole program: no other task runs, "
                         "no deadline fires and no cancellation arrives until it returns",
                         "write `await trio.sleep(" + t + ")`; for real work, split it into chunks with "
                         "`await trio.sleep(0)` between them"));
    }
    if (st.op == Op::repeat && may_block(f, st.body) && !may_checkpoint(f, st.body)) {
      out.push_back(make("TS002", st.pos, st.py_line,
                         "this loop blocks and never reaches a checkpoint: while it runs no other task runs, and no "
                         "cancellation or timeout can stop it",
                         "add `await trio.sleep(0)` (a checkpoint) to the loop's body"));
    }
  });
}

// ---------------------------------------------------------------------------------------
// [SECTION] except T around a nursery (TS001)
// ---------------------------------------------------------------------------------------

// The exception types statements can raise (by `raise T` or a fail_after), following calls
// and, with `into_tasks`, the tasks they start.
struct Raises {
  const scenario::Scenario& s;
  std::map<std::string, std::set<std::string>> memo;
  std::set<std::string> visiting;

  void block(const Block& b, bool into_tasks, bool skip_nurseries, std::set<std::string>& out) {
    for (const Statement& st : b) {
      if (st.op == Op::raise && !st.exc_type.empty()) out.insert(st.exc_type);
      if (st.op == Op::fail_after) out.insert("TooSlowError");
      if (st.op == Op::call || (into_tasks && (st.op == Op::start_soon || st.op == Op::start))) function(st.function, out);
      if (skip_nurseries && st.op == Op::open_nursery) continue;
      for_each_child_block(st, [&](const Block& inner, bool) { block(inner, into_tasks, skip_nurseries, out); });
    }
  }
  void function(const std::string& name, std::set<std::string>& out) {
    if (auto it = memo.find(name); it != memo.end()) {
      out.insert(it->second.begin(), it->second.end());
      return;
    }
    if (!visiting.insert(name).second) return;
    std::set<std::string> mine;
    if (const scenario::Function* fn = s.find(name)) block(fn->body, true, false, mine);
    visiting.erase(name);
    memo[name] = mine;
    out.insert(mine.begin(), mine.end());
  }
};

void nursery_statements(const Block& b, std::vector<const Statement*>& out) {
  for (const Statement& st : b) {
    if (st.op == Op::open_nursery) out.push_back(&st);
    for_each_child_block(st, [&](const Block& inner, bool) { nursery_statements(inner, out); });
  }
}

void except_around_nursery(const scenario::Scenario& s, bool strict, std::vector<Lint>& out) {
  Raises raises{s, {}, {}};
  for_each_function_statement(s, [&](const scenario::Function&, const Statement& st) {
    if (st.op != Op::try_ || st.star) return;
    std::vector<const Statement*> nurseries;
    nursery_statements(st.body, nurseries);
    if (nurseries.empty()) return;
    // What the try's body raises outside its nurseries: a handler for that has a purpose.
    std::set<std::string> outside;
    raises.block(st.body, false, true, outside);
    std::vector<std::set<std::string>> inside(nurseries.size());
    for (std::size_t i = 0; i < nurseries.size(); ++i) raises.block(nurseries[i]->body, true, false, inside[i]);
    for (const Handler& h : st.handlers) {
      for (const std::string& type : h.types) {
        if (trio::is_subclass("ExceptionGroup", type)) continue;  // except Exception matches a group
        auto from = [&](const std::set<std::string>& set) {
          return std::any_of(set.begin(), set.end(), [&](const std::string& r) { return trio::is_subclass(r, type); });
        };
        if (from(outside)) continue;
        std::size_t i = 0;
        while (i < nurseries.size() && !from(inside[i])) ++i;
        if (i == nurseries.size()) continue;
        const bool nursery_strict = nurseries[i]->strict_exception_groups.value_or(strict);
        const std::string words = handler_text(h, false);
        const std::string star = "except* " + type;
        if (nursery_strict)
          out.push_back(make("TS001", h.pos, h.py_line,
                             "`" + words + "` around a nursery never matches the child's " + type +
                                 ": with strict_exception_groups=True the nursery raises an ExceptionGroup, even for "
                                 "one error",
                             "write `" + star + "`, which looks inside the group"));
        else
          out.push_back(make("TS001", h.pos, h.py_line,
                             "`" + words + "` around a nursery matches the child's " + type +
                                 " only because strict_exception_groups=False, which Trio deprecated in 0.25; with "
                                 "the default the nursery raises an ExceptionGroup that this handler never matches",
                             "write `" + star + "`, which works with either setting"));
        break;  // one lint per handler
      }
    }
  });
}

}  // namespace

// ---------------------------------------------------------------------------------------
// [SECTION] All of them
// ---------------------------------------------------------------------------------------

std::vector<Lint> static_lints(const scenario::Scenario& s, bool strict) {
  const ProgramFacts f = program_facts(s);
  std::vector<Lint> out;
  timeouts_without_checkpoint(s, f, out);
  CleanupWalk cleanup{f, out};
  for (const auto& fn : s.functions) cleanup.block(fn.body, "", false);
  swallowed_cancelled(s, out);
  blocking_calls(s, f, out);
  except_around_nursery(s, strict, out);
  std::stable_sort(out.begin(), out.end(), [](const Lint& a, const Lint& b) {
    return a.pos.line != b.pos.line ? a.pos.line < b.pos.line : a.pos.column < b.pos.column;
  });
  // A Python lesson's messages name lines of its own text, as the loader's do: no pointer.
  if (s.source == scenario::SourceKind::python)
    for (Lint& l : out) l.pos.pointer.clear();
  return out;
}

}  // namespace trioscope::teach
