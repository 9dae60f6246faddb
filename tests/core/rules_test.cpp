// One test per rule of ../shared/spec/trio-semantics.md, written with the engine's C++ API.
// Every expectation is what real Trio printed for the same program (the spec's [V]/[V+]
// observations, Trio 0.34 where the versions differ); the section is named in each test.
#include <gtest/gtest.h>

#include <set>

#include "core/runner.hpp"

using trio::Async;
using trio::Nursery;
using trio::Value;

namespace {

std::string log_of(const trio::RunResult& r) {
  std::string s;
  for (const trio::Event& e : r.trace.events)
    if (e.kind == trio::EventKind::print) s += (s.empty() ? "" : " ") + std::string(r.trace.text(e));
  return s;
}

trio::RunResult run(std::function<Async<void>()> main, trio::Scheduling sched = trio::Scheduling::fifo,
                    bool strict = true) {
  trio::RunSettings s;
  s.scheduling = sched;
  s.strict_exception_groups = strict;
  return trio::run(std::move(main), s);
}

std::string outcome(const trio::RunResult& r) { return r.error ? trio::canonical(*r.error) : "returned"; }
std::string repr_of(const trio::RunResult& r) { return r.error ? trio::exc_repr(*r.error) : "returned"; }

// ---- 2. Nursery lifecycle ------------------------------------------------------------------

Async<void> ticking_child(std::string t) {
  trio::print(t);
  co_await trio::sleep(0);
  trio::print(t + "2");
}

// 2.6 [V+]: fifo : P1 a b c P2 a2 b2 c2 P3
TEST(NurseryLifecycle, ChildrenRunInTheNextBatchInFifoOrder) {
  auto r = run([]() -> Async<void> {
    co_await trio::open_nursery([](Nursery& n) -> Async<void> {
      for (std::string t : {"a", "b", "c"}) n.start_soon(ticking_child(t), t);
      trio::print("P1");
      co_await trio::sleep(0);
      trio::print("P2");
    });
    trio::print("P3");
  });
  EXPECT_EQ(log_of(r), "P1 a b c P2 a2 b2 c2 P3");
}

// 2.3 [V]: a child started into an already-cancelled nursery still runs to its first checkpoint.
TEST(NurseryLifecycle, ChildOfCancelledNurseryRunsUntilItsFirstCheckpoint) {
  auto r = run([]() -> Async<void> {
    co_await trio::open_nursery([](Nursery& n) -> Async<void> {
      n.cancel_scope().cancel();
      n.start_soon([]() -> Async<void> {
        trio::print("child ran");
        co_await trio::sleep(1);
        trio::print("never");
      }(), "child");
      co_return;
    });
    trio::print("after");
  });
  EXPECT_EQ(log_of(r), "child ran after");
  EXPECT_EQ(outcome(r), "returned");
}

// 2.4 [V+]: start_soon into a closed nursery.
TEST(NurseryLifecycle, ClosedNurseryRefusesNewArrivals) {
  auto r = run([]() -> Async<void> {
    std::shared_ptr<Nursery> kept;
    co_await trio::open_nursery([&](Nursery& n) -> Async<void> {
      kept = n.shared_from_this();
      co_return;
    });
    kept->start_soon(trio::sleep(1), "late");
  });
  EXPECT_EQ(repr_of(r), "RuntimeError('Nursery is closed to new arrivals')");
}

// 2.4 [V]: while the nursery is open, a child may start_soon into it after the body ended.
TEST(NurseryLifecycle, ChildrenMayStartSiblingsAfterTheBodyEnded) {
  auto r = run([]() -> Async<void> {
    co_await trio::open_nursery([](Nursery& n) -> Async<void> {
      Nursery* np = &n;
      n.start_soon([](Nursery* n) -> Async<void> {
        co_await trio::sleep(1);
        n->start_soon([]() -> Async<void> {
          co_await trio::sleep(1);
          trio::print("late sibling at " + trio::float_repr(trio::current_time()));
        }(), "late");
      }(np), "starter");
      co_return;
    });
  });
  EXPECT_EQ(log_of(r), "late sibling at 2.0");
}

// ---- 3. nursery.start ------------------------------------------------------------------------

// 3.2 [V]: start() returns the value in the next batch; the child keeps running its step.
TEST(Start, ReturnsTheStartedValue) {
  auto r = run([]() -> Async<void> {
    co_await trio::open_nursery([](Nursery& n) -> Async<void> {
      Value v = co_await n.start(
          [](trio::TaskStatus& st) -> Async<void> {
            co_await trio::sleep(1);
            st.started(Value(std::string("hi")));
            trio::print("after started()");
          },
          "good");
      trio::print("start() -> " + trio::py_repr(v) + " t=" + trio::float_repr(trio::current_time()));
    });
  });
  EXPECT_EQ(log_of(r), "after started() start() -> 'hi' t=1.0");
}

// 3.4 [V+]
TEST(Start, ChildExitingWithoutStartedIsAnError) {
  auto r = run([]() -> Async<void> {
    co_await trio::open_nursery([](Nursery& n) -> Async<void> {
      co_await n.start([](trio::TaskStatus&) -> Async<void> { co_return; }, "never");
    });
  });
  EXPECT_EQ(outcome(r), "ExceptionGroup[RuntimeError('child exited without calling task_status.started()')]");
}

// 3.5 + 9.3 [V]: an error before started() comes out of start() bare (Trio >= 0.23).
TEST(Start, EarlyErrorComesOutOfStartUnwrapped) {
  auto r = run([]() -> Async<void> {
    co_await trio::open_nursery([](Nursery& n) -> Async<void> {
      try {
        co_await n.start([](trio::TaskStatus&) -> Async<void> {
          trio::raise(trio::make_exc("ValueError", "early"));
          co_return;
        }, "early");
      } catch (const trio::Error& e) {
        trio::print("start() raised " + trio::exc_repr(*e.exc));
      }
    });
  });
  EXPECT_EQ(log_of(r), "start() raised ValueError('early')");
  EXPECT_EQ(outcome(r), "returned");
}

// 3.3 [V]: started() twice: start() already returned 1; the nursery gets the RuntimeError.
TEST(Start, StartedTwiceFailsInTheNewNursery) {
  auto r = run([]() -> Async<void> {
    co_await trio::open_nursery([](Nursery& n) -> Async<void> {
      Value v = co_await n.start([](trio::TaskStatus& st) -> Async<void> {
        st.started(Value(std::int64_t(1)));
        st.started(Value(std::int64_t(2)));
        co_return;
      }, "twice");
      trio::print("start() -> " + trio::py_repr(v));
    });
  });
  EXPECT_EQ(log_of(r), "start() -> 1");
  EXPECT_EQ(outcome(r), "ExceptionGroup[RuntimeError(\"called 'started' twice on the same task status\")]");
}

// ---- 4. Checkpoints --------------------------------------------------------------------------

// 4.1 [V+]: victim pre-cancelled; a ticker logs T0..T3 with sleep(0) in between.
//   sleep_forever: V0 T0 V:exc T1 T2 T3      checkpoint: V0 T0 T1 V:exc T2 T3
std::string pre_cancelled(bool use_checkpoint) {
  auto r = run([use_checkpoint]() -> Async<void> {
    co_await trio::open_nursery([use_checkpoint](Nursery& n) -> Async<void> {
      n.start_soon([](bool cp) -> Async<void> {
        trio::CancelScope cs;
        cs.cancel();
        co_await trio::with(cs, [cp]() -> Async<void> {
          trio::print("V0");
          try {
            if (cp) co_await trio::checkpoint();
            else co_await trio::sleep_forever();
          } catch (const trio::Error&) {
            trio::print("V:exc");
            throw;
          }
        });
      }(use_checkpoint), "victim");
      n.start_soon([]() -> Async<void> {
        for (int i = 0; i < 4; ++i) {
          trio::print("T" + std::to_string(i));
          co_await trio::sleep(0);
        }
      }(), "ticker");
      co_return;
    });
  });
  return log_of(r);
}

TEST(Checkpoints, BlockedWaitRaisesCancelledOneBatchLater) { EXPECT_EQ(pre_cancelled(false), "V0 T0 V:exc T1 T2 T3"); }
TEST(Checkpoints, CheckpointRaisesCancelledTwoBatchesLater) { EXPECT_EQ(pre_cancelled(true), "V0 T0 T1 V:exc T2 T3"); }

// 4.2 [V]: a task that never reaches a checkpoint cannot be cancelled, and the nursery waits.
TEST(Checkpoints, BlockingCallIsNotACheckpoint) {
  auto r = run([]() -> Async<void> {
    co_await trio::open_nursery([](Nursery& n) -> Async<void> {
      n.start_soon([]() -> Async<void> {
        co_await trio::sleep(1);
        trio::raise(trio::make_exc("ValueError", "Oops"));
      }(), "problematic");
      n.start_soon([]() -> Async<void> {
        trio::block(10);
        trio::print("awake at " + trio::float_repr(trio::current_time()));
        co_return;
      }(), "bad");
      co_return;
    });
  });
  EXPECT_EQ(log_of(r), "awake at 10.0");
  EXPECT_EQ(outcome(r), "ExceptionGroup[ValueError('Oops')]");
  EXPECT_DOUBLE_EQ(r.end_time, 10.0);
}

// 9.6: sleep(-1) message in Trio >= 0.27.
TEST(Checkpoints, NegativeSleepIsAValueError) {
  auto r = run([]() -> Async<void> { co_await trio::sleep(-1); });
  EXPECT_EQ(repr_of(r), "ValueError('`seconds` must be non-negative')");
}

// ---- 6. Cancel scopes ------------------------------------------------------------------------

// 6.6 (a) [V+]: inner.cancel(); outer.cancel(); sleep(1) -> only the outer catches.
TEST(CancelScopes, OutermostCancelledScopeCatches) {
  auto r = run([]() -> Async<void> {
    trio::CancelScope outer, inner;
    co_await trio::with(outer, [&]() -> Async<void> {
      co_await trio::with(inner, [&]() -> Async<void> {
        inner.cancel();
        outer.cancel();
        co_await trio::sleep(1);
      });
    });
    trio::print(std::string("inner=") + (inner.cancelled_caught() ? "True" : "False") +
                " outer=" + (outer.cancelled_caught() ? "True" : "False"));
  });
  EXPECT_EQ(log_of(r), "inner=False outer=True");
}

// 6.6 (b) [V+]: swallowing Cancelled: every later checkpoint raises a new one.
TEST(CancelScopes, SwallowedCancelledComesBack) {
  auto r = run([]() -> Async<void> {
    trio::CancelScope cs;
    co_await trio::with(cs, [&]() -> Async<void> {
      cs.cancel();
      for (int i = 0; i < 2; ++i) {
        try {
          co_await trio::sleep(1);
        } catch (const trio::Error& e) {
          if (!trio::is_cancelled(*e.exc)) throw;
          trio::print("Cancelled #" + std::to_string(i) + " swallowed");
        }
      }
    });
    trio::print(std::string("cancelled_caught=") + (cs.cancelled_caught() ? "True" : "False"));
  });
  EXPECT_EQ(log_of(r), "Cancelled #0 swallowed Cancelled #1 swallowed cancelled_caught=False");
}

// 6.6 (c) [V+]: in finally, a checkpoint raises at once; a shielded one waits.
TEST(CancelScopes, ShieldedCleanupInFinally) {
  auto r = run([]() -> Async<void> {
    trio::CancelScope cs;
    co_await trio::with(cs, [&]() -> Async<void> {
      cs.cancel();
      trio::Exc pending;
      try {
        co_await trio::sleep(1);
      } catch (const trio::Error& e) {
        pending = e.exc;
      }
      try {
        co_await trio::sleep(1);
      } catch (const trio::Error&) {
        trio::print("Cancelled at t=" + trio::float_repr(trio::current_time()));
      }
      {
        trio::CancelScope::Options shielded;
        shielded.shield = true;
        trio::CancelScope shield(shielded);
        co_await trio::with(shield, []() -> Async<void> { co_await trio::sleep(1); });
      }
      trio::print("done at t=" + trio::float_repr(trio::current_time()));
      if (pending) throw trio::Error(pending);
    });
    trio::print(std::string("cancelled_caught=") + (cs.cancelled_caught() ? "True" : "False"));
  });
  EXPECT_EQ(log_of(r), "Cancelled at t=0.0 done at t=1.0 cancelled_caught=True");
}

// 6.7 [V]: fail_after raises TooSlowError with str ''; identical deadlines: no TooSlowError.
TEST(CancelScopes, FailAfterRaisesTooSlow) {
  auto r = run([]() -> Async<void> {
    trio::CancelScope cs(trio::fail_after(2));
    co_await trio::with(cs, []() -> Async<void> { co_await trio::sleep(5); });
  });
  EXPECT_EQ(repr_of(r), "TooSlowError()");
  EXPECT_EQ(trio::exc_str(*r.error), "");
  EXPECT_DOUBLE_EQ(r.end_time, 2.0);
}

TEST(CancelScopes, FailAfterInsideMoveOnAfterWithTheSameDeadlineDoesNotFail) {
  auto r = run([]() -> Async<void> {
    trio::CancelScope outer(trio::move_on_after(1));
    trio::CancelScope inner(trio::fail_after(1));
    co_await trio::with(outer, [&]() -> Async<void> {
      co_await trio::with(inner, []() -> Async<void> { co_await trio::sleep(5); });
    });
    trio::print(std::string("inner=") + (inner.cancelled_caught() ? "True" : "False") +
                " outer=" + (outer.cancelled_caught() ? "True" : "False"));
  });
  EXPECT_EQ(log_of(r), "inner=False outer=True");
  EXPECT_EQ(outcome(r), "returned");
}

// 9.6 [V]: move_on_after fixes its deadline on entry (made at t=3, entered at t=8 -> 9).
TEST(CancelScopes, RelativeDeadlineIsFixedOnEntry) {
  auto r = run([]() -> Async<void> {
    co_await trio::sleep(3);
    trio::CancelScope cs(trio::move_on_after(1));
    co_await trio::sleep(5);
    co_await trio::with(cs, []() -> Async<void> { co_await trio::sleep(10); });
    trio::print("deadline " + trio::float_repr(cs.deadline()) + " exit " + trio::float_repr(trio::current_time()));
  });
  EXPECT_EQ(log_of(r), "deadline 9.0 exit 9.0");
}

// 6.8 [V] (strict, 0.34 format): the sleeper whose timer expired still gets Cancelled.
TEST(CancelScopes, ExpiredTimerDoesNotGuaranteeANormalReturn) {
  auto r = run([]() -> Async<void> {
    co_await trio::open_nursery([](Nursery& n) -> Async<void> {
      for (int d : {1, 2})
        n.start_soon([](int d) -> Async<void> {
          try {
            co_await trio::sleep(d);
          } catch (const trio::Error&) {
            trio::print("sleeper " + std::to_string(d) + ": its timer expired, but got Cancelled");
            throw;
          }
          trio::raise(trio::make_exc("ValueError", std::vector<Value>{Value(std::int64_t(d))}));
        }(d), "raiser");
      co_await trio::sleep(0);  // both children are asleep now
      trio::block(10);
      co_return;
    });
  });
  EXPECT_EQ(log_of(r), "sleeper 2: its timer expired, but got Cancelled");
  EXPECT_EQ(repr_of(r), "ExceptionGroup('Exceptions from Trio nursery', [ValueError(1)])");
}

// ---- 7. Errors and exception groups ----------------------------------------------------------

Async<void> raise_after(double d, std::string type, Value arg) {
  co_await trio::sleep(d);
  trio::raise(trio::make_exc(type, std::vector<Value>{arg}));
}

// 7.3 [V] with the 0.24+ group format: one / two / body / nested, strict and loose.
std::string errors_case(const std::string& which, bool strict) {
  auto r = run(
      [which]() -> Async<void> {
        co_await trio::open_nursery([&which](Nursery& n) -> Async<void> {
          if (which == "one") {
            n.start_soon(raise_after(0, "ValueError", std::int64_t(1)), "one");
            n.start_soon(trio::sleep(10), "sleeper");
          } else if (which == "two") {
            // Both raise before reaching a checkpoint, in the same batch.
            n.start_soon([]() -> Async<void> { trio::raise(trio::make_exc("ValueError", std::vector<Value>{std::int64_t(1)})); co_return; }(), "a");
            n.start_soon([]() -> Async<void> { trio::raise(trio::make_exc("KeyError", std::vector<Value>{std::int64_t(2)})); co_return; }(), "b");
          } else if (which == "body") {
            trio::raise(trio::make_exc("ValueError", "body"));
          } else if (which == "nested") {
            co_await trio::open_nursery([](Nursery& inner) -> Async<void> {
              inner.start_soon(raise_after(0, "ValueError", std::string("inner")), "inner");
              co_return;
            });
          }
          co_return;
        });
      },
      trio::Scheduling::fifo, strict);
  return outcome(r);
}

TEST(ExceptionGroups, LooseModeLetsALoneErrorThroughBare) {
  EXPECT_EQ(errors_case("one", false), "ValueError(1)");
  EXPECT_EQ(errors_case("two", false), "ExceptionGroup[KeyError(2), ValueError(1)]");
  EXPECT_EQ(errors_case("body", false), "ValueError('body')");
  EXPECT_EQ(errors_case("nested", false), "ValueError('inner')");
}

TEST(ExceptionGroups, StrictModeAlwaysWraps) {
  EXPECT_EQ(errors_case("one", true), "ExceptionGroup[ValueError(1)]");
  EXPECT_EQ(errors_case("two", true), "ExceptionGroup[KeyError(2), ValueError(1)]");
  EXPECT_EQ(errors_case("body", true), "ExceptionGroup[ValueError('body')]");
  EXPECT_EQ(errors_case("nested", true), "ExceptionGroup[ExceptionGroup[ValueError('inner')]]");
}

// 7.5 [V] (0.23+: no Cancelled for the waiting parent): an outer scope cancels a nursery
// whose child raises in cleanup; the outer scope strips the Cancelled, loose collapses.
std::string outer_cancel_case(bool strict) {
  auto r = run(
      []() -> Async<void> {
        trio::CancelScope outer(trio::move_on_after(1));
        co_await trio::with(outer, []() -> Async<void> {
          co_await trio::open_nursery([](Nursery& n) -> Async<void> {
            n.start_soon([]() -> Async<void> {
              try {
                co_await trio::sleep_forever();
              } catch (const trio::Error&) {
              }
              trio::raise(trio::make_exc("ValueError", "cleanup"));
            }(), "bad_cleanup");
            n.start_soon(trio::sleep_forever(), "sleeper");
            co_return;
          });
        });
      },
      trio::Scheduling::fifo, strict);
  return outcome(r);
}

TEST(ExceptionGroups, OwningScopeStripsCancelledFromTheGroup) {
  EXPECT_EQ(outer_cancel_case(false), "ValueError('cleanup')");
  EXPECT_EQ(outer_cancel_case(true), "ExceptionGroup[ValueError('cleanup')]");
}

// 7.3 / 9.4: the group's repr and str in Trio >= 0.24.
TEST(ExceptionGroups, GroupReprAndStr) {
  auto g = trio::make_group("Exceptions from Trio nursery", {trio::make_exc("ValueError", std::vector<Value>{std::int64_t(1)})});
  EXPECT_EQ(trio::exc_repr(*g), "ExceptionGroup('Exceptions from Trio nursery', [ValueError(1)])");
  EXPECT_EQ(trio::exc_str(*g), "Exceptions from Trio nursery (1 sub-exception)");
  auto b = trio::make_group("m", {trio::make_cancelled(trio::CancelSource::deadline), g});
  EXPECT_EQ(b->type, "BaseExceptionGroup");
  EXPECT_EQ(trio::canonical(*b), "BaseExceptionGroup[Cancelled, ExceptionGroup[ValueError(1)]]");
}

// ---- 5. Scheduler -----------------------------------------------------------------------------

// 5.2 [V+]: unpatched, a batch runs FIFO or LIFO; over seeds "random" reaches both orders
// of 2.6's program (fifo P1 a b c P2 ... and lifo P1 P2 c b a ...), and nothing else.
TEST(Scheduler, RandomReachesFifoAndLifoBatches) {
  std::set<std::string> seen;
  for (std::uint64_t seed = 0; seed < 64; ++seed) {
    trio::RunSettings s;
    s.scheduling = trio::Scheduling::random;
    s.seed = seed;
    auto r = trio::run([]() -> Async<void> {
      co_await trio::open_nursery([](Nursery& n) -> Async<void> {
        for (std::string t : {"a", "b"}) n.start_soon(ticking_child(t), t);
        trio::print("P1");
        co_await trio::sleep(0);
        trio::print("P2");
      });
    }, s);
    seen.insert(log_of(r));
  }
  EXPECT_TRUE(seen.count("P1 a b P2 a2 b2"));
  EXPECT_TRUE(seen.count("P1 P2 b a a2 b2") || seen.count("P1 P2 b a b2 a2"));
  for (const auto& s : seen) EXPECT_EQ(s.rfind("P1", 0), 0u) << s;
}

// Same program and settings: the same trace, event for event.
TEST(Scheduler, SameSeedSameTrace) {
  auto once = [] {
    trio::RunSettings s;
    s.scheduling = trio::Scheduling::random;
    s.seed = 7;
    return trio::transcript(trio::run([]() -> Async<void> {
      co_await trio::open_nursery([](Nursery& n) -> Async<void> {
        for (std::string t : {"a", "b", "c"}) n.start_soon(ticking_child(t), t);
        co_return;
      });
    }, s).trace);
  };
  EXPECT_EQ(once(), once());
}

// ---- 8. MockClock --------------------------------------------------------------------------

// 8.3 [V+]: time is IEEE double arithmetic.
TEST(MockClock, TimeIsDoubleArithmetic) {
  auto r = run([]() -> Async<void> {
    co_await trio::sleep(0.1);
    co_await trio::sleep(0.2);
    trio::print(trio::float_repr(trio::current_time()));
  });
  EXPECT_EQ(log_of(r), "0.30000000000000004");
}

// 8.4 [V+]: a: sleep(1) then jump(10) -> 16.3 ... simplified: the jumper keeps running, and
// a sleeper whose deadline passed during the jump wakes at the jumped time.
TEST(MockClock, BlockingJumpWakesOverdueSleepersLate) {
  auto r = run([]() -> Async<void> {
    co_await trio::sleep(5.3);
    co_await trio::open_nursery([](Nursery& n) -> Async<void> {
      n.start_soon([]() -> Async<void> {
        co_await trio::sleep(1);
        trio::block(10);
        trio::print("a: jumped to " + trio::float_repr(trio::current_time()));
      }(), "a");
      n.start_soon([]() -> Async<void> {
        co_await trio::sleep(1.5);
        trio::print("b: woke at " + trio::float_repr(trio::current_time()));
      }(), "b");
      co_return;
    });
  });
  EXPECT_EQ(log_of(r), "a: jumped to 16.3 b: woke at 16.3");
}

// A deadlock is reported instead of spinning forever (real Trio never returns).
TEST(MockClock, DeadlockIsDiagnosed) {
  auto r = run([]() -> Async<void> { co_await trio::sleep_forever(); });
  EXPECT_EQ(r.end, trio::RunEnd::deadlock);
  EXPECT_NE(r.diagnosis.find("main sleeps forever"), std::string::npos) << r.diagnosis;
}

TEST(Budget, RunawayLoopStopsWithAMessage) {
  trio::RunSettings s;
  s.limits.events = 1000;
  auto r = trio::run([]() -> Async<void> {
    for (;;) co_await trio::sleep(0);
  }, s);
  EXPECT_EQ(r.end, trio::RunEnd::budget_exhausted);
  EXPECT_NE(r.diagnosis.find("1,000 events (the event limit, --max-events)"), std::string::npos) << r.diagnosis;
  EXPECT_EQ(r.limit, trio::Limit::events);
}

}  // namespace

namespace {

// 7.3 "handler" [V]: a sibling raises RuntimeError inside `except Cancelled`; both errors
// reach the nursery (0.34 format; same in strict and loose mode, as there are two).
TEST(ExceptionGroups, ErrorRaisedWhileHandlingCancelledJoinsTheGroup) {
  for (bool strict : {true, false}) {
    auto r = run(
        []() -> Async<void> {
          co_await trio::open_nursery([](Nursery& n) -> Async<void> {
            n.start_soon(raise_after(0, "ValueError", std::int64_t(1)), "raiser");
            n.start_soon([]() -> Async<void> {
              try {
                co_await trio::sleep(10);
              } catch (const trio::Error& e) {
                if (!trio::is_cancelled(*e.exc)) throw;
                trio::raise(trio::make_exc("RuntimeError", "in-cancel"));
              }
            }(), "handler");
            co_return;
          });
        },
        trio::Scheduling::fifo, strict);
    EXPECT_EQ(outcome(r), "ExceptionGroup[RuntimeError('in-cancel'), ValueError(1)]") << strict;
  }
}

}  // namespace
