// A JSON text read once into a flat document that knows where every value is.
//
// nlohmann::json 3.11 keeps no positions in its DOM, so read_json drives nlohmann's parser
// through the SAX interface and keeps its own document instead: one JsonDoc::Node per value,
// in document order, holding the value (strings in one shared buffer), the byte where it
// starts, where its key starts, and how far its contents reach. Nothing else is stored per
// value: no pointer strings, no line numbers. A JSON pointer is resolved only when something
// needs its place (JsonDoc::locate), and an offset becomes line:column only when shown
// (LineIndex). The SAX callbacks carry no position, so the parser is fed an iterator that
// publishes how many bytes it has consumed.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace trioscope::scenario {

// Containers ({} and []) nested deeper than this are refused while reading, so a hostile
// file cannot exhaust the stack. A valid scenario at the block limit (kMaxNestingDepth)
// needs about 3 levels per block, well below this.
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
std::string pointer_append(const std::string& parent, std::string_view key);
std::string pointer_append(const std::string& parent, std::size_t index);

struct JsonLoc {
  std::size_t value = 0;  // first byte of the value
  std::size_t key = 0;    // opening quote of its key (== value for array elements and the root)
};

// nlohmann's value types, of which read_json produces all but binary. Positive integers are
// unsigned_integer, negative ones integer, as nlohmann reads them.
enum class JsonType : std::uint8_t { null, boolean, integer, unsigned_integer, floating, string, array, object };

class JsonDoc;
class JsonElementIterator;
class JsonMemberIterator;
template <class It>
struct JsonRange;

// One value of a JsonDoc: a small handle, valid while the document lives. It answers what
// the scenario reader asks of nlohmann::json, under the same names where there is one.
// An object with a repeated key reads as json::parse makes it: the key once, in the place
// it first appeared, with the value it was given last.
class JsonValue {
 public:
  JsonValue(const JsonDoc& doc, std::uint32_t index) : doc_(&doc), i_(index) {}

  JsonLoc loc() const;
  JsonType type() const;
  bool is_null() const { return type() == JsonType::null; }
  bool is_boolean() const { return type() == JsonType::boolean; }
  bool is_string() const { return type() == JsonType::string; }
  bool is_array() const { return type() == JsonType::array; }
  bool is_object() const { return type() == JsonType::object; }
  bool is_number() const { return is_number_integer() || type() == JsonType::floating; }
  bool is_number_integer() const { return type() == JsonType::integer || is_number_unsigned(); }
  bool is_number_unsigned() const { return type() == JsonType::unsigned_integer; }

  // The value, converted as nlohmann's get<T>() converts it. Only for the matching types.
  bool get_bool() const;
  std::int64_t get_int() const;    // integers (an unsigned one above INT64_MAX wraps)
  std::uint64_t get_uint() const;  // integers
  double get_double() const;       // any number
  std::string_view str() const;    // strings ("" for any other value)

  // Elements of an array, members (with distinct keys) of an object; 0 for null, 1 for
  // other scalars, as nlohmann's size().
  std::size_t size() const;
  bool empty() const { return size() == 0; }
  // Objects: the member called `key`, if there is one.
  std::optional<JsonValue> find(std::string_view key) const;
  bool contains(std::string_view key) const { return find(key).has_value(); }
  JsonValue operator[](std::string_view key) const { return *find(key); }  // must be there

  // The text json::dump() writes for this value; for messages.
  std::string dump() const;

  // `for (JsonValue e : v.elements())` over an array, `for (auto [key, value] : v.items())`
  // over an object.
  JsonRange<JsonElementIterator> elements() const;
  JsonRange<JsonMemberIterator> items() const;

 private:
  friend class JsonDoc;
  friend class JsonIterator;
  template <class It>
  friend struct JsonRange;
  std::uint32_t first_child() const { return i_ + 1; }
  std::uint32_t past_children() const;
  const JsonDoc* doc_;
  std::uint32_t i_;
};

struct JsonMember {
  std::string_view key;
  JsonValue value;
};

// Steps through the values directly inside a container.
class JsonIterator {
 public:
  JsonIterator(JsonValue container, std::uint32_t at) : c_(container), at_(at) {}
  JsonValue value() const;
  std::string_view key() const;  // objects
  JsonIterator& operator++();
  bool operator!=(const JsonIterator& o) const { return at_ != o.at_; }
  bool operator==(const JsonIterator& o) const { return at_ == o.at_; }

 private:
  JsonValue c_;
  std::uint32_t at_;
};

class JsonElementIterator : public JsonIterator {
 public:
  using JsonIterator::JsonIterator;
  JsonValue operator*() const { return value(); }
};

class JsonMemberIterator : public JsonIterator {
 public:
  using JsonIterator::JsonIterator;
  JsonMember operator*() const { return {key(), value()}; }
};

template <class It>
struct JsonRange {
  It begin() const { return It(container, container.first_child()); }
  It end() const { return It(container, container.past_children()); }
  JsonValue container;
};

inline JsonRange<JsonElementIterator> JsonValue::elements() const { return {*this}; }
inline JsonRange<JsonMemberIterator> JsonValue::items() const { return {*this}; }

class JsonDoc {
 public:
  struct Node {
    JsonType type = JsonType::null;
    bool repeated_keys = false;  // objects: some key appears more than once
    bool repeat = false;         // members: an earlier member has the same key
    std::uint32_t value = 0;     // offsets into the text (files are at most 16 MiB)
    std::uint32_t key = 0;
    std::uint32_t end = 0;       // index just past the values this one contains
    std::uint32_t key_at = 0, key_len = 0;  // members: the decoded key, in strings_
    union {
      bool boolean;
      std::int64_t integer;
      std::uint64_t unsigned_integer;
      double floating;
      struct {
        std::uint32_t at, len;  // in strings_
      } string;
      std::uint32_t count;  // containers: elements, or members with distinct keys
    };
    Node() : integer(0) {}
  };

  JsonDoc() = default;
  bool empty() const { return nodes_.empty(); }
  JsonValue root() const { return {*this, 0}; }
  const Node& node(std::uint32_t i) const { return nodes_[i]; }
  std::string_view string_at(std::uint32_t at, std::uint32_t len) const { return {strings_.data() + at, len}; }
  std::string_view key_of(std::uint32_t i) const { return string_at(nodes_[i].key_at, nodes_[i].key_len); }

  // Members with repeated keys: the last member with the key of member `i` (the value
  // json::parse keeps), or `i` itself.
  std::uint32_t kept(std::uint32_t i) const;

  // Where the value at an RFC 6901 pointer is. With repeated keys the text has several
  // values with one pointer; this is the last of them, the one json::parse keeps.
  std::optional<JsonLoc> locate(std::string_view pointer) const;

 private:
  friend class JsonReader;
  // The children of a container that pointers go through often enough to deserve an index:
  // a file with thousands of problems in one object or array must not take quadratic time.
  struct Children {
    std::vector<std::uint32_t> in_order;
    std::unordered_map<std::string_view, std::vector<std::uint32_t>> by_key;  // in order
  };
  const Children& children(std::uint32_t i) const;
  std::optional<std::uint32_t> find(std::uint32_t i, std::string_view rest) const;

  std::vector<Node> nodes_;
  std::string strings_;  // every string and key, decoded, one after another
  std::unordered_map<std::uint32_t, std::uint32_t> kept_;  // first member of a repeated key -> last
  mutable std::unordered_map<std::uint32_t, Children> children_;  // built on demand by locate
};

// Problems past this many are counted, not kept (see problems.hpp).
inline constexpr std::size_t kMaxKeptProblems = 2000;

struct JsonProblem {
  std::size_t offset = 0;
  std::string pointer;  // "" when the problem is a syntax error
  std::string message;
  bool fatal = false;  // syntax error or too deep: reading stopped there
};

struct ReadJson {
  // Syntax (one error, then it stops), containers nested deeper than max_depth (stops),
  // repeated object keys and integers too large for 64 bits (all of them). A problem with
  // an empty pointer is a syntax error.
  std::vector<JsonProblem> problems;
  std::size_t dropped = 0;  // problems past kMaxKeptProblems, counted only
  bool fatal = false;  // the document is incomplete: nothing more to check
  JsonDoc doc;
};

ReadJson read_json(std::string_view text, int max_depth = kMaxJsonDepth);

// ---- small accessors, inline: the scenario reader calls them for every value ------------

inline JsonLoc JsonValue::loc() const { return {doc_->node(i_).value, doc_->node(i_).key}; }
inline JsonType JsonValue::type() const { return doc_->node(i_).type; }
inline std::uint32_t JsonValue::past_children() const { return doc_->node(i_).end; }
inline bool JsonValue::get_bool() const { return doc_->node(i_).boolean; }

inline std::string_view JsonValue::str() const {
  const auto& n = doc_->node(i_);
  return n.type == JsonType::string ? doc_->string_at(n.string.at, n.string.len) : std::string_view();
}

inline std::size_t JsonValue::size() const {
  const auto& n = doc_->node(i_);
  switch (n.type) {
    case JsonType::null: return 0;
    case JsonType::array:
    case JsonType::object: return n.count;
    default: return 1;
  }
}

inline std::optional<JsonValue> JsonValue::find(std::string_view key) const {
  if (!is_object()) return std::nullopt;
  std::optional<JsonValue> found;  // the last one: a repeated key keeps its last value
  for (std::uint32_t c = first_child(); c < past_children(); c = doc_->node(c).end)
    if (doc_->key_of(c) == key) found = JsonValue(*doc_, c);
  return found;
}

}  // namespace trioscope::scenario
