#include "scenario/json_positions.hpp"

#include <algorithm>
#include <iterator>

#include <nlohmann/json.hpp>

namespace trioscope::scenario {

// ---- lines and columns -------------------------------------------------------------------

LineIndex::LineIndex(std::string_view text) {
  line_starts_.push_back(0);
  for (std::size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n') line_starts_.push_back(i + 1);
}

std::pair<std::uint32_t, std::uint32_t> LineIndex::line_col(std::size_t offset) const {
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  std::size_t line = std::size_t(it - line_starts_.begin());  // >= 1: line_starts_[0] == 0
  return {std::uint32_t(line), std::uint32_t(offset - line_starts_[line - 1] + 1)};
}

// ---- pointers ----------------------------------------------------------------------------

std::string pointer_escape(std::string_view key) {
  std::string out;
  out.reserve(key.size());
  for (char c : key) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

std::string pointer_append(const std::string& parent, std::string_view key) {
  return parent + "/" + pointer_escape(key);
}

std::string pointer_append(const std::string& parent, std::size_t index) {
  return parent + "/" + std::to_string(index);
}

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

// At each SAX event the parser has consumed the token it reports (plus one byte of
// look-ahead after a number), and nothing after it. So a token starts at the first byte
// after the previous event's end that is not whitespace or a separator: this finds value
// and key starts without re-lexing strings.
class PositionPass : public nlohmann::json_sax<nlohmann::json> {
 public:
  PositionPass(std::string_view text, const std::size_t* consumed, int max_depth,
               bool checking, const std::set<std::string>* wanted)
      : text_(text), consumed_(consumed), max_depth_(max_depth),
        checking_(checking), wanted_(wanted) {
    // nlohmann skips a UTF-8 byte order mark before the first token.
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") last_end_ = 3;
  }

  std::vector<JsonProblem> problems;
  std::unordered_map<std::string, JsonLoc> found;

  bool null() override { return scalar(); }
  bool boolean(bool) override { return scalar(); }
  bool number_integer(number_integer_t) override { return scalar(); }
  bool number_unsigned(number_unsigned_t) override { return scalar(); }
  bool number_float(number_float_t, const string_t& raw) override {
    // Integers beyond 64 bits arrive as floats; Python would keep them exact, we cannot.
    if (checking_ && raw.find_first_of(".eE") == std::string::npos) {
      begin_value();
      problems.push_back({value_start_, path_, "integer " + raw + " is too large (the limit is 64 bits)"});
      end_value();
      return true;
    }
    return scalar();
  }
  bool string(string_t&) override { return scalar(); }
  bool binary(binary_t&) override { return scalar(); }
  bool start_object(std::size_t) override { return open(false); }
  bool start_array(std::size_t) override { return open(true); }
  bool end_object() override { return close(); }
  bool end_array() override { return close(); }

  bool key(string_t& k) override {
    Frame& f = frames_.back();
    f.key_offset = token_start();
    path_.resize(f.len);
    path_ += '/';
    path_ += pointer_escape(k);
    if (checking_ && !f.keys.insert(k).second)
      problems.push_back({f.key_offset, path_, "duplicate key \"" + k + "\""});
    last_end_ = *consumed_;
    return true;
  }

  bool parse_error(std::size_t position, const std::string&,
                   const nlohmann::detail::exception& ex) override {
    // what(): "[json.exception.parse_error.101] parse error at line 2, column 4: syntax
    // error while parsing ..."; keep the part after the position, which we give ourselves.
    std::string what = ex.what();
    auto col = what.find("column ");
    auto colon = col == std::string::npos ? std::string::npos : what.find(": ", col);
    std::string message = colon == std::string::npos ? what : what.substr(colon + 2);
    std::size_t offset = position == 0 ? 0 : position - 1;  // position counts bytes read
    problems.push_back({std::min(offset, text_.size()), "", message, true});
    return false;
  }

 private:
  struct Frame {
    bool array = false;
    std::size_t index = 0;     // next element (arrays)
    std::size_t len = 0;       // length of the container's own pointer in path_
    std::size_t key_offset = 0;  // objects: where the current member's key starts
    std::set<std::string> keys;  // objects, when checking duplicates
  };

  std::size_t token_start() const {
    std::size_t p = last_end_;
    while (p < text_.size()) {
      char c = text_[p];
      if (c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != ',' && c != ':') break;
      ++p;
    }
    return p;
  }

  // Sets path_ to the pointer of the value about to be reported and records it if wanted.
  void begin_value() {
    std::size_t start = token_start();
    std::size_t key = start;
    if (!frames_.empty()) {
      Frame& f = frames_.back();
      if (f.array) {
        path_.resize(f.len);
        path_ += '/';
        path_ += std::to_string(f.index);
      } else {
        key = f.key_offset;
      }
    }
    if (wanted_ && wanted_->count(path_)) found[path_] = JsonLoc{start, key};
    value_start_ = start;
  }

  void end_value() {
    if (!frames_.empty() && frames_.back().array) ++frames_.back().index;
    last_end_ = *consumed_;
  }

  bool scalar() {
    begin_value();
    end_value();
    return true;
  }

  bool open(bool array) {
    begin_value();
    if (int(frames_.size()) >= max_depth_) {
      problems.push_back({value_start_, path_,
                          "JSON nested deeper than " + std::to_string(max_depth_) +
                              " levels (the limit for scenario files)",
                          true});
      return false;
    }
    Frame f;
    f.array = array;
    f.len = path_.size();
    frames_.push_back(std::move(f));
    last_end_ = *consumed_;
    return true;
  }

  bool close() {
    frames_.pop_back();
    end_value();
    return true;
  }

  std::string_view text_;
  const std::size_t* consumed_;
  int max_depth_;
  bool checking_;
  const std::set<std::string>* wanted_;
  std::vector<Frame> frames_;
  std::string path_;
  std::size_t last_end_ = 0;
  std::size_t value_start_ = 0;
};

void run_pass(std::string_view text, PositionPass& pass, std::size_t& consumed) {
  const char* b = text.data();
  const char* e = b + text.size();
  nlohmann::json::sax_parse(CountingIt{b, b, &consumed}, CountingIt{e, b, &consumed}, &pass);
}

}  // namespace

std::vector<JsonProblem> scan_json(std::string_view text, int max_depth) {
  std::size_t consumed = 0;
  PositionPass pass(text, &consumed, max_depth, /*checking=*/true, nullptr);
  run_pass(text, pass, consumed);
  return std::move(pass.problems);
}

std::unordered_map<std::string, JsonLoc> locate_pointers(std::string_view text,
                                                          const std::set<std::string>& wanted) {
  std::size_t consumed = 0;
  PositionPass pass(text, &consumed, kMaxJsonDepth + 1, /*checking=*/false, &wanted);
  run_pass(text, pass, consumed);
  return std::move(pass.found);
}

}  // namespace trioscope::scenario
