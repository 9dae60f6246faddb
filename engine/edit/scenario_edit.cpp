// [SECTION] Places
// [SECTION] Edits of one statement
// [SECTION] Adding, deleting, moving
// [SECTION] Where a task's sleep comes from
#include "edit/scenario_edit.hpp"

#include <algorithm>
#include <cmath>

#include "core/exception.hpp"
#include "core/value.hpp"
#include "scenario/json_writer.hpp"
#include "scenario/print_template.hpp"
#include "scenario/python_listing.hpp"

namespace trioscope::edit {

using scenario::Block;
using scenario::Op;
using scenario::Scenario;
using scenario::Statement;

// ---------------------------------------------------------------------------------------
// [SECTION] Places
// ---------------------------------------------------------------------------------------

namespace {

template <class S>
auto* child_block(S& st, std::uint8_t which) {
  using B = std::conditional_t<std::is_const_v<S>, const Block, Block>;
  B* none = nullptr;
  if (which == 0) return &st.body;
  if (which == StatementPlace::kElse) return st.else_body ? &*st.else_body : none;
  if (which == StatementPlace::kFinally) return st.finally_body ? &*st.finally_body : none;
  const std::size_t h = which - 1u;
  return h < st.handlers.size() ? &st.handlers[h].body : none;
}

template <class Sc>
auto* function_body(Sc& s, const std::string& name) {
  using B = std::conditional_t<std::is_const_v<Sc>, const Block, Block>;
  for (auto& f : s.functions)
    if (f.name == name) return &f.body;
  return static_cast<B*>(nullptr);
}

// The block that holds the statement at `p`, and its index there.
template <class Sc>
auto parent_of(Sc& s, const StatementPlace& p) {
  using B = std::conditional_t<std::is_const_v<Sc>, const Block, Block>;
  std::pair<B*, std::uint32_t> out{nullptr, 0};
  B* block = function_body(s, p.function);
  if (!block || p.levels.empty()) return out;
  for (std::size_t i = 0; i + 1 < p.levels.size(); ++i) {
    if (p.levels[i].index >= block->size()) return out;
    block = child_block((*block)[p.levels[i].index], p.levels[i + 1].block);
    if (!block) return out;
  }
  if (p.levels.back().index >= block->size()) return out;
  out = {block, p.levels.back().index};
  return out;
}

// Depth first: a block's header line is its own (and its handlers', else's and
// finally's lines lead to it), but a statement inside that shares the line is innermost.
bool search(const Block& b, std::uint8_t which, std::uint32_t line, std::vector<StatementPlace::Level>& levels) {
  for (std::uint32_t i = 0; i < b.size(); ++i) {
    const Statement& st = b[i];
    levels.push_back({which, i});
    if (search(st.body, 0, line, levels)) return true;
    for (std::size_t h = 0; h < st.handlers.size(); ++h)
      if (search(st.handlers[h].body, static_cast<std::uint8_t>(1 + h), line, levels)) return true;
    if (st.else_body && search(*st.else_body, StatementPlace::kElse, line, levels)) return true;
    if (st.finally_body && search(*st.finally_body, StatementPlace::kFinally, line, levels)) return true;
    bool here = st.py_line == line || (st.else_body && st.else_py_line == line) ||
                (st.finally_body && st.finally_py_line == line);
    for (const auto& h : st.handlers) here = here || h.py_line == line;
    if (here) return true;
    levels.pop_back();
  }
  return false;
}

}  // namespace

std::optional<StatementPlace> statement_at_line(const Scenario& s, std::uint32_t line) {
  if (line == 0) return std::nullopt;
  for (const auto& f : s.functions) {
    StatementPlace p;
    p.function = f.name;
    if (search(f.body, 0, line, p.levels)) return p;
  }
  return std::nullopt;
}

const Statement* find_statement(const Scenario& s, const StatementPlace& p) {
  const auto [block, i] = parent_of(s, p);
  return block ? &(*block)[i] : nullptr;
}

Statement* find_statement(Scenario& s, const StatementPlace& p) {
  const auto [block, i] = parent_of(s, p);
  return block ? &(*block)[i] : nullptr;
}

std::vector<const Statement*> enclosing(const Scenario& s, const StatementPlace& p) {
  std::vector<const Statement*> out;
  StatementPlace up = p;
  while (up.levels.size() > 1) {
    up.levels.pop_back();
    if (const Statement* st = find_statement(s, up)) out.insert(out.begin(), st);
  }
  return out;
}

std::string file_text(const Scenario& s, scenario::SourceKind kind) {
  if (kind == scenario::SourceKind::json) return scenario::to_json_text(s);
  Scenario copy = s;
  return scenario::to_python(copy, {}).text;
}

// ---------------------------------------------------------------------------------------
// [SECTION] Edits of one statement
// ---------------------------------------------------------------------------------------

namespace {

// The copy to edit and the statement in it, or why not.
struct Target {
  Edited result;
  Statement* st = nullptr;
};
Target target(const Scenario& s, const StatementPlace& p) {
  Target t;
  t.result.scenario = s;
  t.st = find_statement(*t.result.scenario, p);
  if (!t.st) {
    t.result.scenario.reset();
    t.result.error = "that statement is no longer in the program";
  }
  return t;
}

Edited refused(std::string why) {
  Edited e;
  e.error = std::move(why);
  return e;
}

// A number as the program would write it: a whole number stays an int (`sleep(5)`).
trio::Value number(double v) {
  if (std::isfinite(v) && v == std::floor(v) && std::fabs(v) < 1e15) return static_cast<std::int64_t>(v);
  return v;
}

const char* op_word(Op op) {
  switch (op) {
    case Op::sleep: return "trio.sleep";
    case Op::block: return "time.sleep";
    case Op::move_on_after: return "trio.move_on_after";
    case Op::fail_after: return "trio.fail_after";
    case Op::repeat: return "range";
    default: return "this statement";
  }
}

}  // namespace

Edited set_number(const Scenario& s, const StatementPlace& p, double value) {
  Target t = target(s, p);
  if (!t.st) return std::move(t.result);
  const Op op = t.st->op;
  if (op != Op::sleep && op != Op::block && op != Op::move_on_after && op != Op::fail_after && op != Op::repeat)
    return refused("only a sleep, a time.sleep, a timeout or a loop has a number to change");
  if (!std::isfinite(value) || value < 0) return refused(std::string(op_word(op)) + " takes a number of 0 or more");
  if (op == Op::repeat) {
    if (value != std::floor(value) || value > 1e6) return refused("a loop runs a whole number of times (at most 1,000,000)");
  }
  t.st->value = scenario::Expr{false, "", number(value)};
  return std::move(t.result);
}

Edited set_shield(const Scenario& s, const StatementPlace& p, bool shield) {
  Target t = target(s, p);
  if (!t.st) return std::move(t.result);
  if (t.st->op != Op::move_on_after && t.st->op != Op::fail_after && t.st->op != Op::cancel_scope)
    return refused("only a cancel scope (move_on_after, fail_after, CancelScope) has a shield");
  t.st->shield = shield;
  return std::move(t.result);
}

Edited set_raise(const Scenario& s, const StatementPlace& p, const std::string& type,
                 const std::optional<std::string>& message) {
  Target t = target(s, p);
  if (!t.st) return std::move(t.result);
  if (t.st->op != Op::raise) return refused("only a raise has an exception to change");
  if (type.empty()) return refused("name the exception's type, such as ValueError");
  t.st->value = {};
  t.st->exc_type = type;
  t.st->message = message;
  // A type the program has not declared becomes its own class, as in the format.
  auto& custom = t.result.scenario->custom_exceptions;
  const bool builtin = trio::is_known_builtin(type) || type == "Cancelled" || type == "TooSlowError";
  if (!builtin && std::find(custom.begin(), custom.end(), type) == custom.end()) custom.push_back(type);
  return std::move(t.result);
}

Edited set_print(const Scenario& s, const StatementPlace& p, const std::string& text) {
  Target t = target(s, p);
  if (!t.st) return std::move(t.result);
  if (t.st->op != Op::print) return refused("only a print has text to change");
  const scenario::ParsedTemplate parsed = scenario::parse_template(text);
  if (parsed.error) return refused("the text at character " + std::to_string(parsed.error->index + 1) + ": " + parsed.error->message);
  t.st->parts = parsed.parts;
  return std::move(t.result);
}

Edited set_argument(const Scenario& s, const StatementPlace& p, std::size_t index, const trio::Value& value) {
  Target t = target(s, p);
  if (!t.st) return std::move(t.result);
  if (t.st->op != Op::start_soon && t.st->op != Op::start && t.st->op != Op::call)
    return refused("only a start_soon, a start or a call has arguments");
  if (index >= t.st->args.size()) return refused("there is no argument " + std::to_string(index + 1));
  t.st->args[index] = scenario::Expr{false, "", value};
  return std::move(t.result);
}

Edited set_task_name(const Scenario& s, const StatementPlace& p, const std::string& name) {
  Target t = target(s, p);
  if (!t.st) return std::move(t.result);
  if (t.st->op != Op::start_soon && t.st->op != Op::start) return refused("only a started task has a name");
  if (name.empty()) t.st->task_name.reset();
  else t.st->task_name = name;
  return std::move(t.result);
}

// ---------------------------------------------------------------------------------------
// [SECTION] Adding, deleting, moving
// ---------------------------------------------------------------------------------------

Edited add_child(const Scenario& s, const StatementPlace& nursery, const std::string& function,
                 std::vector<trio::Value> args) {
  Target t = target(s, nursery);
  if (!t.st) return std::move(t.result);
  if (t.st->op != Op::open_nursery) return refused("a child is added to a nursery (async with trio.open_nursery())");
  const scenario::Function* f = t.result.scenario->find(function);
  if (!f) return refused("there is no function " + function);
  if (function == t.result.scenario->main) return refused(function + " is the program's main function");
  Statement st;
  st.op = Op::start_soon;
  st.function = function;
  st.nursery = t.st->name;
  // Arguments the form left out: a placeholder of the kind the parameter's name suggests.
  for (std::size_t i = 0; i < f->params.size(); ++i) {
    trio::Value v = i < args.size() ? args[i] : trio::Value(static_cast<std::int64_t>(1));
    if (i >= args.size() && f->params[i].find("name") != std::string::npos) v = std::string("new");
    st.args.push_back(scenario::Expr{false, "", v});
  }
  // After the last child started there, else at the end of the body.
  Block& body = t.st->body;
  std::size_t at = body.size();
  for (std::size_t i = body.size(); i-- > 0;)
    if (body[i].op == Op::start_soon || body[i].op == Op::start) {
      at = i + 1;
      break;
    }
  body.insert(body.begin() + static_cast<long>(at), std::move(st));
  return std::move(t.result);
}

namespace {

Statement new_statement(NewStatement kind, const Scenario& s) {
  Statement st;
  auto print = [](const std::string& text) {
    Statement p;
    p.op = Op::print;
    scenario::TemplatePart part;
    part.text = text;
    p.parts.push_back(std::move(part));
    return p;
  };
  switch (kind) {
    case NewStatement::print: st = print("a new line"); break;
    case NewStatement::sleep:
      st.op = Op::sleep;
      st.value = {false, "", std::int64_t{1}};
      break;
    case NewStatement::checkpoint: st.op = Op::checkpoint; break;
    case NewStatement::raise:
      st.op = Op::raise;
      st.exc_type = "ValueError";
      st.message = "something went wrong";
      break;
    case NewStatement::blocking_sleep:
      st.op = Op::block;
      st.value = {false, "", std::int64_t{1}};
      break;
    case NewStatement::move_on_after:
    case NewStatement::fail_after:
      st.op = kind == NewStatement::move_on_after ? Op::move_on_after : Op::fail_after;
      st.value = {false, "", std::int64_t{1}};
      st.body.push_back([] {
        Statement sl;
        sl.op = Op::sleep;
        sl.value = {false, "", std::int64_t{2}};
        return sl;
      }());
      break;
    case NewStatement::cancel_scope: {
      st.op = Op::cancel_scope;
      // A name no other scope of the program has.
      std::string name = "scope";
      for (int n = 2;; ++n) {
        bool taken = false;
        for (const auto& f : s.functions)
          scenario::for_each_statement(f.body, [&](const Statement& x) { taken = taken || x.name == name; });
        if (!taken) break;
        name = "scope" + std::to_string(n);
      }
      st.name = name;
      st.body.push_back([] {
        Statement c;
        c.op = Op::checkpoint;
        return c;
      }());
      break;
    }
    case NewStatement::try_except: {
      st.op = Op::try_;
      st.body.push_back(print("trying"));
      scenario::Handler h;
      h.types = {"ValueError"};
      h.body.push_back(print("caught it"));
      st.handlers.push_back(std::move(h));
      break;
    }
  }
  return st;
}

}  // namespace

Edited add_statement(const Scenario& s, const StatementPlace& after, NewStatement kind) {
  Edited e;
  e.scenario = s;
  const auto [block, i] = parent_of(*e.scenario, after);
  if (!block) return refused("that statement is no longer in the program");
  block->insert(block->begin() + i + 1, new_statement(kind, s));
  return e;
}

Edited delete_statement(const Scenario& s, const StatementPlace& p) {
  Edited e;
  e.scenario = s;
  const auto [block, i] = parent_of(*e.scenario, p);
  if (!block) return refused("that statement is no longer in the program");
  block->erase(block->begin() + i);
  return e;
}

Edited move_statement(const Scenario& s, const StatementPlace& p, int delta) {
  Edited e;
  e.scenario = s;
  const auto [block, i] = parent_of(*e.scenario, p);
  if (!block) return refused("that statement is no longer in the program");
  const long to = static_cast<long>(i) + delta;
  if (to < 0) return refused("it is the first statement of its block");
  if (to >= static_cast<long>(block->size())) return refused("it is the last statement of its block");
  std::swap((*block)[i], (*block)[static_cast<std::size_t>(to)]);
  return e;
}

// ---------------------------------------------------------------------------------------
// [SECTION] Where a task's sleep comes from
// ---------------------------------------------------------------------------------------

std::optional<StatementPlace> spawn_statement(const Scenario& s, const trio::Trace& t, std::int32_t task) {
  for (const trio::Event& e : t.events) {
    if (e.kind != trio::EventKind::task_spawned || e.task != task) continue;
    auto p = statement_at_line(s, e.loc.line);
    if (!p) return std::nullopt;
    const Statement* st = find_statement(s, *p);
    if (st && (st->op == Op::start_soon || st->op == Op::start)) return p;
    return std::nullopt;
  }
  return std::nullopt;
}

DurationSource duration_source(const Scenario& s, const trio::Trace& t, std::int32_t task, const StatementPlace& sleep) {
  DurationSource out;
  const Statement* st = find_statement(s, sleep);
  if (!st || (st->op != Op::sleep && st->op != Op::block)) {
    out.why_not = "that is not a sleep";
    return out;
  }
  if (!st->value.is_var) {
    if (!trio::is_number(st->value.literal)) {
      out.why_not = "its time is not a number";
      return out;
    }
    out.site = DurationSite{sleep, -1, trio::as_double(st->value.literal)};
    return out;
  }
  const std::string& var = st->value.var;
  const scenario::Function* f = s.find(sleep.function);
  const auto param = f ? std::find(f->params.begin(), f->params.end(), var) : std::vector<std::string>::const_iterator{};
  if (!f || param == f->params.end()) {
    out.why_not = "its time is the variable " + var + ", set inside " + sleep.function + "()";
    return out;
  }
  const auto spawn = spawn_statement(s, t, task);
  const Statement* from = spawn ? find_statement(s, *spawn) : nullptr;
  if (!from || from->function != sleep.function) {
    out.why_not = "its time is the parameter " + var + " of " + sleep.function + "(), passed by the code that calls it";
    return out;
  }
  const std::size_t index = static_cast<std::size_t>(param - f->params.begin());
  if (index >= from->args.size()) {
    out.why_not = "the task was started without a value for " + var;
    return out;
  }
  const scenario::Expr& arg = from->args[index];
  if (arg.is_var) {
    out.why_not = "the task was started with the variable " + arg.var + " for " + var;
    return out;
  }
  if (!trio::is_number(arg.literal)) {
    out.why_not = "the task was started with a " + trio::type_name(arg.literal) + " for " + var;
    return out;
  }
  out.site = DurationSite{*spawn, static_cast<int>(index), trio::as_double(arg.literal)};
  return out;
}

Edited set_duration(const Scenario& s, const DurationSite& site, double seconds) {
  if (!std::isfinite(seconds) || seconds < 0) return refused("a sleep takes a number of 0 or more seconds");
  if (site.argument < 0) return set_number(s, site.statement, seconds);
  return set_argument(s, site.statement, static_cast<std::size_t>(site.argument), number(seconds));
}

}  // namespace trioscope::edit
