// The calls of a function body, each read "from right to left" as the format's table has
// them: `await trio.sleep(3)`, `await helper(x)` (arguments by position or keyword),
// `print(...)`, `nursery.start_soon(f, ...)`, `v = await nursery.start(f, ...)`,
// `task_status.started(v)`, `scope.cancel()`; and the calls Python would not run as the
// program seems to say (a coroutine never awaited, asyncio's names, time.sleep awaited).
//
// [SECTION] Calls: await f(...), print, start_soon, started, cancel
#include <algorithm>

#include "scenario/print_template.hpp"
#include "scenario/python_lowering.hpp"
#include "scenario/python_names.hpp"

namespace trioscope::scenario::python {

using namespace lowering;

// ---- [SECTION] Calls: await f(...), print, start_soon, started, cancel --------------------------

void Lowering::awaited(const Stmt& s, const Expr& call, Block& out, const std::string& ptr) {
  if (check_asyncio(call)) return;
  const Expr& func = call.kids[0];
  std::string f = dotted(func);
  std::vector<const Expr*> args = positional_args(call);
  std::size_t before = problems.size();

  if (f == "trio.sleep") {
    const Expr* seconds = args.size() == 1 ? args[0] : keyword_arg(call, "seconds");
    if (!seconds || call.kids.size() != 2) {
      refuse(call.start, "trio.sleep takes one argument, the number of seconds: await trio.sleep(1)");
      return;
    }
    auto d = duration(*seconds, "trio.sleep");
    if (!d) return;
    Statement& st = add(out, ptr, Op::sleep, s.start);
    st.value = std::move(*d);
    place(st.pos.pointer).op = seconds->start;
    return;
  }
  if (f == "trio.sleep_forever" || f == "trio.lowlevel.checkpoint") {
    if (call.kids.size() != 1) {
      refuse(call.start, f + "() takes no arguments");
      return;
    }
    add(out, ptr, f == "trio.sleep_forever" ? Op::sleep_forever : Op::checkpoint, s.start);
    return;
  }
  if (f == "time.sleep") {
    refuse(call.start, "time.sleep is not async: awaiting it blocks the whole program and then raises TypeError. "
                       "Write `await trio.sleep(" + source(call.kids.size() > 1 ? call.kids[1].start : call.end,
                                                          call.kids.size() > 1 ? call.kids.back().end : call.end) +
                           ")` to let other tasks run, or `time.sleep(...)` without await to block on purpose");
    return;
  }
  std::size_t dot = f.find('.');
  std::string method = dot == std::string::npos ? "" : f.substr(f.rfind('.') + 1);
  bool on_variable = func.kind == ExprKind::attribute && func.kids[0].kind == ExprKind::name;
  if (on_variable && method == "start" && std::count(f.begin(), f.end(), '.') == 1) {
    Statement st;
    Place pl;
    task_call(call, st, pl, "start");
    if (problems.size() != before) return;
    Statement& added = add(out, ptr, Op::start, s.start);
    Place keep = pl;
    keep.at = s.start;
    std::string pointer = added.pos.pointer;
    FilePos pos = added.pos;
    added = std::move(st);
    added.op = Op::start;
    added.pos = pos;
    added.py_line = s.start.line;
    place(pointer) = keep;
    return;
  }
  if (method == "start_soon" || method == "started" || method == "cancel") {
    refuse(call.start, q(f + "(...)") + " is not async: write it without await (awaiting its None raises TypeError)");
    return;
  }
  if (f == "print") {
    refuse(call.start, "print is not async: write print(...) without await");
    return;
  }
  if (func.kind == ExprKind::name) {
    // Arguments by position, or by keyword as Python matches them to the parameters.
    std::string name(func.text);
    auto known = params_of_.find(name);
    std::vector<std::optional<scenario::Expr>> values;
    std::vector<Pos> where;
    for (const Expr* a : args) {
      if (a->kind == ExprKind::starred) {
        refuse(a->start, "*arguments are not something a trioscope scenario can express; pass each argument by itself");
        continue;
      }
      values.push_back(value_of(*a, "an argument"));
      where.push_back(a->start);
    }
    std::vector<std::string> unfilled;
    for (std::size_t i = 1; i < call.kids.size(); ++i) {
      const Expr& k = call.kids[i];
      if (k.kind == ExprKind::double_starred) {
        refuse(k.start, "**keywords are not something a trioscope scenario can express; pass each argument by itself");
        continue;
      }
      if (k.kind != ExprKind::keyword) continue;
      if (known == params_of_.end()) continue;  // an unknown function: validation says so
      const auto& params = known->second;
      auto at = std::find(params.begin(), params.end(), k.text);
      if (at == params.end()) {
        refuse(k.start, "Python raises TypeError: " + name + "() got an unexpected keyword argument '" +
                            std::string(k.text) + "'");
        continue;
      }
      std::size_t index = std::size_t(at - params.begin());
      if (index >= values.size()) {
        values.resize(index + 1);
        where.resize(index + 1);
      } else if (values[index] || index < args.size()) {
        refuse(k.start, "Python raises TypeError: " + name + "() got multiple values for argument '" +
                            std::string(k.text) + "'");
        continue;
      }
      values[index] = value_of(k.kids[0], "an argument");
      where[index] = k.kids[0].start;
      if (!values[index]) values[index] = scenario::Expr{};  // reported; keeps its place filled
    }
    if (known != params_of_.end())
      for (std::size_t i = 0; i < values.size(); ++i)
        if (!values[i] && i < known->second.size()) unfilled.push_back("'" + known->second[i] + "'");
    if (!unfilled.empty()) {
      std::string list = unfilled.size() == 1 ? unfilled[0]
                         : unfilled.size() == 2 ? unfilled[0] + " and " + unfilled[1]
                                                : "";
      for (std::size_t i = 0; unfilled.size() > 2 && i < unfilled.size(); ++i)
        list += (i ? i + 1 == unfilled.size() ? ", and " : ", " : "") + unfilled[i];
      refuse(call.start, "Python raises TypeError: " + name + "() missing " + std::to_string(unfilled.size()) +
                             " required positional argument" + (unfilled.size() == 1 ? "" : "s") + ": " + list);
    }
    if (problems.size() != before) return;
    Statement& st = add(out, ptr, Op::call, s.start);
    st.function = name;
    for (auto& v : values) st.args.push_back(std::move(*v));
    Place& pl = place(st.pos.pointer);
    pl.op = func.start;
    pl.args = std::move(where);
    pl.args_at = pl.args.empty() ? call.start : pl.args.front();
    return;
  }
  if (f.rfind("trio.", 0) == 0)
    refuse(call.start, "await " + f + "(...) is not something a trioscope scenario can express; " + kSupportedStatements);
  else
    refuse(call.start, not_expressible("await " + (f.empty() ? std::string("of this call") : f + "(...)")));
}

void Lowering::call_statement(const Stmt& s, const Expr& call, Block& out, const std::string& ptr) {
  if (check_asyncio(call)) return;
  const Expr& func = call.kids[0];
  std::string f = dotted(func);
  std::size_t before = problems.size();
  std::vector<const Expr*> args = positional_args(call);
  std::string method = func.kind == ExprKind::attribute ? std::string(func.text) : "";
  std::size_t dots = std::size_t(std::count(f.begin(), f.end(), '.'));
  bool on_variable = func.kind == ExprKind::attribute && func.kids[0].kind == ExprKind::name;

  if (f == "print") {
    Statement st;
    Place pl;
    pl.op = call.kids.size() > 1 ? call.kids[1].start : call.start;
    print(call, st, pl);
    if (problems.size() != before) return;
    Statement& added = add(out, ptr, Op::print, s.start);
    added.parts = std::move(st.parts);
    place(added.pos.pointer).op = pl.op;
    place(added.pos.pointer).vars = std::move(pl.vars);
    return;
  }
  if (f == "time.sleep" || is_clock_jump(func)) {
    if (args.size() != 1 || call.kids.size() != 2) {
      refuse(call.start, "time.sleep takes one argument, the number of seconds: time.sleep(1)");
      return;
    }
    auto d = duration(*args[0], "time.sleep");
    if (!d) return;
    Statement& st = add(out, ptr, Op::block, s.start);
    st.value = std::move(*d);
    place(st.pos.pointer).op = args[0]->start;
    return;
  }
  if (on_variable && method == "start_soon" && dots == 1) {
    Statement st;
    Place pl;
    task_call(call, st, pl, "start_soon");
    if (problems.size() != before) return;
    Statement& added = add(out, ptr, Op::start_soon, s.start);
    FilePos pos = added.pos;
    added = std::move(st);
    added.op = Op::start_soon;
    added.pos = pos;
    added.py_line = s.start.line;
    pl.at = s.start;
    place(pos.pointer) = pl;
    return;
  }
  // scope.cancel(), nursery.cancel_scope.cancel(), getattr(x, "cancel_scope", x).cancel()
  if (method == "cancel" && func.kind == ExprKind::attribute) {
    const Expr& target = func.kids[0];
    std::string var;
    bool through = false, mixed = false;
    if (target.kind == ExprKind::name) {
      var = std::string(target.text);
    } else if (target.kind == ExprKind::attribute && target.text == "cancel_scope" && target.kids[0].kind == ExprKind::name) {
      var = std::string(target.kids[0].text);
      through = true;
    } else if (std::string g = getattr_scope(target); !g.empty()) {
      var = g;
      mixed = true;
    }
    if (var.empty()) {
      refuse(call.start, "cancel() is called on a cancel scope or a nursery's cancel_scope held by a variable: "
                         "scope.cancel() or nursery.cancel_scope.cancel()");
      return;
    }
    if (call.kids.size() != 1) {
      refuse(call.start, "cancel() takes no arguments in a trioscope scenario");
      return;
    }
    if (auto problem = name_problem(var, "variable"); !problem.empty()) {
      refuse(func.start, problem);
      return;
    }
    Statement& st = add(out, ptr, Op::cancel, s.start);
    st.value = scenario::Expr{true, var, {}};
    place(st.pos.pointer).op = func.start;
    if (!mixed) scope_uses_.push_back({fn_.fn->name, var, through, func.start, call_text(call)});
    return;
  }
  if (f == "task_status.started") {
    if (call.kids.size() > 2 || (call.kids.size() == 2 && call.kids[1].kind == ExprKind::keyword)) {
      refuse(call.start, "task_status.started takes at most one value: task_status.started(port)");
      return;
    }
    scenario::Expr v;
    v.literal = trio::None{};
    Pos at = call.start;
    if (call.kids.size() == 2) {
      auto got = value_of(call.kids[1], "the value started() passes");
      if (!got) return;
      v = std::move(*got);
      at = call.kids[1].start;
    }
    if (!fn_.has_task_status)
      refuse(call.start, "task_status.started() needs the task_status parameter: write `async def " + fn_.fn->name +
                             "(..., task_status=trio.TASK_STATUS_IGNORED):`");
    Statement& st = add(out, ptr, Op::started, s.start);
    st.value = std::move(v);
    place(st.pos.pointer).op = at;
    return;
  }
  // Coroutines that are made and never run: Python only warns about them.
  auto never_awaited = [&](const std::string& name, const std::string& instead) {
    std::string text = call_text(call);
    refuse(call.start, q(text) + " without await does nothing: it makes a coroutine that never runs (Python only warns "
                       "\"coroutine '" + name + "' was never awaited\"); write " + instead);
  };
  if (f == "trio.sleep" || f == "trio.sleep_forever" || f == "trio.lowlevel.checkpoint") {
    never_awaited(f.substr(f.rfind('.') + 1), q("await " + call_text(call)));
    return;
  }
  if (on_variable && method == "start" && dots == 1) {
    never_awaited("start", q("await " + call_text(call)) + " (or `value = await " + call_text(call) + "`)");
    return;
  }
  if (func.kind == ExprKind::name && functions_.count(std::string(func.text))) {
    std::string text = call_text(call);
    std::string rest = source(call.kids[0].end, call.end);  // "(args)"
    std::string inner = rest.size() >= 2 ? rest.substr(1, rest.size() - 2) : "";
    never_awaited(std::string(func.text), q("await " + text) + " to run it in this task, or `nursery.start_soon(" +
                                              std::string(func.text) + (inner.empty() ? "" : ", " + inner) +
                                              ")` to start it as a new task");
    return;
  }
  if (f == "trio.run") {
    refuse(call.start, "trio.run starts the whole program: call it once, at the end of the file, outside any function");
    return;
  }
  if (f == "trio.open_nursery" || f == "trio.move_on_after" || f == "trio.fail_after" || f == "trio.CancelScope") {
    refuse(call.start, f + "(...) is a context manager: use it in a with statement (" +
                           (f == "trio.open_nursery" ? std::string("async with trio.open_nursery() as nursery:")
                                                     : "with " + f + "(...) as scope:") + ")");
    return;
  }
  refuse(call.start, not_expressible("a call to " + (f.empty() ? std::string("this function") : f + "()")));
}

void Lowering::print(const Expr& call, Statement& st, Place& place) {
  std::string text;
  std::size_t n = 0;
  for (std::size_t i = 1; i < call.kids.size(); ++i) {
    const Expr& a = call.kids[i];
    if (a.kind == ExprKind::keyword) {
      if (a.text == "flush") continue;  // no effect on what is printed
      refuse(a.start, "print with " + std::string(a.text) + "= is not something a trioscope scenario can express; "
                      "print one line of text, as print(f\"...\")");
      continue;
    }
    if (n++) text += ' ';
    if (a.kind == ExprKind::string && !a.bytes) {
      if (!a.fstring) {
        text += template_escape(a.value);
        continue;
      }
      for (const FPiece& p : a.pieces) {
        if (!p.field) {
          text += template_escape(p.text);
          continue;
        }
        if (p.debug) {
          refuse(p.pos, "{" + p.text + "=} is not something a trioscope scenario can express; write " + p.text + "={" +
                            p.text + "!r}");
          continue;
        }
        if (p.spec_has_fields) {
          refuse(p.pos, "a format spec with fields of its own ({x:{width}}) is not something a trioscope scenario can "
                        "express; write the width as a number");
          continue;
        }
        std::string field;
        if (!print_field(p.expr[0], p.pos, field)) continue;
        place.vars.push_back({field.substr(0, field.find('.')), p.expr[0].start});
        text += "{" + field;
        if (p.conversion) text += std::string("!") + p.conversion;
        if (!p.spec.empty()) text += ":" + p.spec;
        text += "}";
      }
      continue;
    }
    std::string field;
    if (a.kind == ExprKind::name || a.kind == ExprKind::attribute) {
      if (print_field(a, a.start, field)) {
        text += "{" + field + "}";
        place.vars.push_back({field.substr(0, field.find('.')), a.start});
      }
      continue;
    }
    std::string why;
    if (auto v = literal(a, why)) {
      text += template_escape(trio::py_str(*v));
      continue;
    }
    refuse(a.start, "print can show text, f-strings and variables; " + describe_expression(a) +
                        " is not something a trioscope scenario can express");
  }
  ParsedTemplate t = parse_template(text);
  if (t.error) {
    refuse(place.op, "bad print text: " + t.error->message);
    return;
  }
  st.parts = std::move(t.parts);
}

// What a print field may show: a variable, or a cancel scope's flags.
bool Lowering::print_field(const Expr& e, Pos at, std::string& out) {
  if (e.kind == ExprKind::name) {
    std::string problem = name_problem(e.text, "variable");
    if (!problem.empty()) {
      refuse(e.start, problem);
      return false;
    }
    out = std::string(e.text);
    return true;
  }
  if (e.kind == ExprKind::attribute && (e.text == "cancelled_caught" || e.text == "cancel_called")) {
    const Expr& base = e.kids[0];
    std::string var;
    bool through = false, mixed = false;
    if (base.kind == ExprKind::name) {
      var = std::string(base.text);
    } else if (base.kind == ExprKind::attribute && base.text == "cancel_scope" && base.kids[0].kind == ExprKind::name) {
      var = std::string(base.kids[0].text);
      through = true;
    } else if (std::string g = getattr_scope(base); !g.empty()) {
      var = g;
      mixed = true;
    }
    if (!var.empty()) {
      out = var + "." + std::string(e.text);
      if (!mixed) scope_uses_.push_back({fn_.fn->name, var, through, e.start, source(e.start, e.end)});
      return true;
    }
  }
  refuse(e.start.line ? e.start : at,
         "a print field can show a variable ({name}, {name!r}, {name:>8}) or a cancel scope's cancelled_caught or "
         "cancel_called; {" + source(e.start, e.end) + "} is not something a trioscope scenario can express");
  return false;
}

// nursery.start_soon(fn, *args, name=...) and nursery.start(...), into `st` and `place`.
void Lowering::task_call(const Expr& call, Statement& st, Place& place, const char* method) {
  const Expr& func = call.kids[0];
  st.nursery = std::string(func.kids[0].text);
  place.nursery = func.kids[0].start;
  if (auto problem = name_problem(st.nursery, "variable"); !problem.empty()) refuse(func.kids[0].start, problem);
  std::vector<const Expr*> args = positional_args(call);
  std::string m = method;
  if (args.empty()) {
    refuse(call.start, m + " needs the function to start: nursery." + m + "(child, ...)");
    return;
  }
  const Expr& fn = *args[0];
  if (fn.kind == ExprKind::call && fn.kids[0].kind == ExprKind::name) {
    std::string name(fn.kids[0].text);
    std::string inner = source(fn.kids[0].end, fn.end);
    inner = inner.size() >= 2 ? inner.substr(1, inner.size() - 2) : "";
    std::string receiver(func.kids[0].text);
    refuse(fn.start, m + " takes the function and its arguments separately: write `" + receiver + "." + m + "(" + name +
                         (inner.empty() ? "" : ", " + inner) + ")`, not `" + receiver + "." + m + "(" +
                         source(fn.start, fn.end) + ")`");
    return;
  }
  if (fn.kind != ExprKind::name) {
    refuse(fn.start, m + " starts one of the program's own async functions, by name: nursery." + m + "(child, ...)");
    return;
  }
  st.function = std::string(fn.text);
  place.op = fn.start;
  for (std::size_t i = 1; i < args.size(); ++i) {
    if (args[i]->kind == ExprKind::starred) {
      refuse(args[i]->start, "*arguments are not something a trioscope scenario can express; pass each argument by itself");
      continue;
    }
    if (auto v = value_of(*args[i], "an argument")) st.args.push_back(std::move(*v));
    place.args.push_back(args[i]->start);
  }
  place.args_at = place.args.empty() ? fn.start : place.args.front();
  for (std::size_t i = 1; i < call.kids.size(); ++i) {
    const Expr& k = call.kids[i];
    if (k.kind == ExprKind::double_starred) {
      refuse(k.start, "**keywords are not something a trioscope scenario can express");
    } else if (k.kind == ExprKind::keyword) {
      if (k.text != "name") {
        refuse(k.start, m + " passes positional arguments only to the function it starts (Python raises TypeError: " + m +
                            "() got an unexpected keyword argument '" + std::string(k.text) + "'); pass " +
                            std::string(k.text) + " by position");
        continue;
      }
      place.name = k.start;
      const Expr& v = k.kids[0];
      if (v.kind == ExprKind::constant && v.text == "None") continue;
      if (!is_plain_string(v)) {
        refuse(v.start, "a task's name= must be a plain string: name=\"worker\"");
        continue;
      }
      st.task_name = v.value;
      // `start_soon(child, name="A")` for a child whose parameter is `name`: a classic slip.
      auto params = params_of_.find(st.function);
      if (params != params_of_.end() && st.args.size() < params->second.size() &&
          std::find(params->second.begin(), params->second.end(), "name") != params->second.end())
        refuse(k.start, "name= is " + m + "'s own argument, the task's name; it does not reach " + st.function +
                            "'s parameter name (Python raises TypeError: " + st.function +
                            "() missing a required positional argument). Pass it by position: nursery." + m + "(" +
                            st.function + ", " + source(v.start, v.end) + ")");
    }
  }
}

}  // namespace trioscope::scenario::python
