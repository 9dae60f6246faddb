// Where things are in a JSON text: byte offsets for JSON pointers, and offsets -> line:column.
//
// nlohmann::json 3.11 keeps no positions in its DOM, so the loader reads the text twice
// with the SAX interface: once to check syntax, depth and duplicate keys (scan_json), and,
// after validation, once more to find the offsets of exactly the pointers that statements
// and diagnostics refer to (locate_pointers). The SAX callbacks carry no position, so the
// parser is fed an iterator that publishes how many bytes it has consumed.
#pragma once

#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace trioscope::scenario {

// Containers ({} and []) nested deeper than this are refused before any DOM is built, so a
// hostile file cannot make the pointer bookkeeping quadratic. A valid scenario at the block
// limit (kMaxNestingDepth) needs about 3 levels per block, well below this.
inline constexpr int kMaxJsonDepth = 256;

// 1-based line and byte column of offsets in one text.
class LineIndex {
 public:
  explicit LineIndex(std::string_view text);
  // Offsets past the end map to the position just after the last byte.
  std::pair<std::uint32_t, std::uint32_t> line_col(std::size_t offset) const;

 private:
  std::vector<std::size_t> line_starts_;
};

// RFC 6901: "~" -> "~0", "/" -> "~1".
std::string pointer_escape(std::string_view key);
std::string pointer_append(const std::string& parent, std::string_view key);
std::string pointer_append(const std::string& parent, std::size_t index);

struct JsonProblem {
  std::size_t offset = 0;
  std::string pointer;  // "" when the problem is a syntax error
  std::string message;
  bool fatal = false;  // syntax error or too deep: the scan stopped there
};

// Syntax (one error, then it stops), containers nested deeper than max_depth (stops),
// duplicate object keys and integers too large for 64 bits (all of them). A problem with an
// empty pointer is a syntax error; with no problems, the text parses as JSON.
std::vector<JsonProblem> scan_json(std::string_view text, int max_depth = kMaxJsonDepth);

struct JsonLoc {
  static constexpr std::size_t npos = std::size_t(-1);
  std::size_t value = npos;  // first byte of the value
  std::size_t key = npos;    // opening quote of its key (== value for array elements and the root)
};

// Offsets of the wanted pointers that exist in the text (which must be valid JSON).
std::unordered_map<std::string, JsonLoc> locate_pointers(std::string_view text,
                                                          const std::set<std::string>& wanted);

}  // namespace trioscope::scenario
