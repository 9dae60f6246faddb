// What the lints need to know about a program before it runs: which statements can reach a
// checkpoint (where Trio switches tasks and delivers Cancelled), which always do, which
// block the whole loop (time.sleep), and from where each function is called.
//
// "May" and "always" are both needed: a timeout with no statement that may checkpoint can
// never cancel anything (ASYNC100), while a loop counts as cooperative only when every turn
// surely reaches one. Functions call each other, so both are computed to a fixed point.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "scenario/ast.hpp"

namespace trioscope::teach {

struct ProgramFacts {
  // function name -> its body may reach a checkpoint / surely reaches one / may block
  std::map<std::string, bool> may_checkpoint, always_checkpoints, may_block;
  // function name -> the `call` statements (awaits) of it, and whether some task starts it
  std::map<std::string, std::vector<const scenario::Statement*>> calls;
  std::map<std::string, bool> started_as_task;
  // statement -> the block it sits in directly, and the statement that owns that block
  // (null for a function's body)
  std::map<const scenario::Statement*, const scenario::Block*> block_of;
  std::map<const scenario::Statement*, const scenario::Statement*> parent_of;
  std::map<const scenario::Statement*, const scenario::Function*> function_of;
};

ProgramFacts program_facts(const scenario::Scenario& s);

bool may_checkpoint(const ProgramFacts& f, const scenario::Statement& st);
bool may_checkpoint(const ProgramFacts& f, const scenario::Block& b);
bool always_checkpoints(const ProgramFacts& f, const scenario::Block& b);
bool may_block(const ProgramFacts& f, const scenario::Block& b);
// An `await` of any kind: where a cancelled task gets Cancelled at once.
bool awaits(const scenario::Statement& st);

// How the program spells a value or an await, for messages: "10", "sleep_time",
// "await trio.sleep(5)".
std::string expr_text(const scenario::Expr& e);
std::string await_text(const scenario::Statement& st);
// The first statement shown on `py_line` (null: none).
const scenario::Statement* statement_on_line(const scenario::Scenario& s, std::uint32_t py_line);

// The last line of the Python text a statement spans (its block's last line for a block).
std::uint32_t last_line(const scenario::Statement& st);

}  // namespace trioscope::teach
