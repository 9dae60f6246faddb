// [SECTION] Python literals and f-strings
// [SECTION] What each variable holds (nursery or cancel scope)
// [SECTION] Statements
// [SECTION] The program
#include "scenario/python_listing.hpp"

#include <cstdio>
#include <deque>
#include <map>
#include <unordered_map>
#include <string>
#include <string_view>
#include <vector>

#include "scenario/print_template.hpp"
#include "scenario/python_names.hpp"
#include "scenario/walk.hpp"

namespace trioscope::scenario {

namespace {

// ---- [SECTION] Python literals and f-strings --------------------------------------------------

// Body of a Python string literal in quotes `q`; `braces` doubles { and } (f-string text).
std::string escape(const std::string& s, char q, bool braces) {
  std::string out;
  for (unsigned char c : s) {
    if (c == '\\') out += "\\\\";
    else if (c == q) out += std::string("\\") + q;
    else if (c == '\n') out += "\\n";
    else if (c == '\r') out += "\\r";
    else if (c == '\t') out += "\\t";
    else if (c < 0x20 || c == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    } else if (braces && (c == '{' || c == '}')) {
      out += char(c);
      out += char(c);
    } else {
      out += char(c);
    }
  }
  return out;
}

// Double quotes, as most Python code is written, unless single ones avoid escapes.
char quote_for(const std::string& s) {
  return s.find('"') != std::string::npos && s.find('\'') == std::string::npos ? '\'' : '"';
}

std::string str_literal(const std::string& s) {
  char q = quote_for(s);
  return q + escape(s, q, false) + q;
}

std::string literal(const trio::Value& v) {
  if (std::holds_alternative<trio::None>(v)) return "None";
  if (auto* b = std::get_if<bool>(&v)) return *b ? "True" : "False";
  if (auto* i = std::get_if<std::int64_t>(&v)) return std::to_string(*i);
  if (auto* d = std::get_if<double>(&v)) return trio::float_repr(*d);
  if (auto* s = std::get_if<std::string>(&v)) return str_literal(*s);
  return trio::py_repr(v);
}

std::string expr(const Expr& e) { return e.is_var ? e.var : literal(e.literal); }

std::string exc_class(const std::string& type) { return is_trio_exception(type) ? "trio." + type : type; }

// ---- [SECTION] What each variable holds -------------------------------------------------------
//
// `{"cancel": "$x"}` is `x.cancel()` for a cancel scope but `x.cancel_scope.cancel()` for a
// nursery, and a parameter holds whatever its callers pass. Kinds are found by joining, to a
// fixpoint, what every binding and every call site puts into each name.

enum class Kind { unknown, nursery, scope, other, mixed };  // as VariableKind

Kind join_kinds(Kind a, Kind b) {
  if (a == Kind::unknown) return b;
  if (b == Kind::unknown || a == b) return a;
  return Kind::mixed;
}

using Kinds = std::map<std::string, Kind>;  // variable -> kind, in one function

void bind(Kinds& k, const std::string& name, Kind kind) {
  if (!name.empty()) k[name] = join_kinds(k[name], kind);
}

// What the listing needs to know about the whole program before it writes a line, gathered
// in one walk over each function: the kinds of its variables, and whether it blocks.
struct ProgramFacts {
  std::map<std::string, Kinds> kinds;  // function -> its variables' kinds
  bool uses_block = false;             // needs `import time`
  bool uses_timeout_shield = false;    // move_on_after(..., shield=True): Trio >= 0.27
};

ProgramFacts gather_facts(const Scenario& s) {
  ProgramFacts out;
  std::vector<Kinds> bound(s.functions.size());  // what each function binds itself
  std::vector<std::vector<const Statement*>> calls(s.functions.size());  // that pass arguments
  for (std::size_t i = 0; i < s.functions.size(); ++i) {
    Kinds& k = bound[i];
    walk_statements(s.functions[i].body, [&](const Statement& st) {
      switch (st.op) {
        case Op::open_nursery: bind(k, st.name, Kind::nursery); break;
        case Op::cancel_scope:
        case Op::move_on_after:
        case Op::fail_after:
          bind(k, st.name, Kind::scope);
          if (st.op != Op::cancel_scope && st.shield) out.uses_timeout_shield = true;
          break;
        case Op::start:
        case Op::repeat: bind(k, st.name, Kind::other); break;
        case Op::block: out.uses_block = true; break;
        default: break;
      }
      for (const auto& h : st.handlers) bind(k, h.as, Kind::other);
      if ((st.op == Op::call || st.op == Op::start_soon || st.op == Op::start) && !st.args.empty())
        calls[i].push_back(&st);
    });
  }
  // Joining kinds is order-free, so a function's own bindings are joined once, above, and
  // each visit only adds what callers pass to its parameters. A function is visited again
  // only when what its parameters may hold has grown (a worklist): a long chain of calls
  // then costs a few visits per function, not a round over the whole program per link.
  std::unordered_map<std::string_view, std::size_t> index;
  for (std::size_t i = 0; i < s.functions.size(); ++i) index.emplace(s.functions[i].name, i);
  std::vector<Kinds> params(s.functions.size());  // each function's parameters' kinds
  std::deque<std::size_t> work;
  std::vector<char> queued(s.functions.size(), 1);
  for (std::size_t i = 0; i < s.functions.size(); ++i) work.push_back(i);
  while (!work.empty()) {
    std::size_t i = work.front();
    work.pop_front();
    queued[i] = 0;
    const Function& f = s.functions[i];
    Kinds k = params[i];
    for (const auto& [name, kind] : bound[i]) bind(k, name, kind);
    for (const Statement* st : calls[i]) {
      auto callee_at = index.find(st->function);
      if (callee_at == index.end()) continue;
      std::size_t c = callee_at->second;
      const Function& callee = s.functions[c];
      for (std::size_t a = 0; a < st->args.size() && a < callee.params.size(); ++a) {
        Kind passed = st->args[a].is_var ? k[st->args[a].var] : Kind::other;
        Kind& slot = params[c][callee.params[a]];
        Kind joined = join_kinds(slot, passed);
        if (joined != slot) {
          slot = joined;
          if (!queued[c]) {
            queued[c] = 1;
            work.push_back(c);
          }
        }
      }
    }
    out.kinds[f.name] = std::move(k);
  }
  return out;
}

// ---- [SECTION] Statements ---------------------------------------------------------------------

class Writer {
 public:
  // `renumber`: record each line in the scenario's py_line fields (a scenario read from JSON);
  // a scenario read from Python keeps the lines of its own file.
  Writer(const PythonOptions& o, std::map<std::string, Kinds> kinds, bool renumber)
      : o_(o), kinds_(std::move(kinds)), renumber_(renumber) {}

  // One line of the listing, written straight into the text: `parts` are its pieces.
  template <class... Parts>
  std::uint32_t emit(int indent, const Parts&... parts) {
    std::size_t start = text_.size();
    text_.append(std::size_t(4 * indent), ' ');
    (text_.append(std::string_view(parts)), ...);
    if (text_.size() == start + std::size_t(4 * indent)) text_.resize(start);  // blank: no indent
    text_ += '\n';
    return ++lines_;
  }

  std::string take_text() { return std::move(text_); }

  void function(Function& f) {
    current_ = &kinds_[f.name];
    std::vector<std::string> params = f.params;
    if (f.uses_task_status) params.push_back("task_status=trio.TASK_STATUS_IGNORED");
    record(f.py_line, emit(0, "async def ", f.name, "(", join(params), "):"));
    block(f.body, 1);
  }

 private:
  Kind kind_of(const std::string& var) {
    auto it = current_->find(var);
    return it == current_->end() ? Kind::unknown : it->second;
  }

  // The cancel scope a variable stands for; `q` is a quote that may appear in the expression.
  std::string scope_of(const std::string& var, char q = '"') {
    switch (kind_of(var)) {
      case Kind::nursery: return var + ".cancel_scope";
      case Kind::mixed: return std::string("getattr(") + var + ", " + q + "cancel_scope" + q + ", " + var + ")";
      default: return var;
    }
  }

  std::string print_arg(const std::vector<TemplatePart>& parts) {
    std::string text;
    for (const auto& p : parts)
      if (!p.is_field) text += p.text;
    if (!has_fields(parts)) return str_literal(text);
    char q = quote_for(text);
    std::string out = std::string("f") + q;
    for (const auto& p : parts) {
      if (!p.is_field) {
        out += escape(p.text, q, true);
        continue;
      }
      out += "{";
      out += p.attr.empty() ? p.var : scope_of(p.var, q == '"' ? '\'' : '"') + "." + p.attr;
      if (p.conversion) out += std::string("!") + p.conversion;
      // Python 3.11 reads escapes in a spec as in the rest of the literal ("\\x00" is NUL).
      if (!p.spec.empty()) {
        out += ':';
        out += escape(p.spec, q, false);
      }
      out += "}";
    }
    return out + q;
  }

  // ", arg, arg, name=..." after the function in start_soon / start.
  std::string task_args(const Statement& st) {
    std::string out;
    for (const auto& e : st.args) out += ", " + expr(e);
    if (st.task_name) out += ", name=" + str_literal(*st.task_name);
    return out;
  }

  std::string call_args(const Statement& st) {
    std::vector<std::string> a;
    for (const auto& e : st.args) a.push_back(expr(e));
    return join(a);
  }

  void record(std::uint32_t& slot, std::uint32_t line) {
    if (renumber_) slot = line;
  }

  void block(Block& b, int ind) {
    bool only_comments = true;
    for (std::size_t i = 0; i < b.size(); ++i) {
      if (i + 1 < b.size()) prefetch(b[i + 1]);
      statement(b[i], ind);
      only_comments = only_comments && b[i].op == Op::comment;
    }
    // Python needs a statement in every block; comments are not statements to Python.
    if (only_comments) emit(ind, "pass");
  }

  void statement(Statement& st, int ind) {
    auto line = [&](const auto&... parts) { record(st.py_line, emit(ind, parts...)); };
    auto with_body = [&](const auto&... header) {
      line(header...);
      block(st.body, ind + 1);
    };
    switch (st.op) {
      case Op::print: line("print(", print_arg(st.parts), ")"); break;
      case Op::sleep: line("await trio.sleep(", expr(st.value), ")"); break;
      case Op::checkpoint: line("await trio.lowlevel.checkpoint()"); break;
      case Op::sleep_forever: line("await trio.sleep_forever()"); break;
      case Op::block:
        if (o_.virtual_time)
          line("trio.lowlevel.current_clock().jump(", expr(st.value), ")  # time.sleep(", expr(st.value),
               "), in virtual time");
        else
          line("time.sleep(", expr(st.value), ")");
        break;
      case Op::raise:
        if (st.value.is_var) line("raise ", st.value.var);
        else line("raise ", exc_class(st.exc_type), "(", st.message ? str_literal(*st.message) : "", ")");
        break;
      case Op::reraise: line("raise"); break;
      case Op::open_nursery: {
        std::string kw;
        if (st.strict_exception_groups)
          kw = std::string("strict_exception_groups=") + (*st.strict_exception_groups ? "True" : "False");
        with_body("async with trio.open_nursery(", kw, ") as ", st.name, ":");
        break;
      }
      case Op::start_soon:
        line(st.nursery, ".start_soon(", st.function, task_args(st), ")");
        break;
      case Op::start:
        line(st.name, st.name.empty() ? "" : " = ", "await ", st.nursery, ".start(", st.function, task_args(st), ")");
        break;
      case Op::started: {
        bool none = !st.value.is_var && std::holds_alternative<trio::None>(st.value.literal);
        line("task_status.started(", none ? std::string() : expr(st.value), ")");
        break;
      }
      case Op::call: line("await ", st.function, "(", call_args(st), ")"); break;
      case Op::move_on_after:
      case Op::fail_after:
        with_body("with trio.", st.op == Op::move_on_after ? "move_on_after(" : "fail_after(", expr(st.value),
                  st.shield ? ", shield=True" : "", ")", st.name.empty() ? "" : " as ", st.name, ":");
        break;
      case Op::cancel_scope:
        with_body("with trio.CancelScope(", st.shield ? "shield=True" : "", ") as ", st.name, ":");
        break;
      case Op::cancel: line(scope_of(st.value.var), ".cancel()"); break;
      case Op::repeat:
        with_body("for ", st.name.empty() ? "_" : std::string_view(st.name), " in range(", expr(st.value), "):");
        break;
      case Op::try_: try_statement(st, ind); break;
      case Op::comment: line(st.comment.empty() ? "#" : "# ", st.comment); break;
    }
  }

  void try_statement(Statement& st, int ind) {
    record(st.py_line, emit(ind, "try:"));
    block(st.body, ind + 1);
    for (auto& h : st.handlers) {
      std::vector<std::string> types;
      for (const auto& t : h.types) types.push_back(exc_class(t));
      std::string t = types.empty() ? "BaseException" : types.size() == 1 ? types[0] : "(" + join(types) + ")";
      record(h.py_line, emit(ind, st.star ? "except* " : "except ", t, h.as.empty() ? "" : " as ", h.as, ":"));
      block(h.body, ind + 1);
    }
    if (st.else_body) {
      record(st.else_py_line, emit(ind, "else:"));
      block(*st.else_body, ind + 1);
    }
    if (st.finally_body) {
      record(st.finally_py_line, emit(ind, "finally:"));
      block(*st.finally_body, ind + 1);
    }
  }

  const PythonOptions& o_;
  std::map<std::string, Kinds> kinds_;
  Kinds* current_ = nullptr;
  std::string text_;
  std::uint32_t lines_ = 0;
  bool renumber_ = true;
};

// ---- [SECTION] The program --------------------------------------------------------------------

std::string docstring(const Scenario& s) {
  std::string body = s.title;
  if (!s.description.empty()) body += (body.empty() ? "" : "\n\n") + s.description;
  std::string out;
  for (std::size_t i = 0; i < body.size(); ++i) {
    if (body[i] == '\\') out += "\\\\";
    else if (body.compare(i, 3, "\"\"\"") == 0) {
      out += "\\\"\"\"";
      i += 2;
    } else out += body[i];
  }
  if (!out.empty() && out.back() == '"') out.insert(out.size() - 1, "\\");  // not a fourth closing quote
  // One line when it fits on one, as PEP 257 asks; else the closing quotes on their own line.
  return "\"\"\"" + out + (out.find('\n') == std::string::npos ? "" : "\n") + "\"\"\"";
}

}  // namespace

std::map<std::string, std::map<std::string, VariableKind>> variable_kinds(const Scenario& s) {
  std::map<std::string, std::map<std::string, VariableKind>> out;
  for (const auto& [function, kinds] : gather_facts(s).kinds)
    for (const auto& [var, kind] : kinds) out[function][var] = VariableKind(int(kind));
  return out;
}

std::vector<std::string> question_comments(const Scenario& s) {
  std::vector<std::string> out;
  // One line each: a comment cannot hold a line break, so any is written as a space.
  auto one_line = [](std::string t) {
    for (char& c : t)
      if (c == '\n' || c == '\r') c = ' ';
    return t;
  };
  for (const AuthoredQuestion& q : s.questions) {
    out.push_back("# trioscope: question at=" + q.at + " " + one_line(q.prompt));
    for (std::size_t i = 0; i < q.choices.size(); ++i) {
      out.push_back(std::string("# trioscope: ") + (i == q.answer ? "answer " : "wrong ") + one_line(q.choices[i].text));
      if (!q.choices[i].why.empty()) out.push_back("# trioscope: why " + one_line(q.choices[i].why));
    }
  }
  return out;
}

std::string settings_comment(const Settings& s) {
  return "# trioscope: scheduling=" + s.scheduling + " seed=" + std::to_string(s.seed);
}

PythonListing to_python(Scenario& s, const PythonOptions& o) {
  ProgramFacts facts = gather_facts(s);
  Writer w(o, std::move(facts.kinds), s.source == SourceKind::json);
  if (!s.title.empty() || !s.description.empty()) {
    std::string doc = docstring(s);
    for (std::size_t start = 0; start <= doc.size();) {
      std::size_t nl = doc.find('\n', start);
      if (nl == std::string::npos) nl = doc.size();
      w.emit(0, doc.substr(start, nl - start));
      start = nl + 1;
    }
    w.emit(0, "");
  }
  if (facts.uses_block && !o.virtual_time) w.emit(0, "import time");
  w.emit(0, "import trio");
  if (o.virtual_time) w.emit(0, "import trio.testing");
  if (!s.custom_exceptions.empty()) {
    w.emit(0, "");
    w.emit(0, "");
    for (const auto& c : s.custom_exceptions) w.emit(0, "class " + c + "(Exception): pass");
  }
  for (auto& f : s.functions) {
    w.emit(0, "");
    w.emit(0, "");
    w.function(f);
  }
  w.emit(0, "");
  w.emit(0, "");
  w.emit(0, "if __name__ == \"__main__\":");
  std::vector<std::string> run_args = {s.main};
  // Always explicit: Trio's default changed (off before 0.25, on since), and the program must
  // behave the same on whichever Trio runs it.
  run_args.push_back(std::string("strict_exception_groups=") + (s.settings.strict_exception_groups ? "True" : "False"));
  if (o.virtual_time) {
    w.emit(1, "# Virtual time: the mock clock jumps to the next deadline whenever every task is");
    w.emit(1, "# waiting, so sleeps take no real time. Trio does not fix the order of tasks that are");
    w.emit(1, "# ready at the same instant, so such lines may come out in another order than in");
    w.emit(1, "# trioscope's step-by-step (FIFO) run.");
    run_args.push_back("clock=trio.testing.MockClock(autojump_threshold=0)");
  }
  if (facts.uses_timeout_shield)
    w.emit(1, "# move_on_after / fail_after with shield=True need Trio 0.27 or later.");
  // Python has no words for trioscope's scheduling; this comment keeps it when the program
  // is read back (python_import.hpp).
  if (s.settings.scheduling != "fifo" || s.settings.seed != 0)
    w.emit(1, settings_comment(s.settings));
  w.emit(1, "trio.run(", join(run_args), ")");
  if (o.questions && !s.questions.empty()) {
    w.emit(0, "");
    w.emit(0, "");
    w.emit(0, "# Questions for trioscope's Predict mode (trioscope reads them back on import).");
    for (const std::string& c : question_comments(s)) w.emit(0, c);
  }
  return {w.take_text()};
}

}  // namespace trioscope::scenario
