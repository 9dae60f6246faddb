// Walking every statement of a scenario, as fast as memory allows.
//
// A Statement is over 500 bytes and a large scenario has hundreds of thousands of them, far
// more than the caches hold, so a plain walk spends most of its time waiting for memory.
// Asking for the next statement while this one (and everything inside it) is handled hides
// most of that wait. The loader walks every scenario several times (validation, the Python
// listing), so this is where a 5 MB file's load time goes.
#pragma once

#include <cstddef>

#include "scenario/ast.hpp"

namespace trioscope::scenario {

// A hint only: it changes no value, and on compilers without it does nothing.
inline void prefetch(const Statement& st) {
#if defined(__GNUC__)
  const char* p = reinterpret_cast<const char*>(&st);
  for (std::size_t offset = 0; offset < sizeof(Statement); offset += 64) __builtin_prefetch(p + offset);
#else
  (void)st;
#endif
}

// Like for_each_statement: f(statement) for every statement in `b` and below it, each
// before the ones inside it.
template <class B, class F>
void walk_statements(B& b, F&& f) {
  for (std::size_t i = 0; i < b.size(); ++i) {
    if (i + 1 < b.size()) prefetch(b[i + 1]);
    f(b[i]);
    for_each_child_block(b[i], [&](auto& inner, bool) { walk_statements(inner, f); });
  }
}

}  // namespace trioscope::scenario
