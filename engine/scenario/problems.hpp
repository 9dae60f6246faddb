// Problems found while reading a scenario, before their line:column is known.
//
// Reading and validation only know JSON pointers; the loader looks each one up in the
// document (JsonDoc::locate) when it turns the problems into Diagnostics.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "scenario/json_positions.hpp"

namespace trioscope::scenario {

// A JSON pointer that is written out only when a problem needs it: the pointer of the
// statement (handler, function) at hand plus a field and an index ("args", 2). Reading a
// valid file then builds one pointer string per statement, not one per value.
class LazyPointer {
 public:
  LazyPointer(const std::string& base) : base_(base) {}  // NOLINT(google-explicit-constructor)
  LazyPointer(const std::string& base, const char* field) : base_(base), field_(field) {}
  LazyPointer(const std::string& base, std::size_t index) : base_(base), index_(index) {}
  LazyPointer(const std::string& base, const char* field, std::size_t index)
      : base_(base), field_(field), index_(index) {}
  std::string str() const {
    std::string p = field_ ? pointer_append(base_, field_) : base_;
    return index_ == kNone ? p : pointer_append(p, index_);
  }

 private:
  static constexpr std::size_t kNone = std::size_t(-1);
  const std::string& base_;  // must outlive this
  const char* field_ = nullptr;
  std::size_t index_ = kNone;
};

struct Problem {
  std::string pointer;  // the value (or member) the problem is about
  bool at_key = false;  // point at the member's key rather than its value (unknown fields)
  std::string message;
  bool warning = false;  // the file still runs, as Python would run it
};

// How many problems of a file are kept to be placed and reported; past it they are only
// counted. A file with a million mistakes is then read in the time and memory a file with a
// few thousand takes, and the loader reports the first kMaxReported of them in file order
// ("... and N more").
inline constexpr std::size_t kMaxKept = kMaxKeptProblems;
inline constexpr std::size_t kMaxReported = 300;
// The longest message reported; a longer one (quoting a huge name) is cut, saying how much.
inline constexpr std::size_t kMaxMessageBytes = 2000;

// A list that keeps its first kMaxKept items and counts the rest: size() is how many were
// added, the kept ones are what begin()..end() walk.
template <class T>
class CappedList {
 public:
  void push_back(T item) {
    ++total_;
    if (items_.size() < kMaxKept) items_.push_back(std::move(item));
  }
  std::size_t size() const { return total_; }
  bool empty() const { return total_ == 0; }
  std::size_t dropped() const { return total_ - items_.size(); }
  auto begin() { return items_.begin(); }
  auto end() { return items_.end(); }
  auto begin() const { return items_.begin(); }
  auto end() const { return items_.end(); }

 private:
  std::vector<T> items_;
  std::size_t total_ = 0;
};

struct Problems {
  std::vector<Problem> list;
  std::size_t dropped_errors = 0, dropped_warnings = 0;  // past kMaxKept: counted, not kept
  // Statements whose "args" could not be read (already reported): their argument count
  // proves nothing, so validation does not count them.
  std::set<std::string> unreadable_args;
  void at(std::string pointer, std::string message) { add({std::move(pointer), false, std::move(message)}); }
  void at_key(std::string pointer, std::string message) { add({std::move(pointer), true, std::move(message)}); }
  // Something Python runs, but that is very likely not what the author meant.
  void warn(std::string pointer, std::string message) {
    add({std::move(pointer), false, std::move(message), true});
  }
  bool empty() const { return list.empty(); }
  // No more problems are kept (they are still counted): a caller may skip building the
  // message of one.
  bool full() const { return list.size() >= kMaxKept; }

 private:
  void add(Problem p) {
    if (!full()) list.push_back(std::move(p));
    else ++(p.warning ? dropped_warnings : dropped_errors);
  }
};

}  // namespace trioscope::scenario
