// The block structure of the Python listing, read from its indentation: which lines belong
// to the block that a header line (`except ValueError as e:`, `with ...:`) opens.
//
// The trace says when a task enters an except block (handler_entered) but not when it
// leaves it; the listing's indentation tells that: the task has left once its current line
// is outside the handler's lines.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace trioscope::view {

class SourceBlocks {
 public:
  SourceBlocks() = default;
  explicit SourceBlocks(std::string_view python_text);

  // The last line of the block opened by `line` (1-based); `line` itself when it opens no
  // block or is out of range.
  std::uint32_t block_end(std::uint32_t line) const;
  bool inside(std::uint32_t header, std::uint32_t line) const {
    return line >= header && line <= block_end(header);
  }
  std::uint32_t line_count() const { return static_cast<std::uint32_t>(end_.size()); }
  // Inside a `finally:` block: code that runs while an exception may be on its way out.
  bool in_finally(std::uint32_t line) const;
  // The statement on `line`, without its indentation ("" when out of range).
  std::string_view statement(std::uint32_t line) const;
  // The `except` / `except*` header lines of the try statements whose body holds `line`,
  // innermost try first, in the order Python tries them: the handlers an exception raised
  // at `line` meets on its way out of its function. A line inside an except, else or
  // finally block is not in its try's body, so that try's handlers are not listed.
  std::vector<std::uint32_t> handlers_around(std::uint32_t line) const;

 private:
  std::vector<std::uint32_t> end_;     // end_[line - 1]
  std::vector<std::uint32_t> parent_;  // the header line of the block a line is in (0: none)
  std::vector<char> finally_;          // the line is a `finally:` header
  std::vector<char> blank_;            // blank or a comment
  std::vector<int> indent_;
  std::vector<std::string> text_;      // each line, stripped
};

}  // namespace trioscope::view
