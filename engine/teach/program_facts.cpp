#include "teach/program_facts.hpp"

#include <algorithm>

#include "scenario/walk.hpp"
#include "view/exc_text.hpp"

namespace trioscope::teach {

using scenario::Block;
using scenario::Op;
using scenario::Statement;

namespace {

bool lookup(const std::map<std::string, bool>& m, const std::string& k) {
  auto it = m.find(k);
  return it != m.end() && it->second;
}

bool positive_literal_count(const Statement& st) {
  return !st.value.is_var && trio::as_double(st.value.literal) >= 1;
}

bool st_may(const ProgramFacts& f, const Statement& st);
bool st_always(const ProgramFacts& f, const Statement& st);

bool block_may(const ProgramFacts& f, const Block& b) {
  return std::any_of(b.begin(), b.end(), [&](const Statement& st) { return st_may(f, st); });
}
bool block_always(const ProgramFacts& f, const Block& b) {
  return std::any_of(b.begin(), b.end(), [&](const Statement& st) { return st_always(f, st); });
}

bool st_may(const ProgramFacts& f, const Statement& st) {
  switch (st.op) {
    case Op::sleep:
    case Op::checkpoint:
    case Op::sleep_forever:
    case Op::open_nursery:  // its exit is a checkpoint, whether or not it waits
    case Op::start: return true;
    case Op::call: return lookup(f.may_checkpoint, st.function);
    default: break;
  }
  bool any = false;
  for_each_child_block(st, [&](const Block& b, bool) { any = any || block_may(f, b); });
  return any;
}

bool st_always(const ProgramFacts& f, const Statement& st) {
  switch (st.op) {
    case Op::sleep:
    case Op::checkpoint:
    case Op::sleep_forever:
    case Op::open_nursery:
    case Op::start: return true;
    case Op::call: return lookup(f.always_checkpoints, st.function);
    case Op::move_on_after:
    case Op::fail_after:
    case Op::cancel_scope: return block_always(f, st.body);
    case Op::repeat: return positive_literal_count(st) && block_always(f, st.body);
    case Op::try_: return block_always(f, st.body) || (st.finally_body && block_always(f, *st.finally_body));
    default: return false;
  }
}

bool st_may_block(const ProgramFacts& f, const Statement& st) {
  if (st.op == Op::block) return true;
  if (st.op == Op::call) return lookup(f.may_block, st.function);
  bool any = false;
  for_each_child_block(st, [&](const Block& b, bool) { any = any || may_block(f, b); });
  return any;
}

void index_block(ProgramFacts& f, const scenario::Function& fn, const Block& b, const Statement* parent) {
  for (const Statement& st : b) {
    f.block_of[&st] = &b;
    f.parent_of[&st] = parent;
    f.function_of[&st] = &fn;
    if (st.op == Op::call) f.calls[st.function].push_back(&st);
    if (st.op == Op::start_soon || st.op == Op::start) f.started_as_task[st.function] = true;
    for_each_child_block(st, [&](const Block& inner, bool) { index_block(f, fn, inner, &st); });
  }
}

}  // namespace

ProgramFacts program_facts(const scenario::Scenario& s) {
  ProgramFacts f;
  for (const auto& fn : s.functions) index_block(f, fn, fn.body, nullptr);
  f.started_as_task[s.main] = true;
  // Least fixed points: start from "no", grow until nothing changes (recursion included).
  for (bool changed = true; changed;) {
    changed = false;
    for (const auto& fn : s.functions) {
      auto grow = [&](std::map<std::string, bool>& m, bool value) {
        if (value && !lookup(m, fn.name)) {
          m[fn.name] = true;
          changed = true;
        }
      };
      grow(f.may_checkpoint, block_may(f, fn.body));
      grow(f.always_checkpoints, block_always(f, fn.body));
      bool blocks = false;
      for (const Statement& st : fn.body) blocks = blocks || st_may_block(f, st);
      grow(f.may_block, blocks);
    }
  }
  return f;
}

bool may_checkpoint(const ProgramFacts& f, const Statement& st) { return st_may(f, st); }
bool may_checkpoint(const ProgramFacts& f, const Block& b) { return block_may(f, b); }
bool always_checkpoints(const ProgramFacts& f, const Block& b) { return block_always(f, b); }
bool may_block(const ProgramFacts& f, const Block& b) {
  return std::any_of(b.begin(), b.end(), [&](const Statement& st) { return st_may_block(f, st); });
}

bool awaits(const Statement& st) {
  switch (st.op) {
    case Op::sleep:
    case Op::checkpoint:
    case Op::sleep_forever:
    case Op::start:
    case Op::call:
    case Op::open_nursery: return true;
    default: return false;
  }
}

std::string expr_text(const scenario::Expr& e) {
  if (e.is_var) return e.var;
  if (trio::is_number(e.literal)) return view::format_number(trio::as_double(e.literal));
  return trio::py_repr(e.literal);
}

std::string await_text(const Statement& st) {
  switch (st.op) {
    case Op::sleep: return "await trio.sleep(" + expr_text(st.value) + ")";
    case Op::checkpoint: return "await trio.lowlevel.checkpoint()";
    case Op::sleep_forever: return "await trio.sleep_forever()";
    case Op::start: return "await " + st.nursery + ".start(" + st.function + ")";
    case Op::call: return "await " + st.function + "(...)";
    case Op::open_nursery: return "async with trio.open_nursery()";
    case Op::block: return "time.sleep(" + expr_text(st.value) + ")";
    default: return "this statement";
  }
}

const Statement* statement_on_line(const scenario::Scenario& s, std::uint32_t py_line) {
  const Statement* found = nullptr;
  for (const auto& fn : s.functions)
    for_each_statement(fn.body, [&](const Statement& st) {
      if (!found && st.py_line == py_line && st.op != Op::comment) found = &st;
    });
  return found;
}

std::uint32_t last_line(const Statement& st) {
  std::uint32_t last = st.py_line;
  for_each_child_block(st, [&](const Block& b, bool) {
    for (const Statement& inner : b) last = std::max(last, last_line(inner));
  });
  for (const auto& h : st.handlers) last = std::max(last, h.py_line);
  last = std::max({last, st.else_py_line, st.finally_py_line});
  return last;
}

}  // namespace trioscope::teach
