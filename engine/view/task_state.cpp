#include "view/task_state.hpp"

#include <cmath>
#include <cstdio>

namespace trioscope::view {

ColorRole color_role(DisplayState s) {
  switch (s) {
    case DisplayState::absent: return ColorRole::absent;
    case DisplayState::runnable: return ColorRole::runnable;
    case DisplayState::running: return ColorRole::running;
    case DisplayState::sleeping: return ColorRole::sleeping;
    case DisplayState::blocking: return ColorRole::blocking;
    case DisplayState::waiting_children: return ColorRole::waiting;
    case DisplayState::waiting_start: return ColorRole::waiting;
    case DisplayState::cancel_pending: return ColorRole::cancel_pending;
    case DisplayState::raising: return ColorRole::raising;
    case DisplayState::handling: return ColorRole::handling;
    case DisplayState::finished: return ColorRole::finished;
    case DisplayState::crashed: return ColorRole::crashed;
    case DisplayState::cancelled: return ColorRole::cancelled;
  }
  return ColorRole::absent;
}

const char* state_word(DisplayState s) {
  switch (s) {
    case DisplayState::absent: return "not started";
    case DisplayState::runnable: return "runnable";
    case DisplayState::running: return "running";
    case DisplayState::sleeping: return "sleeping";
    case DisplayState::blocking: return "blocking the loop";
    case DisplayState::waiting_children: return "waiting for children";
    case DisplayState::waiting_start: return "waiting in start()";
    case DisplayState::cancel_pending: return "cancel pending";
    case DisplayState::raising: return "raising";
    case DisplayState::handling: return "handling";
    case DisplayState::finished: return "finished";
    case DisplayState::crashed: return "crashed";
    case DisplayState::cancelled: return "cancelled";
  }
  return "?";
}

const char* state_icon(DisplayState s) {
  switch (s) {
    case DisplayState::absent: return "\xC2\xB7";                // · U+00B7
    case DisplayState::runnable: return "\xE2\x96\xB7";          // ▷ U+25B7
    case DisplayState::running: return "\xE2\x96\xB6";           // ▶ U+25B6
    case DisplayState::sleeping: return "\xE2\x98\xBE";          // ☾ U+263E
    case DisplayState::blocking: return "\xE2\x96\xA0";          // ■ U+25A0
    case DisplayState::waiting_children: return "\xE2\x97\xB7";  // ◷ U+25F7
    case DisplayState::waiting_start: return "\xE2\x97\xB7";     // ◷ U+25F7
    case DisplayState::cancel_pending: return "\xE2\x8A\x98";    // ⊘ U+2298
    case DisplayState::raising: return "\xE2\x86\xAF";           // ↯ U+21AF
    case DisplayState::handling: return "\xE2\x86\xB3";          // ↳ U+21B3 (caught here)
    case DisplayState::finished: return "\xE2\x9C\x93";          // ✓ U+2713
    case DisplayState::crashed: return "\xE2\x9C\x97";           // ✗ U+2717
    case DisplayState::cancelled: return "\xE2\x8A\x97";         // ⊗ U+2297
  }
  return "?";
}

bool is_terminal(DisplayState s) {
  return s == DisplayState::finished || s == DisplayState::crashed ||
         s == DisplayState::cancelled;
}

std::string format_seconds(double seconds) {
  if (std::isinf(seconds)) return seconds > 0 ? "forever" : "-forever";
  if (std::isnan(seconds)) return "nan";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.6f", seconds);
  std::string s = buf;
  // Keep one decimal so that whole seconds still read as times ("3.0", as Python prints).
  while (s.size() > 2 && s.back() == '0' && s[s.size() - 2] != '.') s.pop_back();
  if (s == "-0.0") s = "0.0";
  return s;
}

}  // namespace trioscope::view
