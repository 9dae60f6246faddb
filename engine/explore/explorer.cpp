// The schedule explorer (explorer.hpp): a depth-first walk of a run's choice tree by
// replaying choice prefixes, with explored subtrees remembered by state fingerprint.
//
// [SECTION] Outcome keys
// [SECTION] Summaries: outcomes, counts and shortest schedules of a subtree
// [SECTION] The choice source of one run
// [SECTION] The walk
// [SECTION] Report
#include "explore/explorer.hpp"

#include <algorithm>
#include <chrono>
#include <map>
#include <unordered_map>

namespace trioscope::explore {

using Choices = std::vector<std::uint32_t>;

// ---- [SECTION] Outcome keys ------------------------------------------------------------------

std::string outcome_key(const trio::Trace& trace) {
  // Length-prefixed pieces, so that no label or text can make two outcomes look alike.
  std::map<std::string, std::string> per_task;
  auto piece = [](std::string& out, std::string_view s) {
    out += std::to_string(s.size());
    out += ':';
    out += s;
  };
  trio::for_each_transcript_line(trace, [&](const trio::TranscriptLine& l) {
    std::string& lines = per_task[l.task];
    lines += l.time;
    lines += '\t';
    lines += l.kind;
    lines += '\t';
    piece(lines, l.detail);
    lines += '\n';
  });
  std::string key;
  for (const auto& [task, lines] : per_task) {
    piece(key, task);
    piece(key, lines);
  }
  return key;
}

namespace {

// ---- [SECTION] Summaries ------------------------------------------------------------------

// Schedules are compared by their written length (trailing zeros are implicit), then by
// their choices: the "shortest" schedule of an outcome is the first in this order.
std::size_t written(const Choices& c) {
  std::size_t n = c.size();
  while (n > 0 && c[n - 1] == 0) --n;
  return n;
}

bool shorter(const Choices& x, const Choices& y) {
  std::size_t lx = written(x), ly = written(y);
  if (lx != ly) return lx < ly;
  return std::lexicographical_compare(x.begin(), x.begin() + std::ptrdiff_t(lx), y.begin(),
                                      y.begin() + std::ptrdiff_t(ly));
}

void strip(Choices& c) { c.resize(written(c)); }

// What a subtree of the choice tree leads to: per outcome, how many schedules and the
// shortest of them (absolute while the subtree is on the current path; relative to the
// subtree's root once remembered). Sorted by outcome id.
struct Entry {
  std::uint32_t outcome;
  std::uint64_t count;
  Choices best;
};
using Summary = std::vector<Entry>;

std::uint64_t saturating_add(std::uint64_t a, std::uint64_t b) { return a + b < a ? ~0ull : a + b; }

void add(Summary& into, Entry e) {
  auto it = std::lower_bound(into.begin(), into.end(), e.outcome,
                             [](const Entry& x, std::uint32_t o) { return x.outcome < o; });
  if (it == into.end() || it->outcome != e.outcome) {
    into.insert(it, std::move(e));
    return;
  }
  it->count = saturating_add(it->count, e.count);
  if (shorter(e.best, it->best)) it->best = std::move(e.best);
}

void merge(Summary& into, Summary& from) {
  if (into.empty()) {
    into.swap(from);
    return;
  }
  for (Entry& e : from) add(into, std::move(e));
  from.clear();
}

struct Remembered {
  Summary suffixes;  // best = the choices after the subtree's root
};

// ---- [SECTION] The choice source of one run -------------------------------------------------

class Walker final : public trio::ChoiceSource {
 public:
  Walker(const Choices& prefix, const Choices& expected_options, std::size_t fresh_from, bool merge,
         const std::unordered_map<trio::StateFingerprint, Remembered, trio::StateFingerprintHash>& memo,
         const std::atomic<bool>* cancel)
      : prefix_(prefix), expected_(expected_options), fresh_from_(fresh_from), merge_(merge), memo_(memo),
        cancel_(cancel) {}

  std::uint32_t choose(trio::ChoiceKind kind, std::uint32_t options) override {
    std::size_t at = next_++;
    if (at >= prefix_.size()) return 0;
    if (options != expected_[at] && problem_.empty())
      problem_ = "the program is not deterministic given its choices: choice " + std::to_string(at + 1) +
                 " (" + trio::choice_kind_name(kind) + ") offered " + std::to_string(options) +
                 " options, and " + std::to_string(expected_[at]) + " on an earlier run";
    return prefix_[at] < options ? prefix_[at] : 0;
  }

  bool at_loop_iteration(std::uint64_t choices_made) override {
    if (cancel_ && cancel_->load(std::memory_order_relaxed)) {
      cancelled = true;
      return false;
    }
    // States at shallower depths are on the current path already (the same prefix led to
    // them on an earlier run), and none of those has an explored subtree yet.
    if (!merge_ || choices_made < fresh_from_) return true;
    trio::StateFingerprint f = trio::state_fingerprint();
    if (auto it = memo_.find(f); it != memo_.end()) {
      hit = &it->second;
      return false;
    }
    seen.push_back({std::uint32_t(choices_made), f});
    return true;
  }

  bool wants_fingerprints() const override { return merge_; }
  std::string problem() const override { return problem_; }

  bool cancelled = false;
  const Remembered* hit = nullptr;
  std::vector<std::pair<std::uint32_t, trio::StateFingerprint>> seen;  // (depth, state)

 private:
  const Choices& prefix_;
  const Choices& expected_;
  std::size_t fresh_from_;
  bool merge_;
  const std::unordered_map<trio::StateFingerprint, Remembered, trio::StateFingerprintHash>& memo_;
  const std::atomic<bool>* cancel_;
  std::size_t next_ = 0;
  std::string problem_;
};

// An outcome as the walk knows it: the shortest schedule a run of its own reached it by,
// and that run's transcript (a merged subtree may know of a shorter schedule still).
struct OutcomeInfo {
  std::string key;
  Choices run_schedule;
  std::string transcript;
  trio::RunEnd end = trio::RunEnd::returned;
};

}  // namespace

// ---- [SECTION] The walk ---------------------------------------------------------------------

Report explore(const Program& program, const Options& options, Progress* progress) {
  using clock = std::chrono::steady_clock;
  const auto t0 = clock::now();
  auto elapsed = [&] { return std::chrono::duration<double>(clock::now() - t0).count(); };
  const std::atomic<bool>* cancel = progress ? &progress->cancel : nullptr;

  Report report;
  std::vector<OutcomeInfo> outcomes;
  std::unordered_map<std::string, std::uint32_t> outcome_ids;
  std::unordered_map<trio::StateFingerprint, Remembered, trio::StateFingerprintHash> memo;
  std::size_t memo_bytes = 0;

  // The current path: the choices of the last run, and the options at each.
  Choices chosen, offered;
  // What the next run replays, and the options it must meet on the way.
  Choices prefix, expected;
  std::size_t fresh_from = 0;
  std::vector<Summary> acc(1);  // acc[d]: finished schedules below chosen[0..d), not yet folded up
  std::vector<std::pair<std::uint32_t, trio::StateFingerprint>> path_states;  // by depth, ascending

  auto remember = [&](std::uint32_t depth, const trio::StateFingerprint& f, const Summary& s) {
    if (memo_bytes >= options.memo_bytes) return;
    Remembered r;
    r.suffixes.reserve(s.size());
    std::size_t bytes = sizeof(Remembered) + 64;
    for (const Entry& e : s) {
      Choices suffix(e.best.begin() + std::min<std::size_t>(depth, e.best.size()), e.best.end());
      strip(suffix);
      bytes += sizeof(Entry) + suffix.size() * sizeof(std::uint32_t);
      r.suffixes.push_back({e.outcome, e.count, std::move(suffix)});
    }
    if (memo.emplace(f, std::move(r)).second) memo_bytes += bytes;
  };
  // The subtree below chosen[0..d) is finished: remember it, and fold it into its parent.
  auto finish = [&](std::size_t d) {
    while (!path_states.empty() && path_states.back().first >= d) {
      if (path_states.back().first == d) remember(std::uint32_t(d), path_states.back().second, acc[d]);
      path_states.pop_back();
    }
    if (d > 0) merge(acc[d - 1], acc[d]);
  };

  for (;;) {
    if (cancel && cancel->load(std::memory_order_relaxed)) {
      report.stop = Stop::cancelled;
      break;
    }
    if (options.max_runs && report.runs >= options.max_runs) {
      report.stop = Stop::max_runs;
      break;
    }
    if (options.max_seconds > 0 && elapsed() >= options.max_seconds) {
      report.stop = Stop::max_seconds;
      break;
    }

    Walker walker(prefix, expected, fresh_from, options.merge_states, memo, cancel);
    trio::RunResult r = program(walker);
    if (walker.cancelled) {
      report.stop = Stop::cancelled;
      break;
    }
    ++report.runs;
    std::string problem = walker.problem();
    if (problem.empty() && r.choices.size() < prefix.size())
      problem = "the program is not deterministic given its choices: a run made " + std::to_string(r.choices.size()) +
                " choices where an earlier one made at least " + std::to_string(prefix.size());
    if (!problem.empty()) {
      report.problem = problem;
      report.stop = Stop::failed;
      break;
    }

    const std::size_t depth = r.choices.size();
    chosen.resize(depth);
    offered.resize(depth);
    for (std::size_t i = 0; i < depth; ++i) {
      chosen[i] = r.choices[i].chosen;
      offered[i] = r.choices[i].options;
    }
    report.choice_points = std::max<std::uint64_t>(report.choice_points, depth);
    for (auto& s : walker.seen) path_states.push_back(s);
    if (acc.size() < depth + 1) acc.resize(depth + 1);

    if (walker.hit) {
      // The rest of this schedule is a state explored already: take its subtree as it is.
      ++report.merged;
      for (const Entry& e : walker.hit->suffixes) {
        Choices best(chosen);
        best.insert(best.end(), e.best.begin(), e.best.end());
        report.schedules = saturating_add(report.schedules, e.count);
        add(acc[depth], {e.outcome, e.count, std::move(best)});
      }
    } else {
      std::string key = outcome_key(r.trace);
      auto [it, fresh] = outcome_ids.emplace(std::move(key), std::uint32_t(outcomes.size()));
      if (fresh) outcomes.push_back({it->first, {}, {}, r.end});
      OutcomeInfo& info = outcomes[it->second];
      if (fresh || shorter(chosen, info.run_schedule)) {
        info.run_schedule = chosen;
        strip(info.run_schedule);
        info.transcript = trio::transcript(r.trace);
      }
      report.schedules = saturating_add(report.schedules, 1);
      add(acc[depth], {it->second, 1, chosen});
    }
    if (progress) {
      progress->runs.store(report.runs, std::memory_order_relaxed);
      progress->schedules.store(report.schedules, std::memory_order_relaxed);
      progress->outcomes.store(outcomes.size(), std::memory_order_relaxed);
    }

    // Backtrack to the deepest choice with an option left.
    std::size_t j = depth;
    while (j > 0 && chosen[j - 1] + 1 >= offered[j - 1]) --j;
    if (j == 0) {
      for (std::size_t d = depth; d > 0; --d) finish(d);
      report.stop = Stop::exhaustive;
      break;
    }
    --j;  // choice j takes its next option
    for (std::size_t d = depth; d > j; --d) finish(d);
    acc.resize(j + 1);
    prefix.assign(chosen.begin(), chosen.begin() + std::ptrdiff_t(j) + 1);
    prefix[j] += 1;
    expected.assign(offered.begin(), offered.begin() + std::ptrdiff_t(j) + 1);
    fresh_from = j + 1;
  }

  // Everything found, finished subtrees or not.
  for (std::size_t d = acc.size() - 1; d > 0; --d) merge(acc[d - 1], acc[d]);
  Summary& all = acc[0];

  // Each outcome with its shortest schedule and that schedule's transcript. A schedule
  // that no run of its own reached (it continues into a remembered subtree) is replayed
  // on its own here, and must end the same way: a check of the pruning.
  for (Entry& e : all) {
    OutcomeInfo& info = outcomes[e.outcome];
    Outcome o;
    o.key = info.key;
    o.schedules = e.count;
    strip(e.best);
    o.schedule = e.best;
    o.schedule_text = trio::schedule_string(o.schedule);
    if (o.schedule == info.run_schedule) {
      o.transcript = std::move(info.transcript);
      o.end = info.end;
    } else {
      trio::ReplayChoices replay(o.schedule);
      trio::RunResult r = program(replay);
      o.transcript = trio::transcript(r.trace);
      o.end = r.end;
      if ((outcome_key(r.trace) != o.key || !r.schedule_problem.empty()) && report.problem.empty())
        report.problem = "replaying schedule " + o.schedule_text + " did not end as it did while exploring" +
                         (r.schedule_problem.empty() ? "" : ": " + r.schedule_problem);
    }
    report.outcomes.push_back(std::move(o));
  }
  std::sort(report.outcomes.begin(), report.outcomes.end(),
            [](const Outcome& x, const Outcome& y) { return shorter(x.schedule, y.schedule); });
  report.seconds = elapsed();
  return report;
}

// ---- [SECTION] Report -----------------------------------------------------------------------

namespace {
std::string plural(std::uint64_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}
}  // namespace

std::string Report::summary() const {
  return (exhaustive() ? "" : "at least ") + plural(outcomes.size(), "distinct outcome", "distinct outcomes") +
         " over " + plural(schedules, "schedule", "schedules") + (exhaustive() ? " (exhaustive)" : " (bounded)");
}

std::string Report::details() const {
  char secs[32];
  if (seconds < 1)
    std::snprintf(secs, sizeof secs, "%.2f ms", seconds * 1000);
  else
    std::snprintf(secs, sizeof secs, "%.2f s", seconds);
  std::string runs_text = plural(runs, "run", "runs");
  switch (stop) {
    case Stop::exhaustive:
      return "every one of the " + plural(schedules, "schedule", "schedules") + " was accounted for: " + runs_text +
             ", " + std::to_string(merged) + " of them stopped at a state already explored in full (" + secs + ")";
    case Stop::max_runs: return "stopped after " + runs_text + " (the run limit), " + secs + "; other schedules may end in other ways";
    case Stop::max_seconds: return "stopped after " + runs_text + " and " + secs + " (the time limit); other schedules may end in other ways";
    case Stop::cancelled: return "cancelled after " + runs_text + " and " + secs + "; other schedules may end in other ways";
    case Stop::failed: return "stopped after " + runs_text + ": " + problem;
  }
  return {};
}

}  // namespace trioscope::explore
