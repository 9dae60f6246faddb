// Reading runs in this order:
//
//   lex (python_lexer) -> parse (python_parser; Python's SyntaxError, then stop) ->
//   lowering (the module, functions and comments here, statements in python_statements.cpp;
//   every problem, with its place) -> validate (the same checks as for JSON; its problems
//   name JSON pointers, which the Places of the lowering turn into lines and columns)
//
// [SECTION] Docstrings and comments
// [SECTION] The module: imports, classes, trio.run
// [SECTION] Functions
// [SECTION] After the whole program: imports used, scopes, exception classes
// [SECTION] load_python_text
#include "scenario/python_import.hpp"

#include <algorithm>
#include <limits>
#include <unordered_map>

#include "core/exception.hpp"
#include "scenario/from_json.hpp"
#include "scenario/json_positions.hpp"
#include "scenario/problems.hpp"
#include "scenario/python_listing.hpp"
#include "scenario/python_lowering.hpp"
#include "scenario/python_names.hpp"
#include "scenario/python_parser.hpp"
#include "scenario/validate.hpp"
#include "scenario/walk.hpp"

namespace trioscope::scenario {

namespace python {

namespace {

constexpr std::uint32_t kNoLine = std::numeric_limits<std::uint32_t>::max();

std::string top_level(const std::string& what) {
  return what + " at the top level is not something a trioscope scenario can express; a trioscope program has a "
                "docstring, import trio (and import time), class Name(Exception): pass, async def functions and "
                "trio.run(main)";
}

std::string rstrip(std::string s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\f' || s.back() == '\v')) s.pop_back();
  return s;
}

}  // namespace

// ---- [SECTION] Docstrings and comments ---------------------------------------------------------

std::vector<std::string> clean_doc_lines(const std::string& doc) {
  std::vector<std::string> lines;
  std::string line;
  for (char c : doc) {
    if (c == '\n') {
      lines.push_back(std::move(line));
      line.clear();
    } else if (c == '\t') {
      line.append(8 - line.size() % 8, ' ');
    } else {
      line += c;
    }
  }
  lines.push_back(std::move(line));
  auto indent_of = [](const std::string& l) { return l.find_first_not_of(' '); };
  std::size_t margin = std::string::npos;
  for (std::size_t i = 1; i < lines.size(); ++i)
    if (indent_of(lines[i]) != std::string::npos) margin = std::min(margin, indent_of(lines[i]));
  std::size_t first = indent_of(lines[0]);
  lines[0] = first == std::string::npos ? "" : lines[0].substr(first);
  for (std::size_t i = 1; i < lines.size(); ++i)
    lines[i] = margin != std::string::npos && lines[i].size() >= margin ? lines[i].substr(margin) : "";
  for (auto& l : lines) l = rstrip(l);
  while (!lines.empty() && lines.back().empty()) lines.pop_back();
  std::size_t lead = 0;
  while (lead < lines.size() && lines[lead].empty()) ++lead;
  lines.erase(lines.begin(), lines.begin() + std::ptrdiff_t(lead));
  return lines;
}

void Lowering::docstring(const Expr& e) {
  std::vector<std::string> lines = clean_doc_lines(e.value);
  if (lines.empty()) return;
  sc_.title = lines[0];
  std::size_t k = 1;
  while (k < lines.size() && lines[k].empty()) ++k;
  for (std::size_t i = k; i < lines.size(); ++i) sc_.description += (i > k ? "\n" : "") + lines[i];
}

void Lowering::add_comment(const Comment& c, Block& out, const std::string& block_ptr) {
  std::string text(c.text);
  if (!text.empty() && text[0] == ' ') text.erase(0, 1);
  text = rstrip(std::move(text));
  if (std::string why = comment_problem(text); !why.empty()) refuse(c.pos, why);
  Statement& st = add(out, block_ptr, Op::comment, c.pos);
  st.comment = std::move(text);
}

void Lowering::comments_before(std::uint32_t line, Block& out, const std::string& block_ptr) {
  const auto& cs = lx_.comments;
  while (next_comment_ < cs.size() && cs[next_comment_].pos.line < line) add_comment(cs[next_comment_++], out, block_ptr);
}

void Lowering::comments_at_end(std::uint32_t stop_line, std::uint32_t indent, Block& out, const std::string& block_ptr) {
  const auto& cs = lx_.comments;
  while (next_comment_ < cs.size() && cs[next_comment_].pos.line < stop_line && cs[next_comment_].pos.col >= indent)
    add_comment(cs[next_comment_++], out, block_ptr);
}

void Lowering::module_comments_before(std::uint32_t line) {
  const auto& cs = lx_.comments;
  while (next_comment_ < cs.size() && cs[next_comment_].pos.line < line) {
    const Comment& c = cs[next_comment_++];
    std::string_view text = c.text;
    if (c.pos.line == 1 && text.substr(0, 1) == "!") continue;  // #!/usr/bin/env python3
    if (c.pos.line <= 2 && (text.find("coding:") != std::string_view::npos || text.find("coding=") != std::string_view::npos))
      continue;  // an encoding declaration
    std::size_t start = text.find_first_not_of(' ');
    std::string_view trimmed = start == std::string_view::npos ? std::string_view() : text.substr(start);
    if (trimmed.substr(0, 10) == "trioscope:") {
      settings_comment(c, trimmed.substr(10));
      continue;
    }
    pending_comments_.push_back(&c);
  }
}

// `# trioscope: scheduling=random seed=3`, and a lesson's own questions (python_listing.hpp):
// `question at=STEP PROMPT`, then its `answer TEXT` and `wrong TEXT` lines, each wrong one
// optionally followed by `why TEXT`.
void Lowering::settings_comment(const Comment& c, std::string_view text) {
  {
    const std::size_t s0 = text.find_first_not_of(' ');
    const std::string_view t = s0 == std::string_view::npos ? std::string_view() : text.substr(s0);
    const std::size_t sp = t.find(' ');
    const std::string_view word = t.substr(0, sp), rest = sp == std::string_view::npos ? "" : t.substr(sp + 1);
    auto trimmed = [](std::string_view v) {
      while (!v.empty() && v.front() == ' ') v.remove_prefix(1);
      while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.remove_suffix(1);
      return std::string(v);
    };
    if (word == "question") {
      AuthoredQuestion q;
      q.pos = FilePos{"", c.pos.line, c.pos.col};
      q.answer = std::size_t(-1);
      std::string_view r = rest;
      while (!r.empty() && r.front() == ' ') r.remove_prefix(1);
      if (r.substr(0, 3) != "at=") {
        refuse(c.pos, "a `# trioscope: question` comment starts with the step it is asked before: "
                      "`# trioscope: question at=raised What happens next?`");
      } else {
        const std::size_t e = r.find(' ');
        q.at = std::string(r.substr(3, e == std::string_view::npos ? std::string_view::npos : e - 3));
        q.prompt = e == std::string_view::npos ? "" : trimmed(r.substr(e + 1));
        if (!is_step_spec(q.at))
          refuse(c.pos, "question at=" + q.at + ": expected a step, a number, last or an event kind such as raised or "
                        "print:2");
        if (q.prompt.empty()) refuse(c.pos, "the question has no prompt: write it after at=" + q.at);
      }
      sc_.questions.push_back(std::move(q));
      return;
    }
    if (word == "answer" || word == "wrong" || word == "why") {
      if (sc_.questions.empty()) {
        refuse(c.pos, "`# trioscope: " + std::string(word) + "` belongs to a question: put a `# trioscope: question "
                      "at=STEP PROMPT` line before it");
        return;
      }
      AuthoredQuestion& q = sc_.questions.back();
      const std::string line = trimmed(rest);
      if (word == "why") {
        if (q.choices.empty()) refuse(c.pos, "`# trioscope: why` says why the choice before it is wrong; there is none yet");
        else q.choices.back().why = line;
        return;
      }
      if (line.empty()) refuse(c.pos, "the choice is empty: write its text after `" + std::string(word) + "`");
      if (word == "answer") {
        if (q.answer != std::size_t(-1)) refuse(c.pos, "this question has a right answer already: the other choices are `wrong`");
        q.answer = q.choices.size();
      }
      q.choices.push_back({line, ""});
      return;
    }
  }
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == ',' || text[i] == '\t')) ++i;
    if (i >= text.size()) break;
    std::size_t e = i;
    while (e < text.size() && text[e] != ' ' && text[e] != ',' && text[e] != '\t') ++e;
    std::string_view item = text.substr(i, e - i);
    i = e;
    std::size_t eq = item.find('=');
    std::string_view key = item.substr(0, eq), value = eq == std::string_view::npos ? "" : item.substr(eq + 1);
    if (key == "scheduling" && (value == "fifo" || value == "random")) {
      sc_.settings.scheduling = std::string(value);
    } else if (key == "seed" && !value.empty() &&
               std::all_of(value.begin(), value.end(), [](char ch) { return ch >= '0' && ch <= '9'; }) && value.size() < 20) {
      sc_.settings.seed = std::stoull(std::string(value));
    } else {
      refuse(c.pos, "unknown trioscope setting \"" + std::string(item) +
                        "\"; a `# trioscope:` comment takes scheduling=fifo or scheduling=random, and seed=N");
    }
  }
}

// ---- [SECTION] The module: imports, classes, trio.run -------------------------------------------

void Lowering::module_statement(const Stmt& s, bool first) {
  switch (s.kind) {
    case StmtKind::expr: {
      const Expr& v = s.exprs[0];
      if (is_plain_string(v)) {
        if (first) docstring(v);
        return;
      }
      if (v.kind == ExprKind::call && dotted(v.kids[0]) == "trio.run") return trio_run(v, s);
      if (check_asyncio(v)) {
        if (v.kind == ExprKind::call && dotted(v.kids[0]) == "asyncio.run") run_seen_ = true;  // said already
        return;
      }
      refuse(s.start, top_level(v.kind == ExprKind::call && !dotted(v.kids[0]).empty()
                                    ? "a call to " + dotted(v.kids[0]) + "()"
                                    : std::string("this expression")));
      return;
    }
    case StmtKind::import:
    case StmtKind::import_from: return import(s);
    case StmtKind::class_: return exception_class(s);
    case StmtKind::pass: return;
    case StmtKind::def:
      refuse(s.start, "trioscope's functions are async: write `async def " + std::string(s.name) +
                          "(...):` (a plain def cannot await, so it cannot take part in Trio's scheduling)");
      refused_functions.insert(std::string(s.name));
      return;
    case StmtKind::if_: {
      const Expr& test = s.exprs[0];
      auto is = [](const Expr& e, bool name) {
        return name ? e.kind == ExprKind::name && e.text == "__name__" : is_plain_string(e) && e.value == "__main__";
      };
      bool guard = test.kind == ExprKind::compare && test.text == "==" && test.kids.size() == 2 &&
                   ((is(test.kids[0], true) && is(test.kids[1], false)) || (is(test.kids[0], false) && is(test.kids[1], true)));
      if (!guard) {
        refuse(s.start, top_level("an if statement other than `if __name__ == \"__main__\":`"));
        return;
      }
      if (!s.orelse.empty()) refuse(s.else_pos, top_level("an else after the __main__ guard"));
      for (const Stmt& inner : s.body) {
        if (inner.kind == StmtKind::pass) continue;
        if (inner.kind == StmtKind::expr && inner.exprs[0].kind == ExprKind::call &&
            dotted(inner.exprs[0].kids[0]) == "trio.run") {
          trio_run(inner.exprs[0], inner);
          continue;
        }
        if (inner.kind == StmtKind::expr && check_asyncio(inner.exprs[0])) continue;
        refuse(inner.start, "under `if __name__ == \"__main__\":` a trioscope program only calls trio.run(main)");
      }
      return;
    }
    default: refuse(s.start, top_level(s.kind == StmtKind::assign ? "an assignment" : "this statement"));
  }
}

void Lowering::import(const Stmt& s) {
  if (s.kind == StmtKind::import_from) {
    if (s.module == "asyncio")
      refuse(s.start, "this is asyncio; trioscope shows Trio programs: write `import trio` and use trio.run, trio.sleep, "
                      "trio.open_nursery");
    else if (s.module == "trio" || s.module.rfind("trio.", 0) == 0)
      refuse(s.start, "write `import trio` and use the names through it (trio.sleep, trio.open_nursery, ...): that is "
                      "how a trioscope program names them");
    else
      refuse(s.start, "a trioscope program imports only trio and time (import trio, import time)");
    return;
  }
  for (const Alias& a : s.names) {
    if (a.dotted == "asyncio") {
      refuse(a.pos, "this is asyncio; trioscope shows Trio programs: write `import trio` and use trio.run, trio.sleep, "
                    "trio.open_nursery");
      continue;
    }
    bool trio = a.dotted == "trio" || a.dotted == "trio.testing" || a.dotted == "trio.lowlevel";
    if (!trio && a.dotted != "time") {
      refuse(a.pos, "a trioscope program imports only trio and time; `import " + a.dotted +
                        "` is not something a trioscope scenario can express");
      continue;
    }
    if (!a.as.empty()) {
      refuse(a.pos, "write `import " + a.dotted + "` without `as`: a trioscope program names trio.sleep, "
                    "trio.open_nursery, time.sleep, ... by these names");
      continue;
    }
    (trio ? imports_trio_ : imports_time_) = true;
  }
}

void Lowering::exception_class(const Stmt& s) {
  std::string name(s.name);
  std::size_t before = problems.size();
  if (!s.decorators.empty()) refuse(s.decorators[0].start, top_level("a decorator"));
  if (!is_exception_type_name(name)) {
    refuse(s.name_pos, "a trioscope program's classes are exceptions, named in CapWords as Python's are (ValueError): " +
                           name + " does not start with a capital letter");
  } else if (is_trio_exception(name)) {
    refuse(s.name_pos, name + " is Trio's own exception (trio." + name + "); give your exception class another name");
  } else if (trio::is_known_builtin(name)) {
    refuse(s.name_pos, name + " is one of Python's built-in exceptions; give your exception class another name");
  }
  bool base_ok = s.exprs.size() == 1 && s.exprs[0].kind == ExprKind::name && s.exprs[0].text == "Exception";
  if (!base_ok)
    refuse(s.exprs.empty() ? s.name_pos : s.exprs[0].start,
           "a trioscope program's own exceptions derive from Exception: `class " + name + "(Exception): pass`");
  for (const Stmt& b : s.body) {
    bool ok = b.kind == StmtKind::pass ||
              (b.kind == StmtKind::expr && (is_plain_string(b.exprs[0]) ||
                                            (b.exprs[0].kind == ExprKind::constant && b.exprs[0].text == "...")));
    if (!ok) {
      refuse(b.start, "an exception class of a trioscope program has nothing in it but pass: `class " + name +
                          "(Exception): pass`");
      break;
    }
  }
  auto it = classes_.find(name);
  if (it != classes_.end() && !(it->second == s.name_pos))
    refuse(s.name_pos, "class " + name + " is defined twice (first on line " + std::to_string(it->second.line) + ")");
  if (problems.size() != before && it != classes_.end() && it->second == s.name_pos) classes_.erase(it);
}

void Lowering::trio_run(const Expr& call, const Stmt& s) {
  if (run_seen_) {
    refuse(s.start, "the program calls trio.run a second time; a trioscope program runs one trio.run(main)");
    return;
  }
  run_seen_ = true;
  std::size_t positional = 0;
  for (std::size_t i = 1; i < call.kids.size(); ++i) {
    const Expr& a = call.kids[i];
    if (a.kind == ExprKind::keyword) {
      const Expr& v = a.kids[0];
      if (a.text == "strict_exception_groups") {
        if (v.kind == ExprKind::constant && (v.text == "True" || v.text == "False"))
          sc_.settings.strict_exception_groups = v.text == "True";
        else
          refuse(v.start, "strict_exception_groups= takes True or False");
      } else if (a.text == "clock" && v.kind == ExprKind::call && dotted(v.kids[0]) == "trio.testing.MockClock") {
        // trioscope always runs in virtual time: the mock clock says the same
      } else {
        refuse(a.start, "trio.run(..., " + std::string(a.text) +
                            "=...) is not something a trioscope scenario can express; it takes strict_exception_groups=");
      }
      continue;
    }
    if (positional++) {
      refuse(a.start, "the function trio.run starts takes no arguments in a trioscope scenario: trio.run(main)");
      continue;
    }
    if (a.kind == ExprKind::call && a.kids[0].kind == ExprKind::name) {
      refuse(a.start, "trio.run takes the function itself: write trio.run(" + std::string(a.kids[0].text) + "), not trio.run(" +
                          source(a.start, a.end) + ") (calling it only makes a coroutine)");
    } else if (a.kind != ExprKind::name) {
      refuse(a.start, "trio.run starts one of the program's async functions, by name: trio.run(main)");
    } else {
      sc_.main = std::string(a.text);
      main_pos = a.start;
    }
  }
  if (positional == 0) refuse(call.start, "trio.run needs the function to start: trio.run(main)");
}

// ---- [SECTION] Functions ------------------------------------------------------------------------

void Lowering::declare_function(const Stmt& s) {
  if (!functions_.emplace(std::string(s.name), s.name_pos).second) return;
  auto& params = params_of_[std::string(s.name)];
  for (const Param& p : s.params)
    if (p.kind == Param::plain && p.name != "task_status") params.push_back(std::string(p.name));
}

void Lowering::function(const Stmt& s, std::uint32_t stop_line) {
  std::string name(s.name);
  auto first = functions_.find(name);
  if (first != functions_.end() && !(first->second == s.name_pos)) {
    refuse(s.name_pos, "function " + name + " is defined twice (first on line " + std::to_string(first->second.line) +
                           "); a trioscope program has one function per name");
    Block ignored;
    comments_before(s.last_line + 1, ignored, "");
    return;
  }
  if (!s.decorators.empty()) refuse(s.decorators[0].start, top_level("a decorator"));
  if (std::string problem = name_problem(name, "function"); !problem.empty()) refuse(s.name_pos, problem);
  Function& f = sc_.functions.emplace_back();
  f.name = name;
  std::string ptr = pointer_append("/functions", name);
  f.pos = FilePos{ptr, s.start.line, s.start.col};
  f.py_line = s.start.line;
  place(ptr).at = s.name_pos;
  place(ptr).op = s.name_pos;

  fn_ = FunctionContext{};
  fn_.def = &s;
  fn_.fn = &f;
  for (std::size_t i = 0; i < s.params.size(); ++i) {
    const Param& p = s.params[i];
    if (p.kind != Param::plain) {
      refuse(p.pos, "a trioscope function takes plain parameters, one per argument (*args, **kwargs, / and * are not "
                    "something a trioscope scenario can express)");
      continue;
    }
    std::string pname(p.name);
    if (pname == "task_status") {
      bool ignored = p.default_value.size() == 1 && dotted(p.default_value[0]) == "trio.TASK_STATUS_IGNORED";
      if (ignored && i + 1 == s.params.size()) fn_.has_task_status = true;
      else
        refuse(p.pos, "a started task takes task_status as its last parameter, written "
                      "task_status=trio.TASK_STATUS_IGNORED");
      continue;
    }
    if (!p.default_value.empty())  // reported, and kept, so that its uses and callers are not reported too
      refuse(p.default_value[0].start, "default values are not something a trioscope scenario can express: every call "
                                       "passes every argument");
    if (std::string problem = name_problem(pname, "parameter"); !problem.empty()) {
      refuse(p.pos, problem);
      continue;
    }
    if (std::find(f.params.begin(), f.params.end(), pname) != f.params.end()) {
      refuse(p.pos, "duplicate argument '" + pname + "' in function definition");
      continue;
    }
    f.params.push_back(pname);
  }
  fn_.locals.insert(f.params.begin(), f.params.end());
  gather_locals(s.body, fn_.locals);

  const std::string body_ptr = ptr + "/body";
  for (const Comment* c : pending_comments_) add_comment(*c, f.body, body_ptr);
  pending_comments_.clear();
  block(s.body, f.body, body_ptr, stop_line);
  // A declared task_status is the parameter start() passes, called or not: forgetting
  // started() is a lesson of its own (start() raises RuntimeError when the task ends).
  f.uses_task_status = fn_.has_task_status;
  for_each_statement(f.body, [&](const Statement& st) { f.uses_task_status = f.uses_task_status || st.op == Op::started; });
  refused_bindings[name] = std::move(fn_.locals);
}

// ---- [SECTION] After the whole program: imports used, scopes, exception classes -----------------

void Lowering::find_module_uses() {
  auto expr = [&](const Expr& e, auto&& self) -> void {
    if (e.kind == ExprKind::name) {
      if (e.text == "trio" && !first_trio_use_.line) first_trio_use_ = e.start;
      if (e.text == "time" && !first_time_use_.line) first_time_use_ = e.start;
    }
    for (const auto& k : e.kids) self(k, self);
    for (const auto& p : e.pieces)
      for (const auto& k : p.expr) self(k, self);
  };
  auto stmt = [&](const Stmt& s, auto&& self) -> void {
    for (const auto& e : s.exprs) expr(e, expr);
    for (const auto& e : s.decorators) expr(e, expr);
    for (const auto& p : s.params)
      for (const auto& d : p.default_value) expr(d, expr);
    for (const auto& i : s.items) expr(i.context, expr);
    for (const auto& b : s.body) self(b, self);
    for (const auto& b : s.orelse) self(b, self);
    for (const auto& b : s.finalbody) self(b, self);
    for (const auto& h : s.handlers) {
      for (const auto& t : h.type) expr(t, expr);
      for (const auto& b : h.body) self(b, self);
    }
  };
  for (const auto& s : m_.body) stmt(s, stmt);
}

void Lowering::check_scope_uses(Scenario& sc) {
  if (scope_uses_.empty()) return;
  // A variable the function binds itself holds what its binding says; only a parameter
  // needs the whole program's analysis (what every caller passes).
  std::unordered_map<std::string_view, const Function*> by_name;
  for (const auto& f : sc.functions) by_name.emplace(f.name, &f);
  bool parameters = false;
  for (const ScopeUse& u : scope_uses_) {
    auto it = by_name.find(u.function);
    const Function* f = it == by_name.end() ? nullptr : it->second;
    parameters = parameters || !f || std::find(f->params.begin(), f->params.end(), u.var) != f->params.end();
  }
  std::map<std::string, std::map<std::string, VariableKind>> kinds;
  if (parameters) kinds = variable_kinds(sc);
  auto local_kind = [&](const ScopeUse& u) {
    VariableKind k = VariableKind::unknown;
    auto join = [&](VariableKind with) { k = k == VariableKind::unknown || k == with ? with : VariableKind::mixed; };
    walk_statements(by_name.at(u.function)->body, [&](const Statement& st) {
      if (st.name == u.var) {
        if (st.op == Op::open_nursery) join(VariableKind::nursery);
        else if (st.op == Op::cancel_scope || st.op == Op::move_on_after || st.op == Op::fail_after) join(VariableKind::scope);
        else if (st.op == Op::start || st.op == Op::repeat) join(VariableKind::other);
      }
      for (const auto& h : st.handlers)
        if (h.as == u.var) join(VariableKind::other);
    });
    return k;
  };
  for (const ScopeUse& u : scope_uses_) {
    VariableKind k = parameters ? kinds[u.function][u.var] : local_kind(u);
    std::string attr = u.written.substr(u.written.rfind('.') + 1);
    attr = attr.substr(0, attr.find('('));
    std::string member = attr + (attr == "cancel" ? "()" : "");
    if (k == VariableKind::nursery && !u.through_cancel_scope)
      refuse(u.pos, "`" + u.written + "`: " + u.var + " is a nursery, and a nursery has no " + member +
                        " (Python raises AttributeError); its cancel scope has: " + u.var + ".cancel_scope." + member);
    else if (k == VariableKind::scope && u.through_cancel_scope)
      refuse(u.pos, "`" + u.written + "`: " + u.var + " is a cancel scope, which has no cancel_scope (Python raises "
                        "AttributeError); write " + u.var + "." + member);
  }
}

namespace {

// The classes the listing declares, in the order JSON reading finds them.
void note_exceptions(const Block& b, std::vector<std::string>& out) {
  auto note = [&](const std::string& t) {
    if (!t.empty() && is_custom_exception(t) && std::find(out.begin(), out.end(), t) == out.end()) out.push_back(t);
  };
  for (const Statement& st : b) {
    if (st.op == Op::raise && !st.value.is_var) note(st.exc_type);
    note_exceptions(st.body, out);
    for (const auto& h : st.handlers) {
      for (const auto& t : h.types) note(t);
      note_exceptions(h.body, out);
    }
    if (st.else_body) note_exceptions(*st.else_body, out);
    if (st.finally_body) note_exceptions(*st.finally_body, out);
  }
}

}  // namespace

Scenario Lowering::run() {
  sc_.source = SourceKind::python;
  std::size_t defs = 0;
  for (const Stmt& s : m_.body) {
    if (s.kind == StmtKind::def && s.is_async) {
      ++defs;
      declare_function(s);
    }
    if (s.kind == StmtKind::class_) classes_.emplace(std::string(s.name), s.name_pos);
  }
  sc_.functions.reserve(defs);  // fn_ points into it
  places.reserve(lx_.tokens.size() / 8);
  const auto& body = m_.body;
  for (std::size_t k = 0; k < body.size(); ++k) {
    const Stmt& s = body[k];
    module_comments_before(s.start.line);
    if (s.kind == StmtKind::def && s.is_async) {
      function(s, k + 1 < body.size() ? body[k + 1].start.line : kNoLine);
    } else {
      module_statement(s, k == 0);
      module_comments_before(s.last_line + 1);
    }
  }
  module_comments_before(kNoLine);
  if (!run_seen_)
    refuse({body.empty() ? 1 : body.back().last_line, 1},
           "the program never calls trio.run: end it with `trio.run(main)`, main being the function to start");
  if (!imports_trio_ || !imports_time_) find_module_uses();
  if (!imports_trio_ && first_trio_use_.line)
    refuse(first_trio_use_, "trio is used but never imported: add `import trio` at the top of the file");
  if (!imports_time_ && first_time_use_.line)
    refuse(first_time_use_, "time is used but never imported: add `import time` at the top of the file");
  check_scope_uses(sc_);
  for (const Function& f : sc_.functions) note_exceptions(f.body, sc_.custom_exceptions);
  return std::move(sc_);
}

}  // namespace python

// ---- [SECTION] load_python_text -----------------------------------------------------------------

namespace {

// Where a validation problem's pointer is: the place of the statement (handler, function) it
// names, or of the field it names in it; a pointer the text has no place for falls back to
// the nearest enclosing one, as for JSON.
python::Pos locate(const python::Lowering& low, std::string pointer, const std::string& message) {
  if (pointer == "/main") return low.main_pos;
  // A print's unknown variable: at that variable (validation names the statement only).
  const std::string unknown = "unknown variable \"";
  if (message.rfind(unknown, 0) == 0 && pointer.size() > 6 && pointer.compare(pointer.size() - 6, 6, "/print") == 0) {
    std::string var = message.substr(unknown.size(), message.find('"', unknown.size()) - unknown.size());
    if (auto it = low.places.find(pointer.substr(0, pointer.size() - 6)); it != low.places.end())
      for (const auto& [name, pos] : it->second.vars)
        if (name == var) return pos;
  }
  auto field_of = [](const python::Place& p, std::string_view field) {
    python::Pos pos = field == "as" ? p.as : field == "nursery" ? p.nursery : field == "name" ? p.name
                    : field == "args" ? p.args_at : p.op;
    return pos.line ? pos : p.at;
  };
  while (!pointer.empty()) {
    if (auto it = low.places.find(pointer); it != low.places.end()) return it->second.at;
    std::size_t slash = pointer.rfind('/');
    std::string parent = pointer.substr(0, slash);
    std::string last = pointer.substr(slash + 1);
    bool index = !last.empty() && std::all_of(last.begin(), last.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (index && parent.size() > 5 && parent.compare(parent.size() - 5, 5, "/args") == 0) {
      auto it = low.places.find(parent.substr(0, parent.size() - 5));
      if (it != low.places.end()) {
        std::size_t i = std::stoul(last);
        return i < it->second.args.size() ? it->second.args[i] : field_of(it->second, "args");
      }
    }
    if (auto it = low.places.find(parent); it != low.places.end()) return field_of(it->second, last);
    pointer = std::move(parent);
  }
  return {1, 1};
}

// validate.cpp's words for a name nothing binds. A name only a refused statement binds (or a
// function that was refused) has been reported already. Looked up by the names the message
// quotes, so that many problems cost no more than one each.
bool repeats_a_refusal(const python::Lowering& low, const std::string& message) {
  auto quoted = [&](std::size_t from, std::string& out) -> std::size_t {  // the "..." at `from`
    if (from >= message.size() || message[from] != '"') return std::string::npos;
    const std::size_t end = message.find('"', from + 1);
    if (end == std::string::npos) return std::string::npos;
    out = message.substr(from + 1, end - from - 1);
    return end + 1;
  };
  const std::string variable = "unknown variable ", in_function = " in function ", function = "unknown function ";
  std::string name, fn;
  if (message.rfind(variable, 0) == 0) {
    const std::size_t after = quoted(variable.size(), name);
    if (after == std::string::npos || message.compare(after, in_function.size(), in_function) != 0) return false;
    if (quoted(after + in_function.size(), fn) == std::string::npos) return false;
    const auto it = low.refused_bindings.find(fn);
    return it != low.refused_bindings.end() && it->second.count(name);
  }
  if (message.rfind(function, 0) == 0 && quoted(function.size(), name) != std::string::npos)
    return low.refused_functions.count(name) > 0;
  return false;
}

}  // namespace

LoadResult load_python_text(std::string_view text, const std::string& path) {
  LoadResult result;
  result.source = SourceKind::python;
  python::Lexed lexed = python::lex(text);
  python::Parsed parsed = python::parse(lexed);
  if (parsed.error) {
    const auto& e = *parsed.error;
    result.errors.push_back({path, FilePos{"", e.pos.line, e.pos.col}, e.type + ": " + e.message});
    return result;
  }
  python::Lowering first(lexed, parsed.module, false);
  Scenario sc = first.run();
  Problems problems;
  validate(sc, problems);
  std::optional<python::Lowering> again;
  if (!problems.empty()) {  // their pointers need places: read again, keeping them
    again.emplace(lexed, parsed.module, true);
    again->run();
  }
  python::Lowering& low = again ? *again : first;

  // (place, message, a warning?): a warning is something Python runs that is very likely not
  // what was meant; the lesson loads all the same.
  struct Found {
    python::Pos pos;
    std::string message;
    bool warning = false;
  };
  std::vector<Found> found;
  for (auto& p : low.problems) found.push_back({p.pos, std::move(p.message)});
  for (auto& p : low.warnings) found.push_back({p.pos, std::move(p.message), true});
  for (auto& p : problems.list) {
    if (repeats_a_refusal(low, p.message)) continue;
    const python::Pos pos = locate(low, p.pointer, p.message);
    found.push_back({pos, std::move(p.message), p.warning});
  }
  if (parsed.module.named_escape.line) {
    // Python looks `\N{NAME}` up in Unicode's table of names, which trioscope does not carry.
    found.push_back({parsed.module.named_escape, "\\N{...} escapes are not something a trioscope scenario can read; "
                                                 "write the character itself"});
  }
  for (AuthoredQuestion& q : sc.questions) {
    const python::Pos at{q.pos.line, q.pos.column};
    if (q.choices.size() < 2 || q.choices.size() > 4)
      found.push_back({at, "a question has 2 to 4 choices (`# trioscope: answer` and `# trioscope: wrong` lines; keys 1 "
                           "to 4 answer it), this one has " + std::to_string(q.choices.size())});
    if (q.answer == std::size_t(-1)) {
      found.push_back({at, "this question has no `# trioscope: answer` line: mark the right choice"});
      q.answer = 0;
    }
  }
  std::stable_sort(found.begin(), found.end(), [](const Found& a, const Found& b) { return a.pos < b.pos; });
  for (auto& f : found) {
    Diagnostic d{path, FilePos{"", f.pos.line, f.pos.col}, std::move(f.message)};
    if (f.warning) d.severity = Severity::warning;
    (f.warning ? result.warnings : result.errors).push_back(std::move(d));
  }
  cap_reported(result.errors, low.problems.dropped() + problems.dropped_errors, path, Severity::error);
  cap_reported(result.warnings, low.warnings.dropped() + problems.dropped_warnings, path, Severity::warning);
  if (result.errors.empty()) {
    sc.path = path;
    result.scenario = std::move(sc);
  }
  return result;
}

}  // namespace trioscope::scenario
