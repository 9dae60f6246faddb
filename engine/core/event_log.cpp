#include "core/event_log.hpp"

#include <bit>
#include <functional>

namespace trio {

// ---- EventLog ------------------------------------------------------------------------------

namespace {

// Doubles compare by their bits here: -0.0 and 0.0 are different values to keep, and a NaN
// is the same as itself.
bool same(double a, double b) { return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b); }

// Index of `v` in `table`, adding it unless it is the last value there.
std::int32_t last_or_add(std::vector<double>& table, double v) {
  if (table.empty() || !same(table.back(), v)) table.push_back(v);
  return std::int32_t(table.size() - 1);
}

}  // namespace

EventLog::EventLog() = default;
EventLog::~EventLog() = default;
EventLog::EventLog(EventLog&&) noexcept = default;
EventLog& EventLog::operator=(EventLog&&) noexcept = default;

EventLog::EventLog(const EventLog& o)
    : size_(o.size_), times_(o.times_), untils_(o.untils_), spill_(o.spill_) {
  chunks_.reserve(o.chunks_.size());
  for (std::size_t c = 0; c < o.chunks_.size(); ++c) {
    chunks_.push_back(std::make_unique_for_overwrite<Packed[]>(kChunkSize));
    const std::size_t n = std::min(kChunkSize, size_ - c * kChunkSize);
    std::copy(o.chunks_[c].get(), o.chunks_[c].get() + n, chunks_[c].get());
  }
}

EventLog& EventLog::operator=(const EventLog& o) {
  if (this != &o) *this = EventLog(o);
  return *this;
}

void EventLog::push_back(const Event& e) {
  if (full()) chunks_.push_back(std::make_unique_for_overwrite<Packed[]>(kChunkSize));
  Packed& p = at(size_);
  p.time = std::uint32_t(last_or_add(times_, e.time));
  p.task = e.task;
  p.line = e.loc.line;
  p.kind = std::uint8_t(e.kind);
  p.flag = e.flag;
  p.unused = 0;
  // The fields that are not their default, in field order.
  std::int32_t v[7];
  int n = 0;
  std::uint8_t fields = 0;
  auto keep = [&](std::uint8_t bit, std::int32_t value) {
    fields |= bit;
    v[n++] = value;
  };
  if (e.nursery != -1) keep(kFieldNursery, e.nursery);
  if (e.scope != -1) keep(kFieldScope, e.scope);
  if (e.cause != -1) keep(kFieldCause, e.cause);
  if (e.exc != -1) keep(kFieldExc, e.exc);
  if (e.text != -1) keep(kFieldText, e.text);
  if (e.count != 0) keep(kFieldCount, e.count);
  if (!same(e.until, 0.0)) keep(kFieldUntil, last_or_add(untils_, e.until));
  if (n <= 1) {
    p.slot = n ? v[0] : 0;
  } else {
    fields |= kFieldsSpilled;
    p.slot = std::int32_t(spill_.size());
    spill_.insert(spill_.end(), v, v + n);
  }
  p.fields = fields;
  ++size_;
}

void EventLog::clear() { *this = EventLog(); }

std::size_t EventLog::bytes() const {
  return chunks_.size() * chunk_bytes() + chunks_.capacity() * sizeof(chunks_[0]) +
         times_.capacity() * sizeof(double) + untils_.capacity() * sizeof(double) +
         spill_.capacity() * sizeof(std::int32_t);
}

// ---- StringTable -----------------------------------------------------------------------------

StringTable::StringTable() = default;

std::int32_t StringTable::add(std::string_view s) {
  // Kept at most half full, so that a probe ends soon at an empty bucket.
  if (2 * (ends_.size() + 1) > index_.size()) rehash(std::max<std::size_t>(64, 4 * (ends_.size() + 1)));
  const std::size_t mask = index_.size() - 1;
  for (std::size_t b = std::hash<std::string_view>{}(s) & mask;; b = (b + 1) & mask) {
    const std::int32_t i = index_[b];
    if (i < 0) {
      chars_.append(s);
      ends_.push_back(chars_.size());
      index_[b] = std::int32_t(ends_.size() - 1);
      return index_[b];
    }
    if ((*this)[std::size_t(i)] == s) return i;
  }
}

void StringTable::rehash(std::size_t buckets) {
  std::size_t n = 1;
  while (n < buckets) n <<= 1;
  index_.assign(n, -1);
  const std::size_t mask = n - 1;
  for (std::size_t i = 0; i < ends_.size(); ++i) {
    std::size_t b = std::hash<std::string_view>{}((*this)[i]) & mask;
    while (index_[b] >= 0) b = (b + 1) & mask;
    index_[b] = std::int32_t(i);
  }
}

void StringTable::seal() {
  index_.clear();
  index_.shrink_to_fit();
}

std::size_t StringTable::bytes() const {
  return chars_.capacity() + ends_.capacity() * sizeof(std::uint64_t) + index_.capacity() * sizeof(std::int32_t);
}

}  // namespace trio
