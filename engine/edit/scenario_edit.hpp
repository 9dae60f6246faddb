// Edits of the scenario itself, for the app's forms and drags: change a sleep's duration,
// an exception, a shield, a deadline, a repeat count, a task's arguments or name; add a
// child to a nursery; add, delete or move a statement. Each takes the scenario and
// returns the edited copy (or why not), which the app writes out as the file's new text
// (file_text: JSON as trioscope saves it, or the Python listed again) and reads back, so
// that the form, the Python view and the JSON view can never disagree.
//
// A statement is found by where it is (StatementPlace), and from the run by its line:
// the trace's events carry the py_line of their statement.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/trace.hpp"
#include "scenario/ast.hpp"

namespace trioscope::edit {

// A statement's place: its function, then for each level the block (0: the body, 1 + h:
// handler h's body, kElse, kFinally) and the index in it. The first level's block is 0.
struct StatementPlace {
  static constexpr std::uint8_t kElse = 0xFE, kFinally = 0xFF;
  struct Level {
    std::uint8_t block = 0;
    std::uint32_t index = 0;
    bool operator==(const Level&) const = default;
  };
  std::string function;
  std::vector<Level> levels;
  bool operator==(const StatementPlace&) const = default;
};

// The statement whose line (py_line) is `line`, the innermost when blocks share it.
std::optional<StatementPlace> statement_at_line(const scenario::Scenario& s, std::uint32_t line);
const scenario::Statement* find_statement(const scenario::Scenario& s, const StatementPlace& p);
scenario::Statement* find_statement(scenario::Scenario& s, const StatementPlace& p);
// The statements around a place: the enclosing statements, outermost first.
std::vector<const scenario::Statement*> enclosing(const scenario::Scenario& s, const StatementPlace& p);

// The file's text for a scenario: `kind` json writes it as trioscope saves JSON, python
// lists the program.
std::string file_text(const scenario::Scenario& s, scenario::SourceKind kind);

// ---- edits -------------------------------------------------------------------------------

struct Edited {
  std::optional<scenario::Scenario> scenario;
  std::string error;  // why not, in words for the form
  bool ok() const { return scenario.has_value(); }
};

// The number of a sleep, time.sleep, move_on_after, fail_after or repeat.
Edited set_number(const scenario::Scenario& s, const StatementPlace& p, double value);
Edited set_shield(const scenario::Scenario& s, const StatementPlace& p, bool shield);
// A raise: the exception type and its message (none: `raise ValueError`).
Edited set_raise(const scenario::Scenario& s, const StatementPlace& p, const std::string& type,
                 const std::optional<std::string>& message);
// A print's text, as an f-string's body ("{name} woke up").
Edited set_print(const scenario::Scenario& s, const StatementPlace& p, const std::string& text);
// The literal argument `index` of a start_soon / start / call (a number, a string, True,
// False or None, as the form typed it).
Edited set_argument(const scenario::Scenario& s, const StatementPlace& p, std::size_t index, const trio::Value& value);
// The task's name of a start_soon / start (empty: none, the label comes from the call).
Edited set_task_name(const scenario::Scenario& s, const StatementPlace& p, const std::string& name);
// A new start_soon at the end of the nursery's body (`nursery`: an open_nursery statement),
// of `function` with literal arguments (zeros and "?" for its parameters when left out).
Edited add_child(const scenario::Scenario& s, const StatementPlace& nursery, const std::string& function,
                 std::vector<trio::Value> args = {});
// A statement of a kind after `p` (or as the first of its block with `first_in`), with
// values a teacher then changes: print, sleep, checkpoint, raise, time.sleep, a
// move_on_after / fail_after / cancel scope block, a try with an except.
enum class NewStatement : std::uint8_t { print, sleep, checkpoint, raise, blocking_sleep, move_on_after, fail_after,
                                         cancel_scope, try_except };
Edited add_statement(const scenario::Scenario& s, const StatementPlace& after, NewStatement kind);
Edited delete_statement(const scenario::Scenario& s, const StatementPlace& p);
// Up (-1) or down (+1) within its block.
Edited move_statement(const scenario::Scenario& s, const StatementPlace& p, int delta);

// ---- where a task's sleep comes from ------------------------------------------------------

// What a drag of task `task`'s sleep (the statement at `sleep`) changes: the sleep's own
// literal, or the literal its task was started with for the parameter the sleep uses.
struct DurationSite {
  StatementPlace statement;    // the statement that holds the literal
  int argument = -1;           // -1: the statement's own value; else the argument's index
  double seconds = 0;          // its value now
};
struct DurationSource {
  std::optional<DurationSite> site;
  std::string why_not;  // when there is no literal to change ("the time comes from a loop variable")
};
DurationSource duration_source(const scenario::Scenario& s, const trio::Trace& t, std::int32_t task,
                               const StatementPlace& sleep);
// The edit a DurationSource's site gets for `seconds`.
Edited set_duration(const scenario::Scenario& s, const DurationSite& site, double seconds);

// The statement that started `task` (its start_soon or start), from the trace.
std::optional<StatementPlace> spawn_statement(const scenario::Scenario& s, const trio::Trace& t, std::int32_t task);

}  // namespace trioscope::edit
