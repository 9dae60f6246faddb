#include "scenario/validate.hpp"

#include <algorithm>
#include <optional>
#include <set>
#include <string_view>
#include <unordered_map>

#include "scenario/from_json.hpp"
#include "scenario/json_positions.hpp"
#include "scenario/python_names.hpp"
#include "scenario/walk.hpp"

namespace trioscope::scenario {

namespace {

std::string dq(const std::string& s) { return "\"" + s + "\""; }

// Pointers are written out only for problems: checking a valid file builds none.
LazyPointer field(const Statement& st, const char* name) { return {st.pos.pointer, name}; }
LazyPointer op_field(const Statement& st) { return field(st, op_key(st.op)); }

struct Binding {
  const std::string* name;
  const std::string* base;  // the pointer of the statement or handler that binds it
  const char* field;        // and the field that names it
  std::string pointer() const { return pointer_append(*base, field); }
};

// What one walk over a function finds: the names it binds (besides its parameters), each
// with where it is bound, and the exception types it raises or catches.
struct FunctionFacts {
  std::vector<Binding> bindings;
  std::set<std::string> exception_types;
};

FunctionFacts gather(const Block& b) {
  FunctionFacts out;
  walk_statements(b, [&](const Statement& st) {
    switch (st.op) {
      case Op::open_nursery:
      case Op::cancel_scope:
        if (!st.name.empty()) out.bindings.push_back({&st.name, &st.pos.pointer, op_key(st.op)});
        break;
      case Op::move_on_after:
      case Op::fail_after:
      case Op::start:
      case Op::repeat:
        if (!st.name.empty()) out.bindings.push_back({&st.name, &st.pos.pointer, "as"});
        break;
      case Op::raise:
        if (!st.exc_type.empty()) out.exception_types.insert(st.exc_type);
        break;
      default: break;
    }
    for (const auto& h : st.handlers) {
      if (!h.as.empty()) out.bindings.push_back({&h.as, &h.pos.pointer, "as"});
      out.exception_types.insert(h.types.begin(), h.types.end());
    }
  });
  return out;
}

const Statement* first_started(const Block& b) {
  const Statement* found = nullptr;
  for_each_statement(b, [&](const Statement& st) {
    if (!found && st.op == Op::started) found = &st;
  });
  return found;
}

class Validator {
 public:
  Validator(const Scenario& s, Problems& p) : s_(s), p_(p) {
    for (const auto& f : s.functions) {
      fn_names_.push_back(f.name);
      by_name_.emplace(f.name, &f);  // the first of a name, as Scenario::find
    }
  }

  void run() {
    std::vector<FunctionFacts> facts;
    facts.reserve(s_.functions.size());
    std::set<std::string> exception_types;
    for (const auto& f : s_.functions) {
      facts.push_back(gather(f.body));
      exception_types.insert(facts.back().exception_types.begin(), facts.back().exception_types.end());
    }
    for (std::size_t i = 0; i < s_.functions.size(); ++i) {
      const Function& f = s_.functions[i];
      if (exception_types.count(f.name))
        p_.at_key(f.pos.pointer, "function " + dq(f.name) +
                                     " has the name of an exception class the program uses; rename it");
      function(f, facts[i]);
    }
    for (const auto& f : s_.functions) {
      if (!f.uses_task_status || started_by_start_.count(f.name)) continue;
      // A Trio program may declare task_status and never call started() (start() then
      // raises RuntimeError, which the run shows); only a started() that does nothing is news.
      const Statement* started = first_started(f.body);
      if (!started) continue;
      p_.warn(field(*started, "started").str(),
              python() ? dq(f.name) + " calls task_status.started(), but no await nursery.start(" + f.name +
                             ", ...) starts it, so started() does nothing here (task_status is "
                             "TASK_STATUS_IGNORED); it only means something in a task begun with nursery.start"
                       : dq(f.name) + " calls started(), but no \"start\" statement starts it, so started() does "
                                      "nothing here (task_status is TASK_STATUS_IGNORED); it only means something in "
                                      "a task begun with {\"start\": \"" + f.name + "\"}");
    }
    if (!s_.main.empty()) {
      const Function* m = find(s_.main);
      if (!m)
        p_.at("/main", "unknown function " + dq(s_.main) + "; expected one of " + join_some(fn_names_) +
                           functions().did_you_mean(s_.main));
      else if (!m->params.empty())
        p_.at("/main", "the main function " + dq(s_.main) +
                           " must take no parameters (trio.run passes none), but it takes " + join(m->params));
    }
  }

 private:
  void function(const Function& f, const FunctionFacts& facts) {
    fn_ = &f;
    known_.reset();
    locals_ = std::set<std::string>(f.params.begin(), f.params.end());
    for (const auto& b : facts.bindings) locals_.insert(*b.name);
    for (const auto& b : facts.bindings)
      if (facts.exception_types.count(*b.name))
        p_.at(b.pointer(), "variable " + dq(*b.name) + " hides the exception class " + *b.name +
                             " that function " + dq(f.name) + " uses; rename the variable");
    block(f.body, false);
  }

  void block(const Block& b, bool in_handler) {
    for (std::size_t i = 0; i < b.size(); ++i) {
      if (i + 1 < b.size()) prefetch(b[i + 1]);
      statement(b[i], in_handler);
      // A bare raise has something to re-raise in an except handler, and in a finally block
      // that runs for an exception in flight.
      const Statement& st = b[i];
      block(st.body, in_handler);
      for (const auto& h : st.handlers) block(h.body, true);
      if (st.else_body) block(*st.else_body, in_handler);
      if (st.finally_body) block(*st.finally_body, true);
    }
  }

  void statement(const Statement& st, bool in_handler) {
    switch (st.op) {
      case Op::print:
        for (const auto& part : st.parts)
          if (part.is_field) use(part.var, op_field(st));
        break;
      case Op::reraise:
        if (!in_handler)
          p_.warn(op_field(st).str(),
                  python() ? "a bare raise outside an except handler or a finally block: Python raises "
                             "RuntimeError('No active exception to reraise') here"
                           : "\"reraise\" (a bare raise) outside an except handler or a finally block: Python raises "
                             "RuntimeError('No active exception to reraise') here");
        break;
      case Op::start_soon:
      case Op::start:
        use(st.nursery, field(st, "nursery"));
        target(st);
        break;
      case Op::call: target(st); break;
      default:
        if (st.value.is_var) use(st.value.var, op_field(st));
        break;
    }
  }

  void target(const Statement& st) {
    for (std::size_t i = 0; i < st.args.size(); ++i)
      if (st.args[i].is_var) use(st.args[i].var, LazyPointer(st.pos.pointer, "args", i));
    if (st.function.empty()) return;  // not a string: already reported
    const Function* callee = find(st.function);
    if (!callee) {
      if (!p_.full())
        p_.at(op_field(st).str(), "unknown function " + dq(st.function) + "; expected one of " + join_some(fn_names_) +
                                      functions().did_you_mean(st.function));
      else
        p_.at("", "");  // counted only
      return;
    }
    if (locals_.count(st.function))
      p_.at(op_field(st).str(), dq(st.function) + " is also a variable in function " + dq(fn_->name) +
                              ", which hides the function " + st.function + " there; rename the variable");
    std::size_t want = callee->params.size(), got = st.args.size();
    if (want != got && !p_.unreadable_args.count(st.pos.pointer)) {
      std::string takes = want == 0 ? "takes no arguments"
                                    : "takes " + std::to_string(want) + (want == 1 ? " argument (" : " arguments (") +
                                          join(callee->params) + ")";
      p_.at(field(st, "args").str(), st.function + "() " + takes + " but " + std::to_string(got) +
                                   (got == 1 ? " was" : " were") + " given");
    }
    if (st.op == Op::start) {
      started_by_start_.insert(st.function);
      if (!callee->uses_task_status)
        p_.warn(op_field(st).str(),
                python() ? dq(st.function) + " has no task_status parameter, so await nursery.start(" + st.function +
                               ") raises TypeError; use nursery.start_soon, or give " + dq(st.function) +
                               " the parameter task_status=trio.TASK_STATUS_IGNORED and call task_status.started()"
                         : dq(st.function) + " never calls {\"started\": ...}, so it has no task_status parameter "
                                             "and nursery.start(" + st.function + ") raises TypeError; use "
                                             "\"start_soon\", or add a started statement to " + dq(st.function));
    }
  }

  void use(const std::string& var, const LazyPointer& pointer) {
    if (var.empty() || locals_.count(var)) return;
    if (p_.full()) {
      p_.at("", "");  // counted only: the message is not worth building
      return;
    }
    // The function's names, listed and searched once however many unknown names it has.
    if (!known_) {
      const std::vector<std::string> sorted(locals_.begin(), locals_.end());
      known_.emplace(sorted);
      expected_ = sorted.empty() ? "function " + dq(fn_->name) + " has no parameters or bound names"
                                 : "expected a parameter or a name bound in " + dq(fn_->name) + ": " + join_some(sorted);
    }
    p_.at(pointer.str(), "unknown variable " + dq(var) + " in function " + dq(fn_->name) + "; " + expected_ +
                             known_->did_you_mean(var));
  }

  // Every function's name, for suggestions (built on the first unknown function).
  const NameSuggester& functions() {
    if (!functions_) functions_.emplace(fn_names_);
    return *functions_;
  }

  // A Python source is told about its mistakes in Python's words, a JSON one in the format's.
  bool python() const { return s_.source == SourceKind::python; }

  const Scenario& s_;
  Problems& p_;
  // Scenario::find, by hash: a program of thousands of functions and calls stays linear.
  const Function* find(const std::string& name) const {
    auto it = by_name_.find(name);
    return it == by_name_.end() ? nullptr : it->second;
  }

  std::vector<std::string> fn_names_;
  std::optional<NameSuggester> functions_;
  std::optional<NameSuggester> known_;  // the current function's names, once asked for
  std::string expected_;                // and the message's list of them
  std::unordered_map<std::string_view, const Function*> by_name_;
  const Function* fn_ = nullptr;
  std::set<std::string> locals_;
  std::set<std::string> started_by_start_;
};

}  // namespace

void validate(const Scenario& s, Problems& problems) { Validator(s, problems).run(); }

}  // namespace trioscope::scenario
