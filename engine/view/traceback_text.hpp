// An exception as Python 3.11 prints it when it ends a program: the traceback's last lines
// ("ValueError: Oops, I tripped!"), and for an exception group the tree of its members
// that Python draws:
//
//     | ExceptionGroup: Exceptions from Trio nursery (2 sub-exceptions)
//     +-+---------------- 1 ----------------
//       | ValueError: a
//       +---------------- 2 ----------------
//       | KeyError: 'b'
//       +------------------------------------
//
// The stack frames are left out (the listing and the timeline show where it happened);
// everything else follows traceback.TracebackException.format(): class names qualified
// by module as Python does (trio.Cancelled; builtins and the program's own classes bare),
// a group's notes, at most 15 members shown per group and 10 groups deep.
#pragma once

#include <string>
#include <vector>

#include "core/exception.hpp"

namespace trioscope::view {

std::vector<std::string> python_traceback_lines(const trio::PyException& e);

}  // namespace trioscope::view
