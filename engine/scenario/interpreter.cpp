// Runs a scenario's statements on the engine.
//
// Each scenario function becomes an async function (Interpreter::call); each statement is
// one step of exec(), preceded by trio::at(its Python line) so that the trace can light
// the line. Python's own errors for bad values at run time (a negative `$t` for sleep, an
// unbound variable) are raised as Python exceptions, exactly where Python would raise them.
//
// Note for maintainers: GCC 12 mishandles defaulted class-type arguments in calls made
// inside a coroutine; pass every argument explicitly here.
//
// [SECTION] Values and variables
// [SECTION] Statements
// [SECTION] try / except / except*
// [SECTION] run_scenario
#include "scenario/interpreter.hpp"

#include "core/text.hpp"
#include "scenario/py_format.hpp"

namespace trioscope::scenario {

using trio::Async;
using trio::Exc;
using trio::Value;

namespace {

// ---- [SECTION] Values and variables ------------------------------------------------------

// A function's local variables. A handful per function, so a flat list searched in order
// beats hashing (this is on the path of every statement of every task).
class Locals {
 public:
  Value* find(const std::string& name) {
    for (auto& [k, v] : items_)
      if (k == name) return &v;
    return nullptr;
  }
  Value& operator[](const std::string& name) {
    if (Value* v = find(name)) return *v;
    return items_.emplace_back(name, Value{}).second;
  }
  void erase(const std::string& name) {
    for (auto it = items_.begin(); it != items_.end(); ++it)
      if (it->first == name) {
        items_.erase(it);
        return;
      }
  }

 private:
  std::vector<std::pair<std::string, Value>> items_;
};

// Text longer than this is copied at a cost the statement limit counts: one statement per
// 32 bytes (a megabyte copied costs about what 30,000 statements do).
constexpr std::size_t kCheapText = 256;

std::size_t text_bytes(const Value& v) {
  auto s = std::get_if<std::string>(&v);
  return s ? s->size() : 0;
}

void count_copy(std::size_t bytes) {
  if (bytes >= kCheapText) trio::count_work(bytes / 32);
}

// What a call's arguments hold, for the memory limit (small ones are not worth counting).
std::size_t held_by(const std::vector<Value>& args) {
  std::size_t bytes = 0;
  for (const Value& v : args) bytes += text_bytes(v);
  return bytes >= kCheapText ? bytes + args.size() * sizeof(Value) : 0;
}

struct Frame {
  const Function* function = nullptr;
  std::uint64_t depth = 1;  // function calls on this task's stack, this one included
  Locals vars;
  trio::TaskStatus* task_status = nullptr;  // null: TASK_STATUS_IGNORED
  std::vector<Exc> handling;                // what a bare `raise` re-raises, innermost last
};

// Joins message pieces by appending (GCC 12 warns, wrongly, about `string + string` here).
template <class... Parts>
std::string cat(const Parts&... parts) {
  std::string s;
  ((s += parts), ...);
  return s;
}

[[noreturn]] void raise_type(const char* type, std::string message) {
  trio::raise(trio::make_exc(type, std::move(message)));
}

const Value& lookup(Frame& f, const std::string& name) {
  Value* v = f.vars.find(name);
  if (!v) raise_type("UnboundLocalError", "cannot access local variable '" + name + "' where it is not associated with a value");
  return *v;
}

Value eval(Frame& f, const Expr& e) {
  const Value& v = e.is_var ? lookup(f, e.var) : e.literal;
  count_copy(text_bytes(v));
  return v;
}

// What trio.sleep / move_on_after / time.sleep do with a value that is not a number (their
// first use of it is `seconds < 0`). A bool is an int, as everywhere in Python.
double seconds_of(const Value& v) {
  if (std::holds_alternative<bool>(v)) return std::get<bool>(v) ? 1 : 0;
  if (!trio::is_number(v))
    raise_type("TypeError", cat("'<' not supported between instances of '", trio::type_name(v), "' and 'int'"));
  return trio::as_double(v);
}

std::shared_ptr<trio::Nursery> nursery_of(const Value& v, const std::string& name) {
  if (auto n = std::get_if<std::shared_ptr<trio::Nursery>>(&v)) return *n;
  raise_type("AttributeError", cat("'", trio::type_name(v), "' object has no attribute 'start_soon'"));
}

trio::CancelScope& scope_of(const Value& v, const std::string& attr) {
  if (auto n = std::get_if<std::shared_ptr<trio::Nursery>>(&v)) return (*n)->cancel_scope();
  if (auto s = std::get_if<std::shared_ptr<trio::CancelScope>>(&v)) return **s;
  raise_type("AttributeError", cat("'", trio::type_name(v), "' object has no attribute '", attr, "'"));
}

// The text of a print. A line longer than the line limit stops the run as soon as it is
// that long, before the rest of it is built.
std::string render(Frame& f, const std::vector<TemplatePart>& parts, const trio::RunLimits& limits) {
  std::string out;
  auto check = [&] {
    if (out.size() > limits.line_bytes) trio::stop_run(trio::Limit::line_bytes);
  };
  for (const TemplatePart& p : parts) {
    if (!p.is_field) {
      out += p.text;
      check();
      continue;
    }
    Value v = lookup(f, p.var);
    if (!p.attr.empty()) {
      trio::CancelScope& s = scope_of(v, p.attr);
      v = p.attr == "cancel_called" ? s.cancel_called() : s.cancelled_caught();
    }
    if (p.conversion == 'r') v = trio::py_repr(v);
    else if (p.conversion == 's') v = trio::py_str(v);
    else if (p.conversion == 'a') v = trio::py_ascii(v);
    if (p.conversion) count_copy(text_bytes(v));
    Formatted text = format_value(v, p.spec, std::int64_t(std::min<std::uint64_t>(limits.format_width, INT64_MAX)));
    count_copy(text.text.size());
    if (text.error) {
      if (text.error->message.empty()) trio::raise(trio::make_exc(text.error->type));  // MemoryError()
      raise_type(text.error->type.c_str(), std::move(text.error->message));
    }
    out += text.text;
    check();
  }
  return out;
}

// print(text): Python writes it to a UTF-8 stream, which cannot hold a lone surrogate
// (`f"{0xD800:c}"` makes one): then print raises, and nothing is printed.
void print_text(std::string text) {
  if (auto run = trio::surrogate_run(text)) {
    std::vector<Value> args = {Value(std::string("utf-8")), Value(std::move(text)), Value(std::int64_t(run->first)),
                               Value(std::int64_t(run->second)), Value(std::string("surrogates not allowed"))};
    trio::raise(trio::make_exc("UnicodeEncodeError", std::move(args)));
  }
  trio::print(std::move(text));
}

// A handler whose types include an exception group class: Python refuses it when an
// exception reaches that `except*` clause.
bool names_a_group(const Handler& h) {
  for (const std::string& t : h.types)
    if (trio::is_subclass(t, "BaseExceptionGroup")) return true;
  return false;
}

bool handler_matches(const Handler& h, const trio::PyException& e) {
  if (h.types.empty()) return true;
  for (const std::string& t : h.types)
    if (trio::is_instance(e, t)) return true;
  return false;
}

// ---- [SECTION] Statements ----------------------------------------------------------------

class Interpreter {
 public:
  Interpreter(const Scenario& s, const trio::RunLimits& limits) : sc_(s), limits_(limits) {}

  // `await fn(*args)`, as a task's body or called from another function. `hold` counts the
  // arguments' memory while the frame keeps them.
  Async<void> call(const Function* fn, std::vector<Value> args, trio::TaskStatus* status, std::uint64_t depth,
                   trio::MemoryHold hold) {
    // Python stops a runaway recursion at its recursion limit with RecursionError; so does
    // the interpreter, long before a runaway recursion could eat the machine's memory.
    if (depth > limits_.call_depth) raise_type("RecursionError", "maximum recursion depth exceeded");
    Frame f;
    f.function = fn;
    f.depth = depth;
    f.task_status = status;
    for (std::size_t i = 0; i < fn->params.size() && i < args.size(); ++i) f.vars[fn->params[i]] = std::move(args[i]);
    std::vector<Value>().swap(args);  // its values live on in f.vars; a sleeping task keeps this frame
    try {
      co_await block(f, fn->body);
    } catch (const trio::Error& e) {
      // PEP 479: a StopIteration may not leave a coroutine; Python replaces it.
      if (e.exc->type != "StopIteration") throw;
      raise_type("RuntimeError", "coroutine raised StopIteration");
    }
  }

  Async<void> main() { return call_main(); }

 private:
  // Validation refuses a call of a function the scenario does not have; were one to get
  // here all the same, Python's own error is the honest outcome.
  const Function& function_named(const std::string& name) {
    const Function* fn = sc_.find(name);
    if (!fn) raise_type("NameError", "name '" + name + "' is not defined");
    return *fn;
  }

  Async<void> call_main() {
    const Function& fn = function_named(sc_.main);
    co_await call(&fn, {}, nullptr, 1, trio::MemoryHold());
  }

  // Runs a block. A `repeat` in it runs in this same frame, from a small stack of the loops
  // in progress, not in frames of its own: a sleeping task keeps every frame of its stack,
  // so a class of 100,000 tasks sleeping inside a loop would hold three more frames each.
  // Loops nested deeper than that stack run in a frame of their own (repeat()).
  Async<void> block(Frame& f, const Block& b) {
    struct Loop {
      const Statement* st;
      std::uint32_t resume;  // where the enclosing block goes on when the loop is done
      std::int64_t turn, turns;
    };
    constexpr int kLoops = 4;
    Loop loops[kLoops];
    int depth = 0;
    const Block* body = &b;
    std::size_t pc = 0;
    for (;;) {
      if (pc == body->size()) {
        if (depth == 0) co_return;
        Loop& l = loops[depth - 1];
        if (++l.turn < l.turns) {
          start_turn(f, *l.st, l.turn);
          pc = 0;
          continue;
        }
        pc = l.resume;
        --depth;
        body = depth ? &loops[depth - 1].st->body : &b;
        continue;
      }
      const Statement& st = (*body)[pc++];
      // A comment is not a step: the run never stops on it, as Python never does. It is
      // work all the same (a loop over a body of comments must end too).
      if (st.op == Op::comment) {
        trio::count_work(1);
        continue;
      }
      trio::at(trio::SourceLoc{st.py_line});
      // What the statement awaits, if anything, is awaited in one place: every `co_await`
      // written here would take room of its own in this frame, which sleeping tasks keep.
      Async<void> wait;
      switch (st.op) {
        case Op::print: print_text(render(f, st.parts, limits_)); break;
        case Op::sleep: wait = trio::sleep(seconds_of(eval(f, st.value))); break;
        case Op::checkpoint: wait = trio::checkpoint(); break;
        case Op::sleep_forever: wait = trio::sleep_forever(); break;
        case Op::block: trio::block(seconds_of(eval(f, st.value))); break;
        case Op::raise: raise_stmt(f, st); break;
        case Op::reraise:
          if (f.handling.empty()) raise_type("RuntimeError", "No active exception to reraise");
          throw trio::Error(f.handling.back());
        case Op::start_soon: start_soon(f, st); break;
        case Op::started: started(f, st); break;
        case Op::cancel: scope_of(eval(f, st.value), "cancel").cancel(); break;
        case Op::repeat: {
          const std::int64_t turns = repeat_count(f, st);
          if (depth == kLoops) {
            wait = repeat(f, st, turns);
            break;
          }
          if (turns <= 0) break;
          loops[depth++] = Loop{&st, std::uint32_t(pc), 0, turns};
          body = &st.body;
          pc = 0;
          start_turn(f, st, 0);
          break;
        }
        default: wait = compound(f, st); break;
      }
      if (wait.valid()) co_await std::move(wait);
    }
  }

  void started(Frame& f, const Statement& st) {
    Value v = eval(f, st.value);
    if (f.task_status) f.task_status->started(v);
  }

  // Statements with a body or a call: kept out of block() so that its frame, which every
  // sleeping task keeps alive, stays small.
  Async<void> compound(Frame& f, const Statement& st) {
    switch (st.op) {
      case Op::open_nursery: co_await open_nursery(f, st); break;
      case Op::start: co_await start(f, st); break;
      case Op::call: {
        std::vector<Value> args = eval_args(f, st.args);
        trio::MemoryHold hold(held_by(args));
        co_await call(&function_named(st.function), std::move(args), nullptr, f.depth + 1, std::move(hold));
        break;
      }
      case Op::move_on_after:
      case Op::fail_after:
      case Op::cancel_scope: co_await scope_block(f, st); break;
      case Op::try_: co_await try_stmt(f, st); break;
      default: break;
    }
  }

  std::vector<Value> eval_args(Frame& f, const std::vector<Expr>& args) {
    std::vector<Value> out;
    out.reserve(args.size());
    for (const Expr& a : args) out.push_back(eval(f, a));
    return out;
  }

  std::string label_for(const Statement& st, const std::vector<Value>& args) {
    std::string label = st.task_name ? *st.task_name : trio::call_label(st.function, args);
    count_copy(label.size());
    return label;
  }

  void raise_stmt(Frame& f, const Statement& st) {
    if (st.value.is_var) {
      Value v = lookup(f, st.value.var);
      if (auto e = std::get_if<Exc>(&v); e && *e) trio::raise(*e);
      raise_type("TypeError", "exceptions must derive from BaseException");
    }
    if (st.exc_type == "Cancelled") raise_type("TypeError", "trio.Cancelled has no public constructor");
    // Classes whose constructor takes more than a message refuse `Name("message")` and `Name()`.
    std::string given = std::string(st.message ? "1" : "0") + " given)";
    if (st.exc_type == "ExceptionGroup" || st.exc_type == "BaseExceptionGroup")
      raise_type("TypeError", "BaseExceptionGroup.__new__() takes exactly 2 arguments (" + given);
    if (st.exc_type == "UnicodeEncodeError" || st.exc_type == "UnicodeDecodeError")
      raise_type("TypeError", "function takes exactly 5 arguments (" + given);
    if (st.exc_type == "UnicodeTranslateError") raise_type("TypeError", "function takes exactly 4 arguments (" + given);
    std::vector<Value> args;
    if (st.message) args.push_back(*st.message);
    trio::raise(trio::make_exc(st.exc_type, std::move(args)));
  }

  void start_soon(Frame& f, const Statement& st) {
    auto nursery = nursery_of(lookup(f, st.nursery), st.nursery);
    std::vector<Value> args = eval_args(f, st.args);
    std::string label = label_for(st, args);
    trio::MemoryHold hold(held_by(args));
    const Function& fn = function_named(st.function);
    nursery->start_soon(call(&fn, std::move(args), nullptr, 1, std::move(hold)), std::move(label));
  }

  Async<void> start(Frame& f, const Statement& st) {
    auto nursery = nursery_of(lookup(f, st.nursery), st.nursery);
    std::vector<Value> args = eval_args(f, st.args);
    std::string label = label_for(st, args);
    const Function* fn = &function_named(st.function);
    if (!fn->uses_task_status) {
      // start() calls fn(*args, task_status=...) inside its own nursery before any task
      // exists; a function without that parameter refuses the call right there. The error
      // then leaves that (childless) nursery, whose exit is a schedule point, not a cancel point.
      if (nursery->closed()) raise_type("RuntimeError", "Nursery is closed to new arrivals");
      Exc refused = trio::make_exc("TypeError", fn->name + "() got an unexpected keyword argument 'task_status'");
      co_await trio::cancel_shielded_checkpoint();
      trio::raise(refused);
    }
    // The thunk keeps a copy of the arguments until start() calls it, and the call one more.
    trio::MemoryHold kept(held_by(args));
    auto held = std::make_shared<trio::MemoryHold>(std::move(kept));
    std::function<Async<void>(trio::TaskStatus&)> thunk = [this, fn, args, held](trio::TaskStatus& status) {
      return call(fn, args, &status, 1, trio::MemoryHold(held_by(args)));
    };
    Value v = co_await nursery->start(std::move(thunk), std::move(label));
    if (!st.name.empty()) f.vars[st.name] = v;
  }

  Async<void> open_nursery(Frame& f, const Statement& st) {
    trio::NurseryOptions options;
    options.strict_exception_groups = st.strict_exception_groups;
    options.name = st.name;
    // Not a coroutine itself: one frame fewer for every exception that leaves the body.
    std::function<Async<void>(trio::Nursery&)> body = [this, &f, &st](trio::Nursery& n) {
      f.vars[st.name] = n.shared_from_this();
      return block(f, st.body);
    };
    co_await trio::open_nursery(std::move(body), std::move(options));
  }

  Async<void> scope_block(Frame& f, const Statement& st) {
    trio::CancelScope::Options o;
    if (st.op == Op::cancel_scope) {
      o.shield = st.shield;
    } else {
      double seconds = seconds_of(eval(f, st.value));
      o = st.op == Op::move_on_after ? trio::move_on_after(seconds, st.shield) : trio::fail_after(seconds, st.shield);
    }
    o.name = st.name;
    auto scope = std::make_shared<trio::CancelScope>(o);
    if (!st.name.empty()) f.vars[st.name] = scope;
    std::function<Async<void>()> body = [this, &f, &st]() { return block(f, st.body); };
    co_await trio::with(*scope, std::move(body));
  }

  // range(n): an int, and a bool is one (range(True) runs once).
  std::int64_t repeat_count(Frame& f, const Statement& st) {
    Value n = eval(f, st.value);
    if (auto* b = std::get_if<bool>(&n)) return *b ? 1 : 0;
    if (!std::holds_alternative<std::int64_t>(n))
      raise_type("TypeError", cat("'", trio::type_name(n), "' object cannot be interpreted as an integer"));
    return std::get<std::int64_t>(n);
  }

  void start_turn(Frame& f, const Statement& st, std::int64_t i) {
    trio::count_work(1);  // every turn, so that a loop with an empty body ends too
    if (!st.name.empty()) f.vars[st.name] = i;
  }

  // A loop nested deeper than block()'s own stack of loops: in a frame of its own. Its count
  // was taken by block(), which found it too deep.
  Async<void> repeat(Frame& f, const Statement& st, std::int64_t turns) {
    for (std::int64_t i = 0; i < turns; ++i) {
      start_turn(f, st, i);
      co_await block(f, st.body);
    }
  }

  // ---- [SECTION] try / except / except* --------------------------------------------------

  // Runs one handler body with `caught` bound; returns what the handler raised (null if
  // it finished normally).
  Async<Exc> run_handler(Frame& f, const Handler& h, Exc caught) {
    trio::at(trio::SourceLoc{h.py_line});
    trio::handler_entered(caught);
    if (!h.as.empty()) f.vars[h.as] = caught;
    f.handling.push_back(caught);
    Exc raised;
    try {
      co_await block(f, h.body);
    } catch (const trio::Error& e) {
      raised = e.exc;
    }
    f.handling.pop_back();
    // Python deletes the `as` name when the handler ends (`except E as e` implies `del e`).
    if (!h.as.empty()) f.vars.erase(h.as);
    co_return raised;
  }

  Async<Exc> except_plain(Frame& f, const Statement& st, Exc pending) {
    for (const Handler& h : st.handlers) {
      if (!handler_matches(h, *pending)) continue;
      co_return co_await run_handler(f, h, pending);
    }
    co_return pending;
  }

  // Python 3.11's except*: each clause takes the part of the group it matches; what no
  // clause took, and what a clause re-raised with a bare `raise`, goes on in the original
  // group's shape; anything new a clause raised joins it in a new ExceptionGroup("").
  Async<Exc> except_star(Frame& f, const Statement& st, Exc original) {
    bool naked = !original->is_group();
    Exc rest = naked ? trio::wrap_for_except_star(original) : original;
    std::vector<Exc> raised, reraised;
    for (const Handler& h : st.handlers) {
      // Python checks each clause's types when it reaches the clause, even with nothing
      // left to match, and the TypeError replaces everything in flight.
      if (names_a_group(h)) {
        trio::at(trio::SourceLoc{h.py_line});
        raise_type("TypeError", "catching ExceptionGroup with except* is not allowed. Use except instead.");
      }
      if (!rest) continue;
      auto [match, remaining] =
          trio::split(rest, [&](const trio::PyException& e) { return handler_matches(h, e); });
      rest = remaining;
      if (!match) continue;
      Exc out = co_await run_handler(f, h, match);
      if (!out) continue;
      if (out == match) reraised.push_back(match);
      else raised.push_back(out);
    }
    if (naked) {
      // A bare exception was wrapped for matching; at most one clause ran.
      if (!raised.empty()) co_return raised.front();
      if (!reraised.empty()) co_return reraised.front();
      co_return rest ? original : nullptr;
    }
    std::vector<Exc> keep;
    if (rest) trio::leaves(rest, keep);
    for (const Exc& r : reraised) trio::leaves(r, keep);
    Exc kept;
    if (!keep.empty()) {
      kept = trio::split(original, [&](const trio::PyException& e) {
               for (const Exc& k : keep)
                 if (k.get() == &e) return true;
               return false;
             }).first;
    }
    if (raised.empty()) co_return kept;
    // Python raises a lone exception as it is; only several are grouped.
    if (raised.size() == 1 && !kept) co_return raised.front();
    if (kept) raised.push_back(kept);
    co_return trio::make_group("", std::move(raised));
  }

  Async<void> try_stmt(Frame& f, const Statement& st) {
    Exc pending;
    try {
      co_await block(f, st.body);
    } catch (const trio::Error& e) {
      pending = e.exc;
    }
    if (pending && !st.handlers.empty()) {
      if (st.star) {
        try {
          pending = co_await except_star(f, st, pending);
        } catch (const trio::Error& e) {
          pending = e.exc;  // a clause that names an exception group
        }
      } else {
        pending = co_await except_plain(f, st, pending);
      }
    } else if (!pending && st.else_body) {
      trio::at(trio::SourceLoc{st.else_py_line});
      try {
        co_await block(f, *st.else_body);
      } catch (const trio::Error& e) {
        pending = e.exc;
      }
    }
    if (st.finally_body) {
      trio::at(trio::SourceLoc{st.finally_py_line});
      // While a finally block runs for an exception in flight, that exception is the one
      // being handled: a bare `raise` there re-raises it.
      if (pending) f.handling.push_back(pending);
      Exc in_flight = pending;
      try {
        co_await block(f, *st.finally_body);
      } catch (const trio::Error& e) {
        pending = e.exc;  // an error in `finally` replaces the one in flight
      }
      if (in_flight) f.handling.pop_back();
    }
    if (pending) throw trio::Error(pending);
  }

  const Scenario& sc_;
  const trio::RunLimits limits_;
};

}  // namespace

// ---- [SECTION] run_scenario ----------------------------------------------------------------

trio::RunSettings settings_for(const Scenario& s, const RunOverrides& o) {
  trio::RunSettings rs;
  rs.strict_exception_groups = o.strict_exception_groups.value_or(s.settings.strict_exception_groups);
  std::string scheduling = o.scheduling.value_or(s.settings.scheduling);
  rs.scheduling = scheduling == "random" ? trio::Scheduling::random : trio::Scheduling::fifo;
  rs.seed = o.seed.value_or(s.settings.seed);
  if (o.limits) rs.limits = *o.limits;
  if (o.event_budget) rs.limits.events = *o.event_budget;
  rs.main_label = s.main;
  if (o.transcript_only) rs.keep = trio::RunSettings::Keep::transcript;
  return rs;
}

trio::RunResult run_scenario(const Scenario& s, const RunOverrides& o, trio::ChoiceSource& choices) {
  trio::RunSettings rs = settings_for(s, o);
  Interpreter interp(s, rs.limits);
  rs.choices = &choices;
  return trio::run([&interp] { return interp.main(); }, rs);
}

trio::RunResult run_scenario(const Scenario& s, const RunOverrides& o) {
  if (o.schedule) {
    trio::ParsedSchedule parsed = trio::parse_schedule(*o.schedule);
    // A string that is not a schedule replays nothing: the run is the fifo one.
    trio::ReplayChoices replay(parsed.ok() ? parsed.choices : std::vector<std::uint32_t>{});
    trio::RunResult r = run_scenario(s, o, replay);
    if (!parsed.ok())
      r.schedule_problem = "not a schedule: " + parsed.error + " at character " + std::to_string(parsed.error_at + 1);
    return r;
  }
  trio::RunSettings rs = settings_for(s, o);
  Interpreter interp(s, rs.limits);
  return trio::run([&interp] { return interp.main(); }, rs);
}

}  // namespace trioscope::scenario
