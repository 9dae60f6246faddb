// The statements of an `async def` body, each read "from right to left" as the format's
// table has them (`await trio.sleep(3)` is {"sleep": 3}), and everything else refused with
// a message that teaches: what is wrong, why Python would not do what the program seems to
// say (a coroutine never awaited, asyncio's names, a nursery without `async with`), and what
// to write instead.
//
// [SECTION] Messages and helpers
// [SECTION] Blocks and the statement switch
// [SECTION] Calls: await f(...), print, start_soon, started, cancel
// [SECTION] with, for, try, raise, assignments
// [SECTION] Values, durations, exception types and names
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>

#include "core/exception.hpp"
#include "scenario/print_template.hpp"
#include "scenario/python_lowering.hpp"
#include "scenario/python_names.hpp"

namespace trioscope::scenario::python {

// ---- [SECTION] Messages and helpers -------------------------------------------------------------

const char* const kSupportedStatements =
    "a trioscope function is made of print(...), await trio.sleep(t), await trio.sleep_forever(), "
    "await trio.lowlevel.checkpoint(), time.sleep(t), await f(...), "
    "async with trio.open_nursery() as nursery:, nursery.start_soon(f, ...), v = await nursery.start(f, ...), "
    "task_status.started(v), with trio.move_on_after(t) / trio.fail_after(t) / trio.CancelScope() as scope:, "
    "scope.cancel(), for i in range(n):, raise, try / except / except* / else / finally, pass and # comments";

std::string dotted(const Expr& e) {
  if (e.kind == ExprKind::name) return std::string(e.text);
  if (e.kind == ExprKind::attribute) {
    std::string base = dotted(e.kids[0]);
    return base.empty() ? "" : base + "." + std::string(e.text);
  }
  return "";
}

namespace {

std::string q(std::string_view s) { return "`" + std::string(s) + "`"; }

// "a while loop is not something a trioscope scenario can express; a trioscope function ..."
std::string not_expressible(const std::string& what) {
  return what + " is not something a trioscope scenario can express; " + kSupportedStatements;
}

std::string describe_statement(const Stmt& s) {
  switch (s.kind) {
    case StmtKind::assign: return "an assignment";
    case StmtKind::augassign: return "an assignment (" + std::string(s.op) + ")";
    case StmtKind::annassign: return "an annotated assignment";
    case StmtKind::return_: return "return";
    case StmtKind::break_: return "break";
    case StmtKind::continue_: return "continue";
    case StmtKind::global: return "global";
    case StmtKind::nonlocal: return "nonlocal";
    case StmtKind::del: return "del";
    case StmtKind::assert_: return "assert";
    case StmtKind::import:
    case StmtKind::import_from: return "an import inside a function";
    case StmtKind::if_: return "an if statement";
    case StmtKind::while_: return "a while loop";
    case StmtKind::def: return "a function inside a function";
    case StmtKind::class_: return "a class inside a function";
    case StmtKind::match: return "a match statement";
    default: return "this statement";
  }
}

std::string describe_expression(const Expr& e) {
  switch (e.kind) {
    case ExprKind::name: return "a name on its own (" + q(e.text) + ")";
    case ExprKind::binary:
    case ExprKind::unary: return "arithmetic";
    case ExprKind::compare: return "a comparison";
    case ExprKind::boolop:
    case ExprKind::not_: return "a logical expression";
    case ExprKind::attribute: return "reading an attribute";
    case ExprKind::number:
    case ExprKind::constant: return "a value on its own";
    case ExprKind::lambda: return "a lambda";
    case ExprKind::yield: return "yield";
    default: return "this expression";
  }
}

std::string template_escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    out += c;
    if (c == '{' || c == '}') out += c;
  }
  return out;
}

const Expr* keyword_arg(const Expr& call, std::string_view name) {
  for (std::size_t i = 1; i < call.kids.size(); ++i)
    if (call.kids[i].kind == ExprKind::keyword && call.kids[i].text == name) return &call.kids[i].kids[0];
  return nullptr;
}

std::vector<const Expr*> positional_args(const Expr& call) {
  std::vector<const Expr*> out;
  for (std::size_t i = 1; i < call.kids.size(); ++i)
    if (call.kids[i].kind != ExprKind::keyword && call.kids[i].kind != ExprKind::double_starred)
      out.push_back(&call.kids[i]);
  return out;
}

bool is_call_to(const Expr& e, std::string_view name) {
  return e.kind == ExprKind::call && dotted(e.kids[0]) == name;
}

// `getattr(x, "cancel_scope", x)`: the listing's way to reach the scope of a variable that
// may hold a nursery or a cancel scope. Returns x, or "".
std::string getattr_scope(const Expr& e) {
  if (!is_call_to(e, "getattr") || e.kids.size() != 4) return "";
  const Expr &a = e.kids[1], &b = e.kids[2], &c = e.kids[3];
  if (a.kind == ExprKind::name && c.kind == ExprKind::name && a.text == c.text && is_plain_string(b) &&
      b.value == "cancel_scope")
    return std::string(a.text);
  return "";
}

// `trio.lowlevel.current_clock().jump`: how a program exported in virtual time blocks.
bool is_clock_jump(const Expr& f) {
  return f.kind == ExprKind::attribute && f.text == "jump" && is_call_to(f.kids[0], "trio.lowlevel.current_clock") &&
         f.kids[0].kids.size() == 1;
}

std::string asyncio_suggestion(const std::string& f, const Expr* call, const std::string& text,
                               const std::string& args) {
  if (f == "asyncio.sleep") return "await trio.sleep(" + args + ")";
  if (f == "asyncio.run") {
    if (call && call->kids.size() == 2 && call->kids[1].kind == ExprKind::call &&
        call->kids[1].kids[0].kind == ExprKind::name)
      return "trio.run(" + std::string(call->kids[1].kids[0].text) + ")";
    return "trio.run(main)";
  }
  if (f == "asyncio.create_task" || f == "asyncio.gather" || f == "asyncio.ensure_future" || f == "asyncio.TaskGroup" ||
      f == "asyncio.wait")
    return "async with trio.open_nursery() as nursery:` and `nursery.start_soon(f, args...)";
  if (f == "asyncio.wait_for" || f == "asyncio.timeout") return "with trio.fail_after(seconds):` (or `trio.move_on_after";
  if (f == "asyncio.CancelledError") return "trio.Cancelled";
  if (f == "asyncio.TimeoutError") return "trio.TooSlowError";
  if (f == "asyncio.Event") return "trio.Event()";
  (void)text;
  return "";
}

}  // namespace

void Lowering::refuse(Pos at, const std::string& message) { problems.push_back({at, message}); }

void Lowering::refuse_statement(const Stmt& s, const std::string& what) { refuse(s.start, not_expressible(what)); }

// asyncio anywhere in `e`: says so and what Trio calls it. True if it did.
bool Lowering::check_asyncio(const Expr& e) {
  const Expr* call = e.kind == ExprKind::call ? &e : nullptr;
  const Expr& f = call ? e.kids[0] : e;
  std::string name = dotted(f);
  if (name.rfind("asyncio.", 0) != 0 && name != "asyncio") return false;
  std::string args;
  if (call && call->kids.size() > 1) args = source(call->kids[1].start, call->kids.back().end);
  std::string text = call_text(e);
  std::string suggestion = asyncio_suggestion(name, call, text, args);
  if (suggestion.empty())
    refuse(e.start, q(name) + " is asyncio; trioscope shows Trio programs, which use trio's own functions (" +
                        "trio.sleep, trio.open_nursery, trio.move_on_after, trio.run)");
  else
    refuse(e.start, "this is asyncio; in Trio write `" + suggestion + "`");
  return true;
}

std::string Lowering::source(Pos from, Pos to) const {
  auto offset = [&](Pos p) -> std::size_t {
    if (p.line == 0 || p.line > lx_.line_starts.size()) return lx_.text.size();
    std::size_t i = lx_.line_starts[p.line - 1];
    for (std::uint32_t col = 1; col < p.col && i < lx_.text.size();) {
      ++i;
      if (i >= lx_.text.size() || (static_cast<unsigned char>(lx_.text[i]) & 0xC0) != 0x80) ++col;
    }
    return i;
  };
  std::size_t a = offset(from), b = offset(to);
  return b > a ? std::string(lx_.text.substr(a, b - a)) : std::string();
}

Statement& Lowering::add(Block& out, const std::string& ptr, Op op, Pos at) {
  Statement& st = out.emplace_back();
  st.op = op;
  st.pos = FilePos{ptr + "/" + std::to_string(out.size() - 1), at.line, at.col};
  st.py_line = at.line;
  Place& p = place(st.pos.pointer);
  p.at = at;
  p.op = at;
  return st;
}

// ---- [SECTION] Blocks and the statement switch --------------------------------------------------

void Lowering::block(const std::vector<Stmt>& in, Block& out, const std::string& ptr, std::uint32_t stop_line) {
  std::uint32_t indent = in.empty() ? 1 : in.front().start.col;
  for (std::size_t k = 0; k < in.size(); ++k) {
    comments_before(in[k].start.line, out, ptr);
    statement(in[k], out, ptr, k + 1 < in.size() ? in[k + 1].start.line : stop_line);
  }
  comments_at_end(stop_line, indent, out, ptr);
}

void Lowering::statement(const Stmt& s, Block& out, const std::string& ptr, std::uint32_t next_line) {
  auto simple_comments = [&] { comments_before(s.last_line + 1, out, ptr); };
  switch (s.kind) {
    case StmtKind::pass: simple_comments(); return;
    case StmtKind::expr:
      simple_comments();
      expression_statement(s, out, ptr);
      return;
    case StmtKind::assign:
      simple_comments();
      assignment(s, out, ptr);
      return;
    case StmtKind::raise:
      simple_comments();
      raise(s, out, ptr);
      return;
    case StmtKind::with: with(s, out, ptr, next_line); return;
    case StmtKind::for_: for_loop(s, out, ptr, next_line); return;
    case StmtKind::try_: try_statement(s, out, ptr, next_line); return;
    case StmtKind::def:
      if (s.is_async) {
        refuse(s.start, "an async def inside another function is not something a trioscope scenario can express; "
                        "define " + q(s.name) + " at the top level of the file, next to the other functions");
        refused_functions.insert(std::string(s.name));
        Block ignored;
        comments_before(s.last_line + 1, ignored, ptr);
        return;
      }
      break;
    default: break;
  }
  refuse_statement(s, describe_statement(s));
  Block ignored;
  comments_before(s.last_line + 1, ignored, ptr);
}

void Lowering::expression_statement(const Stmt& s, Block& out, const std::string& ptr) {
  const Expr& v = s.exprs[0];
  if (is_plain_string(v)) {
    // A docstring (or any string on its own) does nothing; it is kept as comment lines.
    std::uint32_t line = v.start.line;
    for (const std::string& text : clean_doc_lines(v.value)) {
      Statement& st = add(out, ptr, Op::comment, {line, v.start.col});
      if (std::string why = comment_problem(text); !why.empty()) refuse(v.start, why);
      st.comment = text;
      ++line;
    }
    return;
  }
  if (v.kind == ExprKind::await_) {
    if (v.kids[0].kind == ExprKind::call) {
      awaited(s, v.kids[0], out, ptr);
    } else {
      refuse(v.start, "`await` needs a call after it here: await trio.sleep(1), await child(...)");
    }
    return;
  }
  if (v.kind == ExprKind::call) {
    call_statement(s, v, out, ptr);
    return;
  }
  if (check_asyncio(v)) return;
  refuse_statement(s, describe_expression(v));
}

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
        if (p.conversion == 'a') {
          refuse(p.pos, "!a (ascii) in an f-string is not something a trioscope scenario can express; use !r");
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

// ---- [SECTION] with, for, try, raise, assignments -----------------------------------------------

void Lowering::with(const Stmt& s, Block& out, const std::string& ptr, std::uint32_t next_line) {
  std::string me = ptr + "/" + std::to_string(out.size());
  auto skip_body = [&] {
    Block ignored;
    comments_before(s.last_line + 1, ignored, ptr);
  };
  if (s.items.size() != 1) {
    refuse(s.items[1].context.start, "one context manager per with statement in a trioscope scenario: nest them, "
                                     "one with block inside the other");
    return skip_body();
  }
  const WithItem& item = s.items[0];
  const Expr& ctx = item.context;
  if (check_asyncio(ctx)) return skip_body();
  std::string f = ctx.kind == ExprKind::call ? dotted(ctx.kids[0]) : "";
  std::size_t before = problems.size();
  Statement st;
  Place pl;
  pl.at = s.start;
  st.pos = FilePos{me, s.start.line, s.start.col};
  st.py_line = s.start.line;
  auto keywords = [&](std::initializer_list<std::string_view> allowed, std::size_t positional) {
    std::size_t n = 0;
    for (std::size_t i = 1; i < ctx.kids.size(); ++i) {
      const Expr& a = ctx.kids[i];
      if (a.kind == ExprKind::keyword) {
        if (std::find(allowed.begin(), allowed.end(), a.text) == allowed.end())
          refuse(a.start, f + "(" + std::string(a.text) + "=...) is not something a trioscope scenario can express");
      } else if (++n > positional) {
        refuse(a.start, f + "() takes " + (positional ? "one argument, the number of seconds" : "no positional arguments") +
                            " in a trioscope scenario");
      }
    }
  };
  auto flag = [&](std::string_view name) -> std::optional<bool> {
    const Expr* v = keyword_arg(ctx, name);
    if (!v) return std::nullopt;
    if (v->kind == ExprKind::constant && (v->text == "True" || v->text == "False")) return v->text == "True";
    refuse(v->start, std::string(name) + "= takes True or False here");
    return std::nullopt;
  };
  auto target = [&](bool required, const char* name) -> std::string {
    if (item.target.empty()) {
      if (required)
        refuse(ctx.end, std::string("trioscope needs a name for ") + (st.op == Op::open_nursery ? "the nursery" : "the scope") +
                            ": write `" + (s.is_async ? "async with " : "with ") + call_text(ctx) + " as " + name + ":`");
      return "";
    }
    pl.as = item.target[0].start;
    pl.op = item.target[0].start;
    return bound_name(item.target[0], "variable").value_or("");
  };
  if (f == "trio.open_nursery") {
    if (!s.is_async)
      refuse(s.start, "trio.open_nursery() is an async context manager: write `async with trio.open_nursery() as "
                      "nursery:` (a plain with raises AttributeError)");
    keywords({"strict_exception_groups"}, 0);
    st.op = Op::open_nursery;
    st.strict_exception_groups = flag("strict_exception_groups");
    st.name = target(true, "nursery");
  } else if (f == "trio.move_on_after" || f == "trio.fail_after" || f == "trio.CancelScope") {
    if (s.is_async)
      refuse(s.start, f + "() is not an async context manager: write `with " + f + "(...)` without async "
                      "(async with raises TypeError)");
    st.op = f == "trio.move_on_after" ? Op::move_on_after : f == "trio.fail_after" ? Op::fail_after : Op::cancel_scope;
    if (st.op == Op::cancel_scope) {
      keywords({"shield"}, 0);
      st.name = target(true, "scope");
    } else {
      keywords({"shield", "seconds"}, 1);
      std::vector<const Expr*> args = positional_args(ctx);
      const Expr* seconds = args.empty() ? keyword_arg(ctx, "seconds") : args[0];
      if (!seconds) {
        refuse(ctx.start, f + "() needs the number of seconds: with " + f + "(2):");
      } else if (auto d = duration(*seconds, f.c_str())) {
        st.value = std::move(*d);
        pl.op = seconds->start;
      }
      st.name = target(false, "scope");
    }
    if (auto shield = flag("shield")) st.shield = *shield;
  } else {
    refuse(ctx.start, not_expressible(std::string(s.is_async ? "async with " : "with ") +
                                      (f.empty() ? "this" : f + "(...)")));
  }
  bool header_ok = problems.size() == before;
  block(s.body, st.body, me + "/body", next_line);
  if (!header_ok) return;
  place(me) = pl;
  out.push_back(std::move(st));
}

void Lowering::for_loop(const Stmt& s, Block& out, const std::string& ptr, std::uint32_t next_line) {
  std::string me = ptr + "/" + std::to_string(out.size());
  std::size_t before = problems.size();
  Statement st;
  st.op = Op::repeat;
  st.pos = FilePos{me, s.start.line, s.start.col};
  st.py_line = s.start.line;
  Place pl;
  pl.at = s.start;
  if (s.is_async) refuse(s.start, not_expressible("async for"));
  const Expr& target = s.exprs[0];
  const Expr& iter = s.exprs[1];
  if (target.kind == ExprKind::name && target.text == "_") {
    // `_`: the count is not used
  } else if (auto name = bound_name(target, "variable")) {
    st.name = *name;
    pl.as = target.start;
  }
  std::vector<const Expr*> args = iter.kind == ExprKind::call ? positional_args(iter) : std::vector<const Expr*>();
  if (!is_call_to(iter, "range") || args.size() != 1 || iter.kids.size() != 2) {
    refuse(iter.start, "a loop in a trioscope scenario counts: for i in range(n), with one argument; " +
                           q("for ... in " + source(iter.start, iter.end)) + " is not something it can express");
  } else {
    const Expr& n = *args[0];
    pl.op = n.start;
    if (auto v = value_of(n, "the number of iterations")) {
      bool whole = v->is_var || std::holds_alternative<std::int64_t>(v->literal);
      if (!whole) refuse(n.start, "range() takes a whole number (a float or a string raises TypeError)");
      else if (!v->is_var && std::get<std::int64_t>(v->literal) < 0)
        refuse(n.start, "the number of iterations must not be negative (range(" + source(n.start, n.end) + ") is empty)");
      else st.value = std::move(*v);
    }
  }
  if (!s.orelse.empty()) refuse(s.else_pos, not_expressible("a for loop's else"));
  bool header_ok = problems.size() == before;
  block(s.body, st.body, me + "/body", s.orelse.empty() ? next_line : s.else_pos.line);
  if (!s.orelse.empty()) {
    Block ignored;
    block(s.orelse, ignored, me + "/else", next_line);
  }
  if (!header_ok) return;
  place(me) = pl;
  out.push_back(std::move(st));
}

void Lowering::try_statement(const Stmt& s, Block& out, const std::string& ptr, std::uint32_t next_line) {
  std::string me = ptr + "/" + std::to_string(out.size());
  Statement st;
  st.op = Op::try_;
  st.pos = FilePos{me, s.start.line, s.start.col};
  st.py_line = s.start.line;
  st.star = !s.handlers.empty() && s.handlers.front().star;
  // Each part ends where the next one's header is.
  std::vector<std::uint32_t> headers;
  for (const auto& h : s.handlers) headers.push_back(h.pos.line);
  if (!s.orelse.empty()) headers.push_back(s.else_pos.line);
  if (!s.finalbody.empty()) headers.push_back(s.finally_pos.line);
  headers.push_back(next_line);
  block(s.body, st.body, me + "/try", headers[0]);
  const std::string handlers_ptr = me + (st.star ? "/except*" : "/except");
  for (std::size_t i = 0; i < s.handlers.size(); ++i) {
    const Handler& from = s.handlers[i];
    scenario::Handler& h = st.handlers.emplace_back();
    std::string hptr = handlers_ptr + "/" + std::to_string(i);
    h.pos = FilePos{hptr, from.pos.line, from.pos.col};
    h.py_line = from.pos.line;
    Place& pl = place(hptr);
    pl.at = from.pos;
    if (!from.type.empty()) {
      const Expr& t = from.type[0];
      pl.op = t.start;
      if (t.kind == ExprKind::tuple) {
        if (t.kids.empty()) refuse(t.start, "name at least one exception type: except (ValueError, KeyError):");
        for (const auto& k : t.kids)
          if (auto type = exception_type(k)) h.types.push_back(*type);
      } else if (auto type = exception_type(t)) {
        // The format's handler without a type is BaseException; the listing writes it so.
        if (*type != "BaseException") h.types.push_back(*type);
      }
      if (from.star)
        for (const auto& type : h.types)
          if (type == "ExceptionGroup" || type == "BaseExceptionGroup")
            refuse(t.start, "except* cannot catch " + type + " (Python raises TypeError); name the exception types "
                            "inside the group instead");
    }
    if (!from.name.empty()) {
      std::string problem = name_problem(from.name, "variable");
      if (!problem.empty()) refuse(from.name_pos, problem);
      else h.as = std::string(from.name);
      pl.as = from.name_pos;
    }
    block(from.body, h.body, hptr + "/body", headers[i + 1]);
  }
  std::size_t next = s.handlers.size() + 1;
  if (!s.orelse.empty()) {
    st.else_py_line = s.else_pos.line;
    block(s.orelse, st.else_body.emplace(), me + "/else", headers[next++]);
  }
  if (!s.finalbody.empty()) {
    st.finally_py_line = s.finally_pos.line;
    block(s.finalbody, st.finally_body.emplace(), me + "/finally", headers[next]);
  }
  Place& pl = place(me);
  pl.at = s.start;
  pl.op = s.start;
  out.push_back(std::move(st));
}

void Lowering::raise(const Stmt& s, Block& out, const std::string& ptr) {
  if (s.exprs.empty()) {
    add(out, ptr, Op::reraise, s.start);
    return;
  }
  if (s.exprs.size() == 2) {
    refuse(s.exprs[1].start, not_expressible("raise ... from ..."));
    return;
  }
  const Expr& e = s.exprs[0];
  if (e.kind == ExprKind::name && fn_.locals.count(std::string(e.text))) {
    Statement& st = add(out, ptr, Op::raise, s.start);
    st.value = scenario::Expr{true, std::string(e.text), {}};
    place(st.pos.pointer).op = e.start;
    return;
  }
  const Expr& type_expr = e.kind == ExprKind::call ? e.kids[0] : e;
  std::size_t before = problems.size();
  auto type = exception_type(type_expr);
  if (!type) return;
  if (*type == "Cancelled") {
    refuse(type_expr.start, "a program cannot raise trio.Cancelled itself (it has no public constructor); Trio raises "
                            "it where a cancelled scope's code waits. Cancel the scope instead: scope.cancel()");
    return;
  }
  std::optional<std::string> message;
  if (e.kind == ExprKind::call) {
    std::size_t n = e.kids.size() - 1;
    if (n > 1 || (n == 1 && !is_plain_string(e.kids[1]))) {
      const Expr& bad = e.kids[n == 1 ? 1 : 2];
      refuse(bad.start, n > 1 ? "an exception takes one message here: raise " + *type + "(\"what went wrong\")"
                              : bad.kind == ExprKind::string && bad.fstring
                                    ? "the exception's message must be a plain string, not an f-string: raise " + *type +
                                          "(\"...\")"
                                    : "the exception's message must be a string literal: raise " + *type + "(\"...\")");
    } else if (n == 1) {
      message = e.kids[1].value;
    }
  }
  if (problems.size() != before) return;
  Statement& st = add(out, ptr, Op::raise, s.start);
  st.exc_type = *type;
  st.message = std::move(message);
  place(st.pos.pointer).op = type_expr.start;
}

void Lowering::assignment(const Stmt& s, Block& out, const std::string& ptr) {
  const Expr& value = s.exprs.back();
  bool start = s.exprs.size() == 2 && value.kind == ExprKind::await_ && value.kids[0].kind == ExprKind::call;
  if (start) {
    const Expr& call = value.kids[0];
    const Expr& func = call.kids[0];
    start = func.kind == ExprKind::attribute && func.text == "start" && func.kids[0].kind == ExprKind::name;
  }
  if (!start) {
    refuse(s.start, "an assignment is not something a trioscope scenario can express (its variables are parameters, "
                    "names bound by as and for, and v = await nursery.start(...)); " + std::string(kSupportedStatements));
    return;
  }
  std::size_t before = problems.size();
  auto name = bound_name(s.exprs[0], "variable");
  Statement st;
  Place pl;
  task_call(value.kids[0], st, pl, "start");
  if (!name || problems.size() != before) return;
  Statement& added = add(out, ptr, Op::start, s.start);
  FilePos pos = added.pos;
  added = std::move(st);
  added.op = Op::start;
  added.pos = pos;
  added.py_line = s.start.line;
  added.name = *name;
  pl.at = s.start;
  pl.as = s.exprs[0].start;
  place(pos.pointer) = pl;
}

// ---- [SECTION] Values, durations, exception types and names -------------------------------------

std::optional<trio::Value> Lowering::literal(const Expr& e, std::string& why) {
  if (e.kind == ExprKind::constant) {
    if (e.text == "True") return trio::Value(true);
    if (e.text == "False") return trio::Value(false);
    if (e.text == "None") return trio::Value(trio::None{});
    why = "... (Ellipsis) is not a value a trioscope scenario can hold";
    return std::nullopt;
  }
  if (is_plain_string(e)) return trio::Value(e.value);
  if (e.kind == ExprKind::unary && (e.text == "-" || e.text == "+") && e.kids[0].kind == ExprKind::number) {
    auto v = literal(e.kids[0], why);
    if (!v || e.text == "+") return v;
    if (auto* i = std::get_if<std::int64_t>(&*v)) return trio::Value(-*i);
    return trio::Value(-std::get<double>(*v));
  }
  if (e.kind != ExprKind::number) return std::nullopt;
  std::string t;
  for (char c : e.text)
    if (c != '_') t += c;
  char last = t.back();
  if (last == 'j' || last == 'J') {
    why = "complex numbers are not values a trioscope scenario can hold";
    return std::nullopt;
  }
  auto too_large = [&] {
    why = "the number " + std::string(e.text) + " is too large (the limit is 64 bits)";
    return std::nullopt;
  };
  int base = 10;
  std::size_t skip = 0;
  if (t.size() > 2 && t[0] == '0' && std::string("xXoObB").find(t[1]) != std::string::npos) {
    base = t[1] == 'x' || t[1] == 'X' ? 16 : t[1] == 'o' || t[1] == 'O' ? 8 : 2;
    skip = 2;
  } else if (t.find_first_of(".eE") != std::string::npos) {
    double d = std::strtod(t.c_str(), nullptr);
    if (std::isinf(d)) return too_large();
    return trio::Value(d);
  }
  std::int64_t v = 0;
  auto [p, ec] = std::from_chars(t.data() + skip, t.data() + t.size(), v, base);
  if (ec != std::errc() || p != t.data() + t.size()) return too_large();
  return trio::Value(v);
}

std::optional<scenario::Expr> Lowering::value_of(const Expr& e, const char* what) {
  if (e.kind == ExprKind::name) {
    std::string name(e.text);
    if (functions_.count(name)) {
      refuse(e.start, "a function cannot be passed as a value in a trioscope scenario (" + name +
                          " is one of the program's functions)");
      return std::nullopt;
    }
    if (std::string problem = name_problem(name, "variable"); !problem.empty()) {
      refuse(e.start, problem);
      return std::nullopt;
    }
    return scenario::Expr{true, name, {}};
  }
  std::string why;
  if (auto v = literal(e, why)) return scenario::Expr{false, "", std::move(*v)};
  if (why.empty()) {
    if (e.kind == ExprKind::string && e.fstring) why = "an f-string can only be printed; pass a plain string or a variable";
    else if (e.kind == ExprKind::string && e.bytes) why = "bytes are not values a trioscope scenario can hold";
    else
      why = std::string(what) + " must be a number, a string, True, False, None or a variable; " +
            describe_expression(e) + " is not something a trioscope scenario can express";
  }
  refuse(e.start, why);
  return std::nullopt;
}

std::optional<scenario::Expr> Lowering::duration(const Expr& e, const char* call) {
  bool simple = e.kind == ExprKind::name || e.kind == ExprKind::number || e.kind == ExprKind::string ||
                e.kind == ExprKind::constant || (e.kind == ExprKind::unary && e.kids[0].kind == ExprKind::number);
  if (!simple) {
    refuse(e.start, std::string(call) + "() takes a number of seconds or a variable holding one; " + describe_expression(e) +
                        " (" + q(source(e.start, e.end)) + ") is not something a trioscope scenario can express");
    return std::nullopt;
  }
  auto v = value_of(e, "the number of seconds");
  if (!v || v->is_var) return v;
  if (!trio::is_number(v->literal) || std::holds_alternative<bool>(v->literal)) {
    refuse(e.start, std::string(call) + "() takes a number of seconds (or a variable holding one), not " +
                        source(e.start, e.end));
    return std::nullopt;
  }
  if (trio::as_double(v->literal) < 0) {
    refuse(e.start, std::string(call) + "(" + source(e.start, e.end) + "): the number of seconds must not be negative "
                    "(Python raises ValueError)");
    return std::nullopt;
  }
  return v;
}

std::optional<std::string> Lowering::exception_type(const Expr& e) {
  if (check_asyncio(e)) return std::nullopt;
  if (e.kind == ExprKind::name) {
    std::string n(e.text);
    if (classes_.count(n)) return n;
    if (is_trio_exception(n)) {
      refuse(e.start, n + " is Trio's: write trio." + n);
      return std::nullopt;
    }
    if (trio::is_known_builtin(n)) return n;
    if (!is_exception_type_name(n)) {
      refuse(e.start, "expected an exception class such as ValueError; " + q(n) + " is not one");
      return std::nullopt;
    }
    refuse(e.start, n + " is not defined: declare it at the top of the file with `class " + n +
                        "(Exception): pass`, or use a built-in exception such as ValueError");
    return std::nullopt;
  }
  std::string f = dotted(e);
  if (f == "trio.Cancelled" || f == "trio.TooSlowError") return f.substr(5);
  if (f.rfind("trio.", 0) == 0) {
    refuse(e.start, f + " is not an exception a trioscope scenario knows; it knows trio.Cancelled, trio.TooSlowError, "
                        "Python's built-in exceptions and the program's own classes");
    return std::nullopt;
  }
  refuse(e.start, "expected an exception class such as ValueError, trio.Cancelled or one of the program's own classes");
  return std::nullopt;
}

std::optional<std::string> Lowering::bound_name(const Expr& target, const char* what) {
  if (target.kind != ExprKind::name) {
    refuse(target.start, std::string("a trioscope scenario binds plain names here (as scope, for i in ...); ") +
                             q(source(target.start, target.end)) + " is not one");
    return std::nullopt;
  }
  if (std::string problem = name_problem(target.text, what); !problem.empty()) {
    refuse(target.start, problem);
    return std::nullopt;
  }
  return std::string(target.text);
}

void Lowering::gather_locals(const std::vector<Stmt>& body, std::set<std::string>& out) {
  auto names_in = [&](const Expr& e, auto&& self) -> void {
    if (e.kind == ExprKind::name) out.insert(std::string(e.text));
    if (e.kind == ExprKind::tuple || e.kind == ExprKind::list || e.kind == ExprKind::starred)
      for (const auto& k : e.kids) self(k, self);
  };
  for (const Stmt& s : body) {
    switch (s.kind) {
      case StmtKind::assign:
        for (std::size_t i = 0; i + 1 < s.exprs.size(); ++i) names_in(s.exprs[i], names_in);
        break;
      case StmtKind::augassign:
      case StmtKind::annassign:
      case StmtKind::for_: names_in(s.exprs[0], names_in); break;
      case StmtKind::with:
        for (const auto& item : s.items)
          for (const auto& t : item.target) names_in(t, names_in);
        break;
      case StmtKind::def:
      case StmtKind::class_: out.insert(std::string(s.name)); break;
      case StmtKind::import:
        for (const auto& a : s.names) out.insert(a.as.empty() ? a.dotted.substr(0, a.dotted.find('.')) : std::string(a.as));
        break;
      default: break;
    }
    for (const auto& h : s.handlers) {
      if (!h.name.empty()) out.insert(std::string(h.name));
      gather_locals(h.body, out);
    }
    if (s.kind != StmtKind::def && s.kind != StmtKind::class_) {
      gather_locals(s.body, out);
      gather_locals(s.orelse, out);
      gather_locals(s.finalbody, out);
    }
  }
}

}  // namespace trioscope::scenario::python
