// [SECTION] Lines and pointers
// [SECTION] Values
// [SECTION] Finding pointers
// [SECTION] Reading
#include "scenario/json_positions.hpp"

#include <algorithm>
#include <charconv>
#include <cstring>
#include <iterator>

#include <nlohmann/json.hpp>

namespace trioscope::scenario {

// ---- [SECTION] Lines and pointers ----------------------------------------------------------

LineIndex::LineIndex(std::string_view text) {
  line_starts_.push_back(0);
  const char* b = text.data();
  const char* e = b + text.size();
  for (const char* p = b; (p = static_cast<const char*>(std::memchr(p, '\n', std::size_t(e - p))));)
    line_starts_.push_back(std::size_t(++p - b));
}

std::pair<std::uint32_t, std::uint32_t> LineIndex::line_col(std::size_t offset) const {
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  std::size_t line = std::size_t(it - line_starts_.begin());  // >= 1: line_starts_[0] == 0
  return {std::uint32_t(line), std::uint32_t(offset - line_starts_[line - 1] + 1)};
}

std::string pointer_append(const std::string& parent, std::string_view key) {
  std::string out;
  out.reserve(parent.size() + 1 + key.size());
  out += parent;
  out += '/';
  for (char c : key) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

std::string pointer_append(const std::string& parent, std::size_t index) {
  char digits[24];
  char* end = std::to_chars(digits, digits + sizeof digits, index).ptr;
  std::string out;
  out.reserve(parent.size() + 1 + std::size_t(end - digits));
  out += parent;
  out += '/';
  out.append(digits, end);
  return out;
}

// ---- [SECTION] Values ----------------------------------------------------------------------

std::int64_t JsonValue::get_int() const {
  const auto& n = doc_->node(i_);
  switch (n.type) {
    case JsonType::integer: return n.integer;
    case JsonType::unsigned_integer: return static_cast<std::int64_t>(n.unsigned_integer);
    case JsonType::floating: return static_cast<std::int64_t>(n.floating);
    default: return 0;
  }
}

std::uint64_t JsonValue::get_uint() const {
  const auto& n = doc_->node(i_);
  switch (n.type) {
    case JsonType::integer: return static_cast<std::uint64_t>(n.integer);
    case JsonType::unsigned_integer: return n.unsigned_integer;
    case JsonType::floating: return static_cast<std::uint64_t>(n.floating);
    default: return 0;
  }
}

double JsonValue::get_double() const {
  const auto& n = doc_->node(i_);
  switch (n.type) {
    case JsonType::integer: return static_cast<double>(n.integer);
    case JsonType::unsigned_integer: return static_cast<double>(n.unsigned_integer);
    case JsonType::floating: return n.floating;
    default: return 0;
  }
}

namespace {

// nlohmann's parse messages, minus what means nothing to someone writing a scenario: the
// "[json.exception...]" tag, the position (we give our own) and the "last read" echo. A
// value followed by another without a comma gets a hint, the most common slip.
std::string friendly_parse_message(std::string what) {
  if (what.rfind("[json.exception.", 0) == 0) {
    auto close = what.find("] ");
    if (close != std::string::npos) what.erase(0, close + 2);
  }
  auto col = what.find("column ");
  auto colon = col == std::string::npos ? std::string::npos : what.find(": ", col);
  if (colon != std::string::npos) what.erase(0, colon + 2);
  auto last = what.find("; last read: ");
  std::string before = what.substr(0, last);
  std::string after;
  if (last != std::string::npos) {
    auto semi = what.find("; ", last + 2);
    if (semi != std::string::npos) after = what.substr(semi);
  }
  what = before + after;
  bool separator = what.find("expected '}'") != std::string::npos || what.find("expected ']'") != std::string::npos;
  bool value_next = what.find("unexpected string literal") != std::string::npos ||
                    what.find("unexpected '{'") != std::string::npos ||
                    what.find("unexpected '['") != std::string::npos ||
                    what.find("unexpected number literal") != std::string::npos;
  if (separator && value_next) what += " (is a ',' missing before this?)";
  return what;
}

}  // namespace

namespace {

nlohmann::ordered_json to_nlohmann(JsonValue v) {
  switch (v.type()) {
    case JsonType::null: return nullptr;
    case JsonType::boolean: return v.get_bool();
    case JsonType::integer: return v.get_int();
    case JsonType::unsigned_integer: return v.get_uint();
    case JsonType::floating: return v.get_double();
    case JsonType::string: return std::string(v.str());
    case JsonType::array: {
      auto out = nlohmann::ordered_json::array();
      for (JsonValue e : v.elements()) out.push_back(to_nlohmann(e));
      return out;
    }
    case JsonType::object: {
      auto out = nlohmann::ordered_json::object();
      for (auto [k, e] : v.items()) out[std::string(k)] = to_nlohmann(e);
      return out;
    }
  }
  return nullptr;
}

}  // namespace

std::string JsonValue::dump() const { return to_nlohmann(*this).dump(); }

JsonValue JsonIterator::value() const {
  const JsonDoc& d = *c_.doc_;
  return {d, d.node(c_.i_).repeated_keys ? d.kept(at_) : at_};
}

std::string_view JsonIterator::key() const { return c_.doc_->key_of(at_); }

JsonIterator& JsonIterator::operator++() {
  const JsonDoc& d = *c_.doc_;
  // A repeated key shows once, where it first appeared.
  do at_ = d.node(at_).end;
  while (at_ < c_.past_children() && d.node(at_).repeat);
  return *this;
}

std::uint32_t JsonDoc::kept(std::uint32_t i) const {
  auto it = kept_.find(i);
  return it == kept_.end() ? i : it->second;
}

// ---- [SECTION] Finding pointers ------------------------------------------------------------

namespace {

// RFC 6901 array index: "0" or digits without a leading zero.
std::optional<std::size_t> array_index(std::string_view token) {
  if (token.empty() || token.size() > 9 || (token.size() > 1 && token[0] == '0')) return std::nullopt;
  std::size_t n = 0;
  for (char c : token) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + std::size_t(c - '0');
  }
  return n;
}

// RFC 6901: "~1" -> "/", "~0" -> "~"; nothing for a '~' followed by anything else, which no
// key can be escaped to.
std::optional<std::string> pointer_unescape(std::string_view token) {
  std::string out;
  for (std::size_t i = 0; i < token.size(); ++i) {
    if (token[i] != '~') {
      out += token[i];
      continue;
    }
    if (i + 1 >= token.size() || (token[i + 1] != '0' && token[i + 1] != '1')) return std::nullopt;
    out += token[++i] == '0' ? '~' : '/';
  }
  return out;
}

}  // namespace

const JsonDoc::Children& JsonDoc::children(std::uint32_t i) const {
  auto [it, added] = children_.try_emplace(i);
  if (added)
    for (std::uint32_t c = i + 1; c < nodes_[i].end; c = nodes_[c].end) {
      it->second.in_order.push_back(c);
      if (nodes_[i].type == JsonType::object) it->second.by_key[key_of(c)].push_back(c);
    }
  return it->second;
}

std::optional<std::uint32_t> JsonDoc::find(std::uint32_t i, std::string_view rest) const {
  if (rest.empty()) return i;
  std::size_t slash = rest.find('/', 1);
  std::string_view token = rest.substr(1, slash == std::string_view::npos ? slash : slash - 1);
  std::string_view tail = slash == std::string_view::npos ? std::string_view() : rest.substr(slash);
  const Node& n = nodes_[i];
  if (n.type == JsonType::array) {
    auto k = array_index(token);
    if (!k || *k >= n.count) return std::nullopt;
    return find(children(i).in_order[*k], tail);
  }
  if (n.type != JsonType::object) return std::nullopt;
  auto key = pointer_unescape(token);
  if (!key) return std::nullopt;
  const auto& by_key = children(i).by_key;
  auto same = by_key.find(*key);
  if (same == by_key.end()) return std::nullopt;
  // Last first: the value json::parse keeps for a repeated key is the last one.
  for (auto it = same->second.rbegin(); it != same->second.rend(); ++it)
    if (auto found = find(*it, tail)) return found;
  return std::nullopt;
}

std::optional<JsonLoc> JsonDoc::locate(std::string_view pointer) const {
  if (nodes_.empty() || (!pointer.empty() && pointer[0] != '/')) return std::nullopt;
  if (auto i = find(0, pointer)) return JsonValue(*this, *i).loc();
  return std::nullopt;
}

// ---- [SECTION] Reading ---------------------------------------------------------------------

namespace {

// A forward iterator over the text that publishes how many bytes the parser has read, which
// is the only way to learn positions through the SAX interface of nlohmann::json 3.11.
struct CountingIt {
  using iterator_category = std::forward_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = const char&;
  const char* p = nullptr;
  const char* base = nullptr;
  std::size_t* consumed = nullptr;
  reference operator*() const { return *p; }
  CountingIt& operator++() {
    ++p;
    *consumed = std::size_t(p - base);
    return *this;
  }
  CountingIt operator++(int) {
    auto t = *this;
    ++*this;
    return t;
  }
  bool operator==(const CountingIt& o) const { return p == o.p; }
  bool operator!=(const CountingIt& o) const { return p != o.p; }
};

// Objects with more members than this check repeated keys with a hash map.
constexpr std::uint32_t kLinearKeyCheck = 16;
constexpr std::uint32_t kNone = std::uint32_t(-1);

}  // namespace

// The SAX handler. At each event the parser has consumed the token it reports (plus one
// byte of look-ahead after a number), and nothing after it. So a token starts at the first
// byte after the previous event's end that is not whitespace or a separator: this finds
// value and key starts without lexing anything twice.
class JsonReader {
 public:
  using Json = nlohmann::json;
  using Node = JsonDoc::Node;

  JsonReader(std::string_view text, const std::size_t* consumed, int max_depth, JsonDoc& doc)
      : text_(text), consumed_(consumed), max_depth_(max_depth), nodes_(doc.nodes_), strings_(doc.strings_),
        kept_(doc.kept_) {
    // nlohmann skips a UTF-8 byte order mark before the first token.
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") last_end_ = 3;
    nodes_.reserve(text.size() / 8 + 16);  // about the densest a scenario gets
  }

  std::vector<JsonProblem> problems;
  std::size_t dropped = 0;
  // A problem that does not stop reading: kept while there is room, else counted.
  void note(JsonProblem p) {
    if (problems.size() < kMaxKeptProblems) problems.push_back(std::move(p));
    else ++dropped;
  }

  bool null() { return scalar(add(JsonType::null)); }
  bool boolean(bool b) {
    std::uint32_t i = add(JsonType::boolean);
    nodes_[i].boolean = b;
    return scalar(i);
  }
  bool number_integer(Json::number_integer_t v) {
    std::uint32_t i = add(JsonType::integer);
    nodes_[i].integer = v;
    return scalar(i);
  }
  bool number_unsigned(Json::number_unsigned_t v) {
    std::uint32_t i = add(JsonType::unsigned_integer);
    nodes_[i].unsigned_integer = v;
    return scalar(i);
  }
  bool number_float(Json::number_float_t v, const Json::string_t& raw) {
    std::uint32_t i = add(JsonType::floating);
    nodes_[i].floating = v;
    // Integers beyond 64 bits arrive as floats; Python would keep them exact, we cannot.
    if (raw.find_first_of(".eE") == std::string::npos)
      note({nodes_[i].value, pointer(), "integer " + raw + " is too large: scenario integers are 64-bit, from -9223372036854775808 to 9223372036854775807"});
    return scalar(i);
  }
  bool string(Json::string_t& s) {
    std::uint32_t i = add(JsonType::string);
    nodes_[i].string = {std::uint32_t(strings_.size()), std::uint32_t(s.size())};
    strings_ += s;
    return scalar(i);
  }
  bool binary(Json::binary_t&) { return scalar(add(JsonType::null)); }  // JSON text has none
  bool start_object(std::size_t) { return open(JsonType::object); }
  bool start_array(std::size_t) { return open(JsonType::array); }
  bool end_object() { return close(); }
  bool end_array() { return close(); }

  bool key(Json::string_t& k) {
    Frame& f = frames_.back();
    f.key_offset = std::uint32_t(token_start());
    // The member that first had this key, if one did.
    std::uint32_t first = kNone;
    if (f.members < kLinearKeyCheck) {
      for (std::uint32_t c = f.index + 1; c < nodes_.size() && first == kNone; c = nodes_[c].end)
        if (!nodes_[c].repeat && key_of(c) == k) first = c;
    } else {
      if (f.keys.empty())
        for (std::uint32_t c = f.index + 1; c < nodes_.size(); c = nodes_[c].end)
          if (!nodes_[c].repeat) f.keys.emplace(key_of(c), c);
      auto [it, added] = f.keys.try_emplace(k, std::uint32_t(nodes_.size()));  // the member add() makes next
      if (!added) first = it->second;
    }
    f.repeat_of = first;
    f.key_at = std::uint32_t(strings_.size());
    f.key_len = std::uint32_t(k.size());
    strings_ += k;
    ++f.members;
    if (first != kNone) {
      nodes_[f.index].repeated_keys = true;
      note({f.key_offset, pointer(), "duplicate key \"" + k + "\""});
    } else {
      ++f.count;
    }
    last_end_ = *consumed_;
    return true;
  }

  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& ex) {
    // what(): "[json.exception.parse_error.101] parse error at line 2, column 4: syntax
    // error while parsing ..."; keep the part after the position, which we give ourselves.
    std::string message = friendly_parse_message(ex.what());
    std::size_t offset = position == 0 ? 0 : position - 1;  // position counts bytes read
    // Two mistakes the parser's words do not explain: it takes a NUL byte for the end of
    // the text, and it does not know that `//` was meant as a comment.
    if (offset < text_.size() && text_[offset] == '\0')
      message = "a NUL byte (\\0) here: a scenario file is text, and JSON has no NUL outside a string's \\u0000";
    else if (text_.substr(std::min(offset, text_.size())).starts_with("//") ||
             text_.substr(std::min(offset, text_.size())).starts_with("/*"))
      message = "JSON has no comments; a {\"comment\": \"...\"} statement keeps a note in the lesson";
    problems.push_back({std::min(offset, text_.size()), "", message, true});
    return false;
  }

 private:
  struct Frame {
    std::uint32_t index = 0;  // the container's node
    bool array = false;
    std::uint32_t count = 0;    // elements, or members with distinct keys, so far
    std::uint32_t members = 0;  // objects: members so far, repeated keys too
    std::uint32_t key_offset = 0;  // objects: where the current member's key starts
    std::uint32_t key_at = 0, key_len = 0;  // and the key, in strings_
    std::uint32_t repeat_of = kNone;        // and the member that had it first, if one did
    std::unordered_map<std::string, std::uint32_t> keys;  // objects with many members: key -> first member
  };

  std::string_view key_of(std::uint32_t i) const {
    return std::string_view(strings_).substr(nodes_[i].key_at, nodes_[i].key_len);
  }

  std::size_t token_start() const {
    std::size_t p = last_end_;
    while (p < text_.size()) {
      char c = text_[p];
      if (c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != ',' && c != ':') break;
      ++p;
    }
    return p;
  }

  // Built only for problems, from the keys and indexes the open containers are at.
  std::string pointer() const {
    std::string p;
    for (const auto& f : frames_)
      p = f.array ? pointer_append(p, std::size_t(f.count))
                  : pointer_append(p, std::string_view(strings_).substr(f.key_at, f.key_len));
    return p;
  }

  std::uint32_t add(JsonType type) {
    Node n;
    n.type = type;
    n.value = n.key = std::uint32_t(token_start());
    auto index = std::uint32_t(nodes_.size());
    if (!frames_.empty() && !frames_.back().array) {
      const Frame& f = frames_.back();
      n.key = f.key_offset;
      n.key_at = f.key_at;
      n.key_len = f.key_len;
      if (f.repeat_of != kNone) {
        n.repeat = true;
        kept_[f.repeat_of] = index;  // so far the last with this key
      }
    }
    nodes_.push_back(n);
    return index;
  }

  void end_value() {
    if (!frames_.empty() && frames_.back().array) ++frames_.back().count;
    last_end_ = *consumed_;
  }

  bool scalar(std::uint32_t i) {
    nodes_[i].end = i + 1;
    end_value();
    return true;
  }

  bool open(JsonType type) {
    std::uint32_t i = add(type);
    if (int(frames_.size()) >= max_depth_) {
      problems.push_back({nodes_[i].value, pointer(),
                          "JSON nested deeper than " + std::to_string(max_depth_) +
                              " levels (the limit for scenario files)",
                          true});
      return false;
    }
    Frame f;
    f.index = i;
    f.array = type == JsonType::array;
    frames_.push_back(std::move(f));
    last_end_ = *consumed_;
    return true;
  }

  bool close() {
    const Frame& f = frames_.back();
    nodes_[f.index].end = std::uint32_t(nodes_.size());
    nodes_[f.index].count = f.count;
    frames_.pop_back();
    end_value();
    return true;
  }

  std::string_view text_;
  const std::size_t* consumed_;
  int max_depth_;
  std::vector<Node>& nodes_;
  std::string& strings_;
  std::unordered_map<std::uint32_t, std::uint32_t>& kept_;
  std::vector<Frame> frames_;
  std::size_t last_end_ = 0;
};

ReadJson read_json(std::string_view text, int max_depth) {
  ReadJson out;
  std::size_t consumed = 0;
  JsonReader reader(text, &consumed, max_depth, out.doc);
  const char* b = text.data();
  const char* e = b + text.size();
  nlohmann::json::sax_parse(CountingIt{b, b, &consumed}, CountingIt{e, b, &consumed}, &reader);
  out.problems = std::move(reader.problems);
  out.dropped = reader.dropped;
  for (const auto& p : out.problems) out.fatal = out.fatal || p.fatal;
  return out;
}

}  // namespace trioscope::scenario
