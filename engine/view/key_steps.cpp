#include "view/key_steps.hpp"

#include <algorithm>

#include "view/snapshot.hpp"

namespace trioscope::view {

using trio::EventKind;

const char* key_moment_name(KeyMoment m) {
  switch (m) {
    case KeyMoment::children_spawned: return "children spawned";
    case KeyMoment::first_print: return "first print";
    case KeyMoment::raised: return "raise";
    case KeyMoment::cancellation: return "cancellation";
    case KeyMoment::cancel_delivered: return "Cancelled delivered";
    case KeyMoment::group_formed: return "group formed";
    case KeyMoment::nursery_reraise: return "re-raise at async with";
    case KeyMoment::handler_entered: return "handler entered";
    case KeyMoment::run_end: return "end of the run";
  }
  return "";
}

namespace {

// Of a row of more than kMaxSameMoment moments of one kind at one virtual time, the first
// and the last.
std::vector<KeyStep> thin(const trio::Trace& t, const std::vector<KeyStep>& all) {
  std::vector<KeyStep> out;
  for (std::size_t i = 0; i < all.size();) {
    std::size_t j = i + 1;
    while (j < all.size() && all[j].moment == all[i].moment &&
           t.events[all[j].step].time == t.events[all[i].step].time)
      ++j;
    if (j - i > kMaxSameMoment) {
      out.push_back(all[i]);
      out.push_back(all[j - 1]);
    } else {
      out.insert(out.end(), all.begin() + static_cast<std::ptrdiff_t>(i), all.begin() + static_cast<std::ptrdiff_t>(j));
    }
    i = j;
  }
  return out;
}

}  // namespace

std::vector<KeyStep> key_steps(const trio::Trace& t) {
  std::vector<KeyStep> all;
  const std::int32_t n = static_cast<std::int32_t>(t.events.size());
  bool printed = false;
  // A burst of spawns (each followed by the child's `woken`) ends at the first other event.
  std::int32_t spawned = -1;
  for (std::int32_t i = 0; i < n; ++i) {
    const trio::Event& e = t.events[i];
    if (e.kind == EventKind::task_spawned && e.nursery >= 0) {
      spawned = i;
      continue;
    }
    if (spawned >= 0 && e.kind != EventKind::woken) {
      all.push_back({spawned, KeyMoment::children_spawned});
      spawned = -1;
    }
    std::optional<KeyMoment> m;
    switch (e.kind) {
      case EventKind::print:
        if (!printed) m = KeyMoment::first_print;
        printed = true;
        break;
      case EventKind::raised:
        if (!is_cancelled_exc(t, e.exc)) m = KeyMoment::raised;
        break;
      case EventKind::scope_cancelled: m = KeyMoment::cancellation; break;
      case EventKind::cancel_delivered: m = KeyMoment::cancel_delivered; break;
      case EventKind::group_formed: m = KeyMoment::group_formed; break;
      case EventKind::nursery_reraise: m = KeyMoment::nursery_reraise; break;
      case EventKind::handler_entered: m = KeyMoment::handler_entered; break;
      default: break;
    }
    if (i == n - 1) m = KeyMoment::run_end;  // the last step is the end, whatever it is
    if (m) all.push_back({i, *m});
  }
  if (spawned >= 0) all.push_back({spawned, KeyMoment::children_spawned});
  return thin(t, all);
}

std::optional<std::int32_t> next_key_step(const std::vector<KeyStep>& keys, std::int32_t step) {
  auto it = std::upper_bound(keys.begin(), keys.end(), step, [](std::int32_t s, const KeyStep& k) { return s < k.step; });
  if (it == keys.end()) return std::nullopt;
  return it->step;
}

std::optional<std::int32_t> prev_key_step(const std::vector<KeyStep>& keys, std::int32_t step) {
  auto it = std::lower_bound(keys.begin(), keys.end(), step, [](const KeyStep& k, std::int32_t s) { return k.step < s; });
  if (it == keys.begin()) return std::nullopt;
  return (it - 1)->step;
}

}  // namespace trioscope::view
