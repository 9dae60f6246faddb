#include "view/playback.hpp"

#include <algorithm>

namespace trioscope::view {

Playback::Playback(const trio::Trace& trace) : Playback(trace, Options{}) {}

Playback::Playback(const trio::Trace& trace, Options options) : trace_(&trace), options_(options) {
  build();
}

void Playback::build() {
  const trio::Trace& t = *trace_;
  const std::int32_t n = size();
  Snapshot s = initial_snapshot(t);

  // Stored snapshots: as many as the budget allows, but never closer than 256 events (a
  // replay of 256 events costs less than copying a big snapshot).
  if (options_.interval > 0) {
    interval_ = options_.interval;
  } else {
    const std::size_t per = std::max<std::size_t>(s.bytes(), 1);
    const std::size_t count = std::max<std::size_t>(options_.memory_budget / per, 16);
    interval_ = std::max<std::int32_t>(256, static_cast<std::int32_t>(n / count + 1));
  }

  stored_.clear();
  stored_.reserve(static_cast<std::size_t>(n / interval_ + 1));
  stored_.push_back(s);
  nursery_errors_.assign(t.nurseries.size(), {});
  instants_.clear();
  prints_.clear();
  for (std::int32_t i = 0; i < n; ++i) {
    const trio::Event& e = t.events[i];
    apply_next(s, t, options_.blocks);
    if ((i + 1) % interval_ == 0) stored_.push_back(s);
    if (instants_.empty() || instants_.back().time != e.time) instants_.push_back({e.time, i, i});
    else instants_.back().last = i;
    if (e.kind == trio::EventKind::print) prints_.push_back(i);
    if (e.kind == trio::EventKind::exception_to_nursery && e.nursery >= 0 &&
        static_cast<std::size_t>(e.nursery) < nursery_errors_.size())
      nursery_errors_[e.nursery].push_back(i);
  }
  current_ = stored_.front();
}

void Playback::advance_to(Snapshot& s, std::int32_t step) const {
  while (s.step < step) apply_next(s, *trace_, options_.blocks);
}

const Snapshot& Playback::seek(std::int32_t step) {
  step = std::clamp(step, -1, last_step());
  if (step == current_.step) return current_;
  // Forwards within one interval: keep going from here (the common case while playing).
  if (step > current_.step && step - current_.step <= interval_) {
    advance_to(current_, step);
    return current_;
  }
  const std::size_t k = std::min(stored_.size() - 1, static_cast<std::size_t>((step + 1) / interval_));
  current_ = stored_[k];
  advance_to(current_, step);
  return current_;
}

Snapshot Playback::snapshot_at(std::int32_t step) const {
  step = std::clamp(step, -1, last_step());
  if (step >= current_.step && step - current_.step <= interval_) {
    Snapshot s = current_;
    advance_to(s, step);
    return s;
  }
  const std::size_t k = std::min(stored_.size() - 1, static_cast<std::size_t>((step + 1) / interval_));
  Snapshot s = stored_[k];
  advance_to(s, step);
  return s;
}

std::int32_t Playback::instant_of(std::int32_t step) const {
  if (step < 0 || instants_.empty()) return -1;
  auto it = std::upper_bound(instants_.begin(), instants_.end(), step,
                             [](std::int32_t v, const Instant& in) { return v < in.first; });
  return static_cast<std::int32_t>(it - instants_.begin()) - 1;
}

std::int32_t Playback::next_instant(std::int32_t step) const {
  if (instants_.empty()) return -1;
  const std::int32_t i = instant_of(step);
  if (i < 0) return instants_.front().last;
  if (step < instants_[i].last) return instants_[i].last;
  if (i + 1 < static_cast<std::int32_t>(instants_.size())) return instants_[i + 1].last;
  return instants_.back().last;
}

std::int32_t Playback::prev_instant(std::int32_t step) const {
  const std::int32_t i = instant_of(step);
  if (i <= 0) return -1;
  return instants_[i - 1].last;
}

std::int32_t Playback::prints_until(std::int32_t step) const {
  return static_cast<std::int32_t>(std::upper_bound(prints_.begin(), prints_.end(), step) - prints_.begin());
}

const std::vector<std::int32_t>& Playback::nursery_errors(std::int32_t nursery) const {
  static const std::vector<std::int32_t> none;
  if (nursery < 0 || static_cast<std::size_t>(nursery) >= nursery_errors_.size()) return none;
  return nursery_errors_[nursery];
}

std::size_t Playback::stored_bytes() const {
  std::size_t b = 0;
  for (const auto& s : stored_) b += s.bytes();
  return b;
}

}  // namespace trioscope::view
