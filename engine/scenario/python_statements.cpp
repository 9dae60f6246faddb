// The statements of an `async def` body, each read "from right to left" as the format's
// table has them (`await trio.sleep(3)` is {"sleep": 3}), and everything else refused with
// a message that teaches: what is wrong, why Python would not do what the program seems to
// say (a coroutine never awaited, asyncio's names, a nursery without `async with`), and what
// to write instead.
//
// Calls (await f(...), print, start_soon, started, cancel) are in python_calls.cpp.
//
// [SECTION] Messages and helpers
// [SECTION] Blocks and the statement switch
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

using namespace lowering;

void Lowering::refuse(Pos at, const std::string& message) { problems.push_back({at, message}); }

void Lowering::warn(Pos at, const std::string& message) { warnings.push_back({at, message}); }

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
  struct Level {  // blocks inside blocks, as the JSON reader counts them
    explicit Level(int& d) : d_(++d) {}
    ~Level() { --d_; }
    int& d_;
  } level(depth_);
  if (depth_ > kMaxNestingDepth + 1 && !in.empty()) {
    if (depth_ == kMaxNestingDepth + 2)
      refuse(in.front().start, "blocks nested deeper than " + std::to_string(kMaxNestingDepth) +
                                   " levels (the limit for scenario files)");
    Block ignored;
    comments_before(in.back().last_line + 1, ignored, ptr);
    return;
  }
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
      // A bool is an int to range(), as everywhere in Python.
      bool whole = v->is_var || std::holds_alternative<std::int64_t>(v->literal) || std::holds_alternative<bool>(v->literal);
      if (!whole) {
        refuse(n.start, "range() takes a whole number (a float or a string raises TypeError)");
      } else {
        if (!v->is_var && std::holds_alternative<std::int64_t>(v->literal) && std::get<std::int64_t>(v->literal) < 0)
          warn(n.start, "range(" + source(n.start, n.end) + ") is empty, so the body never runs");
        st.value = std::move(*v);
      }
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
            warn(t.start, "except* cannot catch " + type + ": Python raises TypeError when an exception reaches "
                          "this clause; name the exception types inside the group instead");
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
  const bool flag = std::holds_alternative<bool>(v->literal);  // a bool is an int: sleep(True) is a second
  if (flag) return v;
  if (!trio::is_number(v->literal)) {
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
