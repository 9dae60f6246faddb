#include "view/effects.hpp"

#include <algorithm>

#include "view/exc_text.hpp"
#include "view/playback.hpp"

namespace trioscope::view {

using trio::EventKind;

namespace {
bool valid(std::int32_t id, std::size_t n) { return id >= 0 && static_cast<std::size_t>(id) < n; }

// How many scopes lie between a task and `scope`: the nearer, the earlier the token arrives.
int distance(const Snapshot& s, const trio::Trace& t, std::int32_t task, std::int32_t scope) {
  int d = 0;
  for (std::int32_t x = task_scope(s, t, task); x >= 0 && d <= static_cast<int>(s.scopes.size());
       x = enclosing_scope(s, t, x), ++d)
    if (x == scope) return d;
  return d;
}
}  // namespace

std::vector<Effect> effects_for_step(const trio::Trace& trace, const Snapshot& before, const Snapshot& after) {
  std::vector<Effect> out;
  if (!valid(after.step, trace.events.size())) return out;
  const trio::Event& e = trace.events[after.step];
  const Anchor task{AnchorKind::task, e.task};
  auto owner_of = [&](std::int32_t n) { return valid(n, trace.nurseries.size()) ? trace.nurseries[n].task : -1; };

  switch (e.kind) {
    case EventKind::task_spawned: {
      const std::int32_t parent = before.running >= 0 ? before.running : owner_of(e.nursery);
      if (parent >= 0 && parent != e.task)
        out.push_back({EffectKind::travel, {AnchorKind::task, parent}, task, ColorRole::spawn, "start_soon", 0, 0.8f});
      break;
    }
    case EventKind::scope_cancelled: {
      // One token per task the cancellation reaches, nearest first.
      std::vector<std::pair<int, std::int32_t>> hit;
      for (std::size_t i = 0; i < after.tasks.size(); ++i)
        if (after.tasks[i].cancel_pending && !before.tasks[i].cancel_pending)
          hit.push_back({distance(after, trace, static_cast<std::int32_t>(i), e.scope), static_cast<std::int32_t>(i)});
      std::stable_sort(hit.begin(), hit.end());
      out.push_back({EffectKind::burst, {}, {AnchorKind::scope, e.scope}, ColorRole::cancellation, "cancel", 0, 0.4f});
      const int far = hit.empty() ? 1 : std::max(1, hit.back().first);
      const std::size_t shown = std::min<std::size_t>(hit.size(), 64);  // a token per task up to a point
      for (std::size_t i = 0; i < shown; ++i) {
        const float delay = 0.15f + 0.35f * static_cast<float>(hit[i].first) / static_cast<float>(far + 1);
        out.push_back({EffectKind::travel, {AnchorKind::scope, e.scope}, {AnchorKind::task, hit[i].second},
                       ColorRole::cancellation, "Cancelled", delay, 0.5f});
      }
      break;
    }
    case EventKind::cancel_delivered:
      out.push_back({EffectKind::burst, {}, task, ColorRole::cancellation, "Cancelled", 0, 0.7f});
      break;
    case EventKind::scope_caught_cancelled:
      out.push_back({EffectKind::gather, {}, {AnchorKind::scope, e.scope}, ColorRole::cancellation, "caught", 0, 0.7f});
      break;
    case EventKind::raised:
      out.push_back({EffectKind::burst, {}, task, ColorRole::exception, exc_chip(trace, e.exc), 0, 0.7f});
      break;
    case EventKind::exception_to_nursery:
      out.push_back({EffectKind::travel, task, {AnchorKind::nursery_errors, e.nursery},
                     is_cancelled_exc(trace, e.exc) ? ColorRole::cancellation : ColorRole::exception,
                     exc_chip(trace, e.exc), 0, 0.9f});
      break;
    case EventKind::group_formed:
      out.push_back({EffectKind::gather, {}, {AnchorKind::nursery_errors, e.nursery}, ColorRole::exception,
                     exc_chip(trace, e.exc), 0, 0.9f});
      break;
    case EventKind::nursery_reraise:
      out.push_back({EffectKind::travel, {AnchorKind::nursery, e.nursery}, {AnchorKind::task, owner_of(e.nursery)},
                     ColorRole::exception, exc_chip(trace, e.exc), 0, 0.9f});
      break;
    case EventKind::handler_entered:
      out.push_back({EffectKind::gather, {}, task, ColorRole::handling, "caught " + exc_chip(trace, e.exc), 0, 0.8f});
      break;
    case EventKind::task_finished:
      if (e.exc >= 0 && valid(e.task, before.tasks.size()) && !valid(before.tasks[e.task].nursery, trace.nurseries.size()))
        out.push_back({EffectKind::travel, task, {AnchorKind::run_exit, -1}, ColorRole::exception,
                       exc_chip(trace, e.exc), 0, 0.9f});
      break;
    case EventKind::run_finished:
      if (e.exc >= 0)
        out.push_back({EffectKind::burst, {}, {AnchorKind::run_exit, -1}, ColorRole::exception,
                       "trio.run raised " + exc_chip(trace, e.exc), 0, 1});
      break;
    case EventKind::woken:
      out.push_back({EffectKind::burst, {}, task, e.exc >= 0 ? ColorRole::cancellation : ColorRole::runnable, "", 0, 0.5f});
      break;
    case EventKind::step_started:
      out.push_back({EffectKind::burst, {}, task, ColorRole::running, "", 0, 0.5f});
      break;
    case EventKind::print:
      out.push_back({EffectKind::burst, {}, task, ColorRole::output, "print", 0, 0.7f});
      break;
    default:
      break;
  }
  return out;
}

std::vector<Effect> effects_between(const trio::Trace& trace, const Playback& pb, const SourceBlocks* blocks,
                                    std::int32_t from, std::int32_t to) {
  std::vector<Effect> out;
  const std::int32_t n = to - from;
  if (n < 1 || n > 48) return out;
  Snapshot before = pb.snapshot_at(from);
  std::vector<std::vector<Effect>> per_event;
  for (std::int32_t s = from + 1; s <= to; ++s) {
    Snapshot after = before;
    apply_next(after, trace, blocks);
    std::vector<Effect> fx = effects_for_step(trace, before, after);
    // Over several events, skip the small "it runs now" pulses: they would only flicker.
    if (n > 1) std::erase_if(fx, [](const Effect& e) { return e.label.empty(); });
    if (!fx.empty()) per_event.push_back(std::move(fx));
    before = std::move(after);
  }
  const float slices = static_cast<float>(std::max<std::size_t>(per_event.size(), 1));
  for (std::size_t i = 0; i < per_event.size(); ++i)
    for (Effect e : per_event[i]) {
      e.delay = (static_cast<float>(i) + e.delay) / slices;
      e.length = std::min(1.0f - e.delay, e.length / slices * 1.6f);
      out.push_back(std::move(e));
    }
  return out;
}

}  // namespace trioscope::view
