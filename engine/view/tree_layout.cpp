// [SECTION] Texts of the boxes
// [SECTION] Builder: measure and place, each subtree at its own origin, then moved
// [SECTION] Queries
#include "view/tree_layout.hpp"

#include <algorithm>
#include <cmath>

#include "core/utf8.hpp"
#include "view/caption.hpp"
#include "view/exc_text.hpp"
#include "view/playback.hpp"
#include "view/text_wrap.hpp"

namespace trioscope::view {

namespace {
bool valid(std::int32_t id, std::size_t n) { return id >= 0 && static_cast<std::size_t>(id) < n; }

using trio::utf8::count;

// An exception short enough for a box: the repr when it is short, else the class names
// (always, in a brief layout: a crowded tree).
std::string exc_for_box(const trio::Trace& t, std::int32_t exc, bool brief) {
  if (brief) return exc_chip(t, exc);
  std::string full = describe_exc(t, exc);
  return count(full) <= 40 ? full : exc_chip(t, exc);
}

std::string phase_text(const TaskSnap& s, std::int32_t live_children, double now) {
  switch (s.phase) {
    case TaskPhase::sleeping:
      // In virtual time a sleeper wakes at its deadline, unless time.sleep froze the loop.
      if (now > s.until + 1e-9)
        return std::string(state_icon(DisplayState::sleeping)) + " sleep was due at t = " + format_seconds(s.until) +
               " \xE2\x80\x94 overdue: the loop was blocked";  // —
      return std::string(state_icon(DisplayState::sleeping)) +
             (std::isinf(s.until) ? " sleeping forever" : " sleeping until t = " + format_seconds(s.until));
    case TaskPhase::waiting_children: {
      const std::int32_t n = live_children >= 0 ? live_children : s.count;
      // Between the last child's exit and the parent's next step: nothing left to wait for.
      if (n <= 0) return std::string(state_icon(DisplayState::waiting_children)) + " children done: closing the nursery";
      return std::string(state_icon(DisplayState::waiting_children)) + " waiting for " + thousands(static_cast<std::size_t>(n)) +
             (n == 1 ? " child" : " children");
    }
    case TaskPhase::waiting_start:
      return std::string(state_icon(DisplayState::waiting_start)) + " waiting in nursery.start()";
    case TaskPhase::runnable: return std::string(state_icon(DisplayState::runnable)) + " runnable";
    case TaskPhase::running: return std::string(state_icon(DisplayState::running)) + " running";
    default: return "";
  }
}

std::string text_for(const trio::Trace& t, const Snapshot& snap, std::int32_t task, std::int32_t live_children,
                     bool brief = false) {
  const TaskSnap& s = snap.tasks[task];
  const DisplayState d = display_state(snap, task);
  const std::string icon = state_icon(d);
  switch (d) {
    case DisplayState::blocking:
      return icon + " blocking the loop until t = " + format_seconds(s.until);
    case DisplayState::raising: return icon + " raising " + exc_for_box(t, s.live_exc, brief);
    case DisplayState::handling: return icon + " handling " + exc_for_box(t, s.handled_exc, brief);
    case DisplayState::crashed: return icon + " crashed: " + exc_for_box(t, s.final_exc, brief);
    case DisplayState::cancel_pending: return icon + " cancel pending";
    case DisplayState::finished: case DisplayState::cancelled: case DisplayState::absent:
      return icon + " " + state_word(d);
    default: return phase_text(s, live_children, snap.time);
  }
}
}  // namespace

std::string state_text(const trio::Trace& trace, const Snapshot& s, std::int32_t task) {
  if (!valid(task, s.tasks.size())) return "";
  return text_for(trace, s, task, -1);
}

TextMetrics approximate_metrics(float line_height) {
  TextMetrics m;
  m.line_height = line_height;
  m.width = [line_height](std::string_view s) { return 0.6f * line_height * static_cast<float>(count(s)); };
  return m;
}

TextMetrics painter_metrics(const Painter& p, Font regular, Font bold) {
  TextMetrics m;
  m.line_height = p.font_size(regular);
  m.width = [&p, regular](std::string_view t) { return p.text_width(regular, t); };
  m.bold_width = [&p, bold](std::string_view t) { return p.text_width(bold, t); };
  return m;
}

const TreeBox* TreeLayout::find(BoxKind kind, std::int32_t id) const {
  const std::vector<std::int32_t>& index = kind == BoxKind::task ? task_box : kind == BoxKind::nursery ? nursery_box : scope_box;
  if (!valid(id, index.size()) || index[id] < 0) return nullptr;
  return &boxes[index[id]];
}

std::int32_t TreeLayout::hit(float px, float py) const {
  // Boxes are in paint order, so the last hit is the innermost.
  for (std::size_t i = boxes.size(); i-- > 0;) {
    const TreeBox& b = boxes[i];
    if (px >= b.x && px < b.x + b.w && py >= b.y && py < b.y + b.h) return static_cast<std::int32_t>(i);
  }
  return -1;
}

// ---------------------------------------------------------------------------------------
// [SECTION] Builder
// ---------------------------------------------------------------------------------------
namespace {

struct Size {
  float w = 0, h = 0;
};

class Builder {
 public:
  Builder(const trio::Trace& t, const Snapshot& s, const TextMetrics& m, const TreeLayoutOptions& o)
      : t_(t), s_(s), m_(m), o_(o) {
    lh_ = m.line_height;
    out_.line_height = lh_;
    pad_ = std::round(lh_ * 0.4f);
    gap_ = std::round(lh_ * 0.5f);
    out_.pad = pad_;
    out_.task_box.assign(t.tasks.size(), -1);
    out_.nursery_box.assign(t.nurseries.size(), -1);
    out_.scope_box.assign(t.scopes.size(), -1);
    kids_.resize(t.nurseries.size());
    open_nurseries_.resize(t.tasks.size());
    last_closed_.assign(t.tasks.size(), -1);
    for (std::size_t n = 0; n < t.nurseries.size(); ++n) {
      const std::int32_t owner = t.nurseries[n].task;
      if (!valid(owner, t.tasks.size())) continue;
      if (s.nurseries[n].status == NurseryStatus::open) open_nurseries_[owner].push_back(static_cast<std::int32_t>(n));
      else if (s.nurseries[n].status == NurseryStatus::closed && !t.nurseries[n].for_start)
        last_closed_[owner] = static_cast<std::int32_t>(n);  // ids grow in opening order
    }
    for (std::size_t i = 0; i < s.tasks.size(); ++i) {
      const TaskSnap& ts = s.tasks[i];
      if (ts.phase == TaskPhase::absent) continue;
      if (valid(ts.nursery, kids_.size())) kids_[ts.nursery].push_back(static_cast<std::int32_t>(i));
      else roots_.push_back(static_cast<std::int32_t>(i));
    }
  }

  TreeLayout run() {
    float y = 0, w = 0;
    for (std::int32_t r : roots_) {
      const std::size_t first = out_.boxes.size();
      const Size sz = task(r, o_.max_width, -1, 0);
      move(first, 0, y);
      y += sz.h + gap_;
      w = std::max(w, sz.w);
    }
    out_.width = w;
    out_.height = roots_.empty() ? 0 : y - gap_;
    return std::move(out_);
  }

 private:
  float text_w(std::string_view s) const { return m_.width ? m_.width(s) : 0.6f * lh_ * count(s); }
  // Titles are drawn in bold (a task's while it runs): measured in bold, so that they fit.
  float bold_w(std::string_view s) const { return m_.bold_width ? m_.bold_width(s) : text_w(s) * 1.1f; }

  void move(std::size_t first, float dx, float dy) {
    for (std::size_t i = first; i < out_.boxes.size(); ++i) {
      out_.boxes[i].x += dx;
      out_.boxes[i].y += dy;
    }
  }

  std::int32_t push(BoxKind kind, std::int32_t id, std::int32_t parent, std::int32_t depth) {
    TreeBox b;
    b.kind = kind;
    b.id = id;
    b.parent = parent;
    b.depth = depth;
    out_.boxes.push_back(std::move(b));
    const auto index = static_cast<std::int32_t>(out_.boxes.size() - 1);
    auto& map = kind == BoxKind::task ? out_.task_box : kind == BoxKind::nursery ? out_.nursery_box : out_.scope_box;
    if (valid(id, map.size())) map[id] = index;
    return index;
  }

  // The open scopes of `task`, outermost first (a nursery counts through its scope).
  std::vector<std::int32_t> chain_of(std::int32_t task) const {
    std::vector<std::int32_t> chain;
    for (std::int32_t sc = s_.tasks[task].scope, guard = 0;
         sc >= 0 && guard <= static_cast<std::int32_t>(s_.scopes.size()); sc = s_.scopes[sc].outer, ++guard) {
      if (t_.scopes[sc].task != task) break;
      chain.push_back(sc);
    }
    std::reverse(chain.begin(), chain.end());
    return chain;
  }

  std::int32_t live_children(std::int32_t nursery) const {
    std::int32_t n = 0;
    if (valid(nursery, kids_.size()))
      for (std::int32_t k : kids_[nursery]) n += is_alive(s_.tasks[k]);
    return n;
  }

  // The nursery whose end the task waits at: its innermost nursery scope.
  std::int32_t waiting_nursery(std::int32_t task) const {
    for (std::int32_t sc = s_.tasks[task].scope, guard = 0;
         sc >= 0 && guard <= static_cast<std::int32_t>(s_.scopes.size()); sc = s_.scopes[sc].outer, ++guard)
      if (t_.scopes[sc].kind == trio::ScopeKind::nursery) return t_.scopes[sc].nursery;
    return -1;
  }

  Size task(std::int32_t id, float max_w, std::int32_t parent, std::int32_t depth) {
    const std::int32_t bi = push(BoxKind::task, id, parent, depth);
    const TaskSnap& ts = s_.tasks[id];
    {
      TreeBox& b = out_.boxes[bi];
      b.state = display_state(s_, id);
      // What is over recedes; a crash stays strong: its error is still on its way.
      if (b.state == DisplayState::finished || b.state == DisplayState::cancelled) b.fade = kDoneFade;
      b.cancel_pending = ts.cancel_pending;
      b.handling = ts.handled_exc >= 0;
      b.is_running = s_.running == id;
      b.line = ts.line;
      b.title = task_label(t_, id);
      const std::int32_t live = ts.phase == TaskPhase::waiting_children ? live_children(waiting_nursery(id)) : -1;
      b.detail = text_for(t_, s_, id, live, o_.brief);
      const bool in_finally = o_.blocks && o_.blocks->in_finally(ts.line);
      if (b.state == DisplayState::raising && in_finally) {
        b.badge = "running its finally block first";
      } else if (ts.live_exc >= 0 && b.state != DisplayState::raising) {
        b.badge = std::string(state_icon(DisplayState::raising)) + " " + exc_chip(t_, ts.live_exc) + " unwinding" +
                  (in_finally ? ", paused in finally" : "");
      } else if (b.state == DisplayState::cancel_pending) {
        const std::string phase = phase_text(ts, live, s_.time);
        const std::string where = pending_checkpoint(s_, id);
        b.badge = where.empty() ? phase : phase + " (Cancelled there)";
      } else if (b.cancel_pending) {
        b.badge = std::string(state_icon(DisplayState::cancel_pending)) + " cancel pending";
        // Caught a Cancelled and carrying on inside the handler: both are the lesson.
        if (b.handling && b.state != DisplayState::handling) b.badge += " \xC2\xB7 in except: " + exc_chip(t_, ts.handled_exc);
      } else if (b.handling && b.state != DisplayState::handling) {
        b.badge = std::string(state_icon(DisplayState::handling)) + " in except: " + exc_chip(t_, ts.handled_exc);
      }
    }
    const int lines = out_.boxes[bi].badge.empty() ? 2 : 3;
    const float stripe = std::round(lh_ * 0.3f);
    const float header_h = pad_ + lines * lh_ + pad_ * 0.5f;
    float header_w = 0;
    {
      TreeBox& b = out_.boxes[bi];
      // A text wider than the room (a long exception in a narrow panel) is shortened;
      // the box's tooltip says it whole.
      const float room = std::max(max_w, 8 * lh_) - 2 * pad_ - stripe;
      if (text_w(b.detail) > room) b.detail = shortened(b.detail, room);
      if (text_w(b.badge) > room) b.badge = shortened(b.badge, room);
      // The title keeps its line tag when both fit (the screen drops the tag otherwise).
      const std::string line_tag = b.line ? "  L" + std::to_string(b.line) : "";
      float title_w = bold_w(b.title) + text_w(line_tag);
      if (title_w > room) {
        if (bold_w(b.title) > room) b.title = shortened(b.title, room, /*bold=*/true);
        title_w = bold_w(b.title);
      }
      header_w = std::max({title_w, text_w(b.detail), text_w(b.badge)}) + 2 * pad_ + stripe;
    }
    // Content: the chain of open scopes, plus nurseries opened outside any scope (the
    // hidden nursery of nursery.start() has none).
    const std::vector<std::int32_t> chain = chain_of(id);
    const float inner_max = max_w - 2 * pad_ - stripe;
    float cw = 0, ch = 0;
    {
      const std::size_t first = out_.boxes.size();
      const Size c = chain_from(id, chain, 0, inner_max, bi, depth + 1);
      move(first, pad_ + stripe, header_h);
      cw = c.w;
      ch = c.h;
    }
    for (const std::int32_t n : open_nurseries_[id]) {
      const auto& info = t_.nurseries[n];
      const bool in_chain = valid(info.scope, t_.scopes.size()) &&
                            std::find(chain.begin(), chain.end(), info.scope) != chain.end();
      if (in_chain) continue;
      if (valid(info.scope, t_.scopes.size()) && out_.scope_box[info.scope] >= 0) continue;
      const std::size_t first = out_.boxes.size();
      const Size c = nursery(n, {}, 0, inner_max, bi, depth + 1, id);
      move(first, pad_ + stripe, header_h + ch + (ch > 0 ? gap_ : 0));
      ch += c.h + (ch > 0 ? gap_ : 0);
      cw = std::max(cw, c.w);
    }
    // The nursery it closed last stays, faded, while the task has no other open: the group
    // is seen leaving its `async with`, and the end of the run recaps what happened.
    if (open_nurseries_[id].empty() && last_closed_[id] >= 0) {
      const std::size_t first = out_.boxes.size();
      const Size c = nursery(last_closed_[id], {}, 0, inner_max, bi, depth + 1, id);
      for (std::size_t i = first; i < out_.boxes.size(); ++i) out_.boxes[i].fade = kClosedFade;
      move(first, pad_ + stripe, header_h + ch + (ch > 0 ? gap_ : 0));
      ch += c.h + (ch > 0 ? gap_ : 0);
      cw = std::max(cw, c.w);
    }
    TreeBox& b = out_.boxes[bi];
    b.header_h = header_h;
    b.w = std::max(header_w, cw + 2 * pad_ + stripe);
    b.h = header_h + (ch > 0 ? ch + pad_ : 0);
    return {b.w, b.h};
  }

  // chain[k..] of task `owner`, at the origin.
  Size chain_from(std::int32_t owner, const std::vector<std::int32_t>& chain, std::size_t k, float max_w,
                  std::int32_t parent, std::int32_t depth) {
    if (k >= chain.size()) return {};
    const std::int32_t sc = chain[k];
    if (t_.scopes[sc].kind == trio::ScopeKind::nursery && valid(t_.scopes[sc].nursery, t_.nurseries.size()))
      return nursery(t_.scopes[sc].nursery, chain, k + 1, max_w, parent, depth, owner);
    return scope(sc, chain, k + 1, max_w, parent, depth, owner);
  }

  Size scope(std::int32_t sc, const std::vector<std::int32_t>& chain, std::size_t k, float max_w,
             std::int32_t parent, std::int32_t depth, std::int32_t owner) {
    const std::int32_t bi = push(BoxKind::scope, sc, parent, depth);
    const trio::ScopeInfo& info = t_.scopes[sc];
    const ScopeSnap& ss = s_.scopes[sc];
    float icons = 0;
    {
      TreeBox& b = out_.boxes[bi];
      b.cancelled = ss.cancelled;
      b.shield = info.shield;
      b.has_deadline = !std::isinf(info.deadline);
      b.caught = ss.caught;
      b.title = describe_scope(t_, sc);
      std::string d;
      if (b.has_deadline) d = "t = " + format_seconds(info.deadline);
      if (b.shield) d += std::string(d.empty() ? "" : "  ") + "shield";
      if (ss.cancelled) {
        const char* why = ss.source == trio::CancelSource::deadline ? "deadline"
                          : ss.source == trio::CancelSource::explicit_ ? "cancel()"
                          : ss.source == trio::CancelSource::nursery ? "child error" : "";
        d += std::string(d.empty() ? "" : "  ") + state_icon(DisplayState::cancel_pending) + " cancelled" +
             (*why ? std::string(" (") + why + ")" : "");
      }
      if (ss.caught) d += "  caught";
      b.detail = d;
      icons = (b.has_deadline ? 1.2f * lh_ : 0) + (b.shield ? 1.2f * lh_ : 0);
    }
    // The innermost frame says who is inside it: the task's code runs here.
    if (k >= chain.size()) out_.boxes[bi].badge = "\xE2\x96\xB8 " + task_label(t_, owner) + " is here";  // ▸
    {
      // A header wider than the room (a long `as` name, a projector's large font) puts its
      // detail on a line of its own rather than past the panel's edge.
      TreeBox& b = out_.boxes[bi];
      const float room = std::max(max_w, 8 * lh_) - 2 * pad_;
      b.detail_below = !b.detail.empty() && icons + text_w(b.title) + gap_ + text_w(b.detail) > room;
      if (icons + text_w(b.title) > room) b.title = shortened(b.title, std::max(room - icons, 4 * lh_));
      if (text_w(b.detail) > room) b.detail = shortened(b.detail, room);
      if (text_w(b.badge) > room) b.badge = shortened(b.badge, room);
    }
    const TreeBox& hb = out_.boxes[bi];
    const int header_lines = 1 + (hb.detail_below ? 1 : 0) + (hb.badge.empty() ? 0 : 1);
    const float header_h = pad_ + lh_ * header_lines + pad_ * 0.5f;
    const float header_w = std::max({hb.detail_below ? icons + text_w(hb.title) : text_w(hb.title) + gap_ + icons + text_w(hb.detail),
                                     hb.detail_below ? text_w(hb.detail) : 0.0f, text_w(hb.badge)}) + 2 * pad_;
    const std::size_t first = out_.boxes.size();
    const Size c = chain_from(owner, chain, k, max_w - 2 * pad_, bi, depth + 1);
    move(first, pad_, header_h);
    TreeBox& b = out_.boxes[bi];
    b.header_h = header_h;
    b.w = std::max(header_w, c.w + 2 * pad_);
    b.h = header_h + (c.h > 0 ? c.h + pad_ : pad_ * 0.5f);
    return {b.w, b.h};
  }

  Size nursery(std::int32_t n, const std::vector<std::int32_t>& chain, std::size_t k, float max_w,
               std::int32_t parent, std::int32_t depth, std::int32_t owner) {
    const std::int32_t bi = push(BoxKind::nursery, n, parent, depth);
    const trio::NurseryInfo& info = t_.nurseries[n];
    const NurserySnap& ns = s_.nurseries[n];
    {
      TreeBox& b = out_.boxes[bi];
      b.title = info.for_start ? "nursery.start()" : (info.name.empty() ? "nursery" : info.name);
      b.closed = ns.status == NurseryStatus::closed;
      std::string d = b.closed          ? std::string(state_icon(DisplayState::finished)) + " closed"
                      : info.for_start ? "until started()"
                                       : (info.strict ? "strict groups" : "loose groups");
      if (valid(info.scope, s_.scopes.size()) && s_.scopes[info.scope].cancelled)
        d += std::string("  ") + state_icon(DisplayState::cancel_pending) + " cancelled";
      b.detail = d;
      b.cancelled = valid(info.scope, s_.scopes.size()) && s_.scopes[info.scope].cancelled;
      // The errors it holds, then what they became.
      if (ns.errors > 0 && o_.playback) {
        const auto& evs = o_.playback->nursery_errors(n);
        const std::int32_t shown = std::min<std::int32_t>(ns.errors, 6);
        for (std::int32_t i = 0; i < shown && i < static_cast<std::int32_t>(evs.size()); ++i)
          b.chips.push_back(exc_chip(t_, t_.events[evs[i]].exc));
        if (ns.errors > shown) b.chips.push_back("+" + std::to_string(ns.errors - shown));
      } else if (ns.errors > 0) {
        b.chips.push_back(exc_chip(t_, ns.last_error));
        if (ns.errors > 1) b.chips.push_back("+" + std::to_string(ns.errors - 1));
      }
      // What the errors became: the group, then what actually left the nursery's scope (the
      // same fact the caption and the timeline state: step_facts.hpp).
      bool left = false;
      const std::int32_t outcome = nursery_outcome(s_, t_, n, &left);
      if (outcome >= 0) b.chips.push_back("\xE2\x86\x92 " + exc_chip(t_, outcome));  // →
      else if (left) b.chips.push_back("\xE2\x86\x92 Cancelled absorbed");
    }
    const float header_h = pad_ + lh_ + pad_ * 0.5f;
    const float header_w = bold_w(out_.boxes[bi].title) + gap_ + text_w(out_.boxes[bi].detail) + 2 * pad_;
    const float inner_max = std::max(max_w - 2 * pad_, 4 * lh_);

    // Items in rows: the body going on inside the nursery, then the children.
    float x = 0, y = 0, row_h = 0, content_w = 0;
    auto place = [&](std::size_t first, Size sz, float g) {
      if (x > 0 && x + sz.w > inner_max) {
        x = 0;
        y += row_h + g;
        row_h = 0;
      }
      move(first, pad_ + x, header_h + y);
      x += sz.w + g;
      row_h = std::max(row_h, sz.h);
      content_w = std::max(content_w, x - g);
    };
    if (k < chain.size()) {
      const std::size_t first = out_.boxes.size();
      place(first, chain_from(owner, chain, k, inner_max, bi, depth + 1), gap_);
    }
    const auto& kids = kids_[n];
    const bool compact = static_cast<std::int32_t>(kids.size()) > o_.compact_threshold;
    for (std::int32_t kid : kids) {
      const std::size_t first = out_.boxes.size();
      if (compact) place(first, chip(kid, bi, depth + 1), std::round(lh_ * 0.2f));
      else place(first, task(kid, inner_max, bi, depth + 1), gap_);
    }
    float content_h = row_h > 0 ? y + row_h : 0;
    TreeBox& b = out_.boxes[bi];
    b.header_h = header_h;
    b.chips_y = header_h + content_h + (content_h > 0 ? pad_ : 0);
    // Chips in rows within the width the content leaves (at least the inner width).
    const float chip_h = lh_ * kChipHeight, chip_gap = std::round(lh_ * 0.4f);
    const float chips_max = std::max(content_w, std::min(inner_max, std::max(header_w - 2 * pad_, 12 * lh_)));
    float cx = 0, cy = 0, chips_w = 0;
    for (auto& c : b.chips) {
      // A chip wider than the nursery can hold (a group of many members) is shortened;
      // the nursery's tooltip has the whole exception.
      const float room = std::max(inner_max, 6 * lh_) - kChipPadding * lh_;
      if (text_w(c) > room) c = shortened(c, room);
      const float w = text_w(c) + kChipPadding * lh_;
      if (cx > 0 && cx + w > chips_max) {
        cx = 0;
        cy += chip_h + chip_gap * 0.5f;
      }
      b.chip_x.push_back(pad_ + cx);
      b.chip_y.push_back(b.chips_y + cy);
      cx += w + chip_gap;
      chips_w = std::max(chips_w, cx - chip_gap);
    }
    const float chips_h = b.chips.empty() ? 0 : cy + chip_h;
    b.w = std::max({header_w, content_w + 2 * pad_, chips_w + 2 * pad_});
    b.h = b.chips_y + chips_h + pad_;
    return {b.w, b.h};
  }

  // `s` shortened with "…" so that it measures at most max_w.
  std::string shortened(const std::string& s, float max_w, bool bold = false) {
    ++out_.shortened;
    return fit_text(s, max_w, [&](std::string_view t) { return bold ? bold_w(t) : text_w(t); });
  }

  Size chip(std::int32_t id, std::int32_t parent, std::int32_t depth) {
    const std::int32_t bi = push(BoxKind::task, id, parent, depth);
    TreeBox& b = out_.boxes[bi];
    b.compact = true;
    b.state = display_state(s_, id);
    b.cancel_pending = s_.tasks[id].cancel_pending;
    b.is_running = s_.running == id;
    b.line = s_.tasks[id].line;
    b.title = task_label(t_, id);
    b.w = b.h = std::round(lh_ * 1.3f);
    b.header_h = b.h;
    return {b.w, b.h};
  }

  const trio::Trace& t_;
  const Snapshot& s_;
  const TextMetrics& m_;
  const TreeLayoutOptions& o_;
  float lh_ = 18, pad_ = 7, gap_ = 9;
  TreeLayout out_;
  std::vector<std::vector<std::int32_t>> kids_;            // nursery -> tasks living in it
  std::vector<std::vector<std::int32_t>> open_nurseries_;  // task -> open nurseries it owns
  std::vector<std::int32_t> last_closed_;                   // task -> the last nursery it closed
  std::vector<std::int32_t> roots_;
};

}  // namespace

FocusRect focus_of(const TreeLayout& l, const trio::Trace& t, std::int32_t step) {
  FocusRect r;
  if (!valid(step, t.events.size())) return r;
  const trio::Event& e = t.events[step];
  auto whole = [&](const TreeBox* b, bool header_only) {
    if (!b) return false;
    r = {b->x, b->y, b->x + b->w, b->y + (header_only ? std::min(b->h, b->header_h) : b->h), true};
    return true;
  };
  using K = trio::EventKind;
  switch (e.kind) {
    case K::exception_to_nursery:
    case K::group_formed:
    case K::nursery_reraise:
      if (const TreeBox* b = l.find(BoxKind::nursery, e.nursery)) {
        if (b->chips.empty()) {
          whole(b, true);
          return r;
        }
        r = {b->x, b->y + b->chips_y, b->x + b->w, b->y + b->h, true};
        return r;
      }
      break;
    case K::nursery_opened:
      if (whole(l.find(BoxKind::nursery, e.nursery), true)) return r;
      break;
    case K::scope_cancelled:
    case K::scope_entered:
      if (whole(l.find(BoxKind::scope, e.scope), true)) return r;
      if (valid(e.scope, t.scopes.size()) && whole(l.find(BoxKind::nursery, t.scopes[e.scope].nursery), true)) return r;
      break;
    default: break;
  }
  if (whole(l.find(BoxKind::task, e.task), true)) return r;
  // A nursery event whose box is gone (closed): the task that opened it.
  if (valid(e.nursery, t.nurseries.size())) whole(l.find(BoxKind::task, t.nurseries[e.nursery].task), true);
  return r;
}

TreeLayout layout_tree(const trio::Trace& trace, const Snapshot& snapshot, const TextMetrics& metrics,
                       const TreeLayoutOptions& options) {
  return Builder(trace, snapshot, metrics, options).run();
}

}  // namespace trioscope::view
