// An except clause as the listing spells it, and what it does with an exception: the
// captions use it to say why a handler did not catch what went past it ("except ValueError
// does not match an ExceptionGroup; except* ValueError would").
//
// The trace says which handler ran (handler_entered); it never says which ones an
// exception went past. Those come from the listing (SourceBlocks::handlers_around) and
// Python's matching rules, applied here to the clause's class names.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/exception.hpp"

namespace trioscope::view {

struct ExceptClause {
  bool star = false;               // except*
  std::vector<std::string> types;  // as written, "trio." dropped; empty: a bare `except:`
  std::string text;                // "except ValueError", without `as e` and the colon
};

// Reads "except ValueError as e:", "except* (KeyError, ValueError) as eg:", "except:".
// False when the statement is not an except clause.
bool parse_except(std::string_view statement, ExceptClause& out);

enum class ClauseMatch {
  catches,       // the clause matches the exception (a plain except, or except* on a bare one)
  catches_part,  // except*: some of the group's exceptions match, the rest goes on
  misses,
};
ClauseMatch match(const ExceptClause& clause, const trio::PyException& exc);

// One sentence on why `exc` went past `clause` (which misses it), naming the clause as
// the listing spells it and, when a plain except clause misses a group that holds what it
// names, the except* clause that would catch it.
std::string why_missed(const ExceptClause& clause, const trio::PyException& exc, const std::string& exc_name);

}  // namespace trioscope::view
