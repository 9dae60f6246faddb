// What the app holds only while it runs: whether it is playing, what the pointer is over,
// the folded lessons overlay, text being typed in a field, files dropped on the window,
// and the requests panels make of the app for the next frame. Nothing here is saved.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace trioscope::gui {

// A key as the window reported it, pressed or repeating. Keys are queued as they arrive
// rather than read as "down this frame", so that a tap shorter than a frame (a presenter's
// clicker, a quick finger) is never lost.
struct KeyPress {
  int key = 0;    // GLFW key code (0: a typed character)
  int mods = 0;   // GLFW_MOD_* bits
  bool repeat = false;
  unsigned codepoint = 0;  // the character typed, in the order it came among the keys
};

struct InputState {
  std::vector<KeyPress> keys;        // since the last frame
  // The code editor has the keyboard (a click in it; Esc or a click elsewhere ends it):
  // keys and characters go to it, in order, instead of to playback.
  bool editor_focused = false;
  bool editor_drawn = false;  // this frame: an editor that is not on screen cannot keep the keyboard
  std::vector<KeyPress> editor_keys;
  bool help = false;                 // the F1 overlay: keys and the legend
  bool playing = false;
  double play_clock = 0;             // seconds accumulated towards the next step
  bool fullscreen = false;           // presentation mode (F11)
  std::int32_t hovered_task = -1;
  bool lessons_over = false;         // narrow window: the lessons shown over the tree
  std::string open_path;             // the lessons panel's "open file" field
  std::uint64_t banner_dismissed = ~0ull;  // the run whose "did not finish" banner was closed
  // What the error banner says about the lesson on screen after a file failed to open.
  std::string error_note = "The lesson on screen is unchanged.";
  std::vector<std::string> dropped;  // paths dropped on the window, opened next frame
  // Lessons a panel asked to open (the lessons list, the open field): opened next frame,
  // after asking about unsaved edits.
  std::vector<std::string> open_requests;
  // The message bar: what just happened to the file ("Saved ...") or went wrong with it.
  struct Message {
    std::string text;
    bool error = false;  // stays until dismissed
    double at = 0;       // when it was said (seconds since start)
  };
  std::optional<Message> message;
  std::optional<std::int32_t> go_to; // a step a panel asked for, taken before the next frame
};

// Requests the frame makes of the window around it (handled between frames).
struct WindowRequests {
  bool toggle_fullscreen = false;
  bool rebuild_fonts = false;
  bool quit = false;
};

}  // namespace trioscope::gui
