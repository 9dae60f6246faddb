// The scheduling choices of a run: every place where real Trio could have gone another way.
//
// Trio 0.34 leaves three things to chance (trio-semantics.md 5.1, 5.4):
//   - each batch of runnable tasks runs in queue order or reversed (`_r.random() < 0.5`);
//   - scopes whose deadlines are identical expire in `id(scope)` order, i.e. memory order;
//   - one cancel() walks Python sets to reach its tasks, so their order is memory order too.
// The engine asks a ChoiceSource at each of these points. Option 0 is always the engine's
// documented deterministic order, so a source that always answers 0 is "fifo"; a seeded
// generator is "random"; a recorded choice string replays one run exactly; the explorer
// (engine/explore) walks them all. Given its answers, a run is deterministic.
//
// A schedule is written as one character per choice: 0-9, then a-z (10-35), then A-Z
// (36-61), and {N} for anything larger. Choices past the end of the string are 0, so
// trailing zeros are left out; the all-zero schedule (the fifo run) is written "0".
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace trio {

enum class ChoiceKind : std::uint8_t {
  batch_order,    // a batch of 2+ runnable tasks: 0 runs it in queue order, 1 reversed
  deadline_tie,   // scopes with an identical deadline: which of the k left expires next
  cancel_fanout,  // one cancellation reaching several blocked tasks (or several subtrees
                  // holding them): which of the k left it reaches next
};
const char* choice_kind_name(ChoiceKind k);

struct ChoiceMade {
  ChoiceKind kind = ChoiceKind::batch_order;
  std::uint32_t options = 2;  // >= 2
  std::uint32_t chosen = 0;   // < options
};

// Where a run gets its choices from. Sources are used by one run at a time, on the thread
// of that run.
class ChoiceSource {
 public:
  virtual ~ChoiceSource() = default;
  // `options` >= 2; the answer must be < options (the runner clamps anything else to 0).
  virtual std::uint32_t choose(ChoiceKind kind, std::uint32_t options) = 0;
  // Called at the start of every iteration of the run loop, before deadlines expire, with
  // the number of choices made so far. Returning false stops the run there
  // (RunEnd::stopped). state_fingerprint() may be called from here.
  virtual bool at_loop_iteration(std::uint64_t choices_made) { return true; }
  // True when the source calls state_fingerprint(): the runner then keeps the per-task
  // history hashes that the fingerprint needs (a small cost on every event).
  virtual bool wants_fingerprints() const { return false; }
  // After the run: why the choices did not fit the program ("" when they did).
  virtual std::string problem() const { return {}; }
};

// Trio's policy, from a fixed generator (splitmix64), so that a seed means the same
// schedule on every machine: batches are reversed with probability 1/2, and the order of
// identical deadlines and of a cancellation's fan-out is drawn uniformly.
class RandomChoices final : public ChoiceSource {
 public:
  explicit RandomChoices(std::uint64_t seed);
  std::uint32_t choose(ChoiceKind kind, std::uint32_t options) override;

 private:
  double next_unit();  // uniform in [0, 1)
  std::uint64_t state_;
};

// Follows a recorded schedule; past its end every choice is 0.
class ReplayChoices final : public ChoiceSource {
 public:
  explicit ReplayChoices(std::vector<std::uint32_t> choices) : choices_(std::move(choices)) {}
  std::uint32_t choose(ChoiceKind kind, std::uint32_t options) override;
  // A choice beyond the options the run offered there, or non-zero choices left over.
  std::string problem() const override;

 private:
  std::vector<std::uint32_t> choices_;
  std::size_t next_ = 0;
  std::string problem_;
};

// ---- schedule strings ----------------------------------------------------------------------

// The written form of a schedule (trailing zeros dropped; "0" for none).
std::string schedule_string(const std::vector<std::uint32_t>& choices);
std::string schedule_string(const std::vector<ChoiceMade>& choices);

struct ParsedSchedule {
  std::vector<std::uint32_t> choices;
  std::string error;          // "" when the string is well formed
  std::size_t error_at = 0;   // 0-based character offset of the problem
  bool ok() const { return error.empty(); }
};
// Accepts what schedule_string writes. The empty string means the fifo schedule.
ParsedSchedule parse_schedule(const std::string& text);

// ---- state fingerprints ------------------------------------------------------------------------

// 128 bits that tell two states of a run apart, for the explorer's "seen this state
// already" pruning. Equal fingerprints mean (up to a 2^-128 chance of collision) equal
// states: the same clock, run queue, deadline registry (with its tie order), open scopes
// and nurseries, and for every task the same recorded history (every value a task got
// from outside reaches it through one of its own events: how it was woken, what it
// caught, what it printed or raised...). See engine/explore/explorer.hpp for what this
// assumes of the program.
struct StateFingerprint {
  std::uint64_t a = 0, b = 0;
  bool operator==(const StateFingerprint&) const = default;
};
struct StateFingerprintHash {
  std::size_t operator()(const StateFingerprint& f) const { return std::size_t(f.a ^ (f.b * 0x9E3779B97F4A7C15ull)); }
};
// The state of the run in progress on this thread; only valid when the run's choice
// source wants fingerprints (call it from ChoiceSource::at_loop_iteration).
StateFingerprint state_fingerprint();

}  // namespace trio
