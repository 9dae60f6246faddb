// Async<T>: the coroutine type of an `async def`.
//
// Lazy, like a Python coroutine object: calling an async function only captures its
// arguments; the body starts when the result is awaited or handed to a nursery. Awaiting
// transfers control symmetrically (no stack growth) and rethrows the callee's exception at
// the `co_await`, which is where Python would raise it.
//
// Take parameters by value: the frame outlives the caller's temporaries.
//
// GCC 12 pitfall: a lambda that captures something with a destructor (a std::string, say)
// BY VALUE, written as a temporary inside a `co_await` expression, is destroyed twice.
// Capture by reference, or build the lambda (or the awaited object) as a named local first.
#pragma once

#include <coroutine>
#include <cstddef>
#include <exception>
#include <optional>
#include <utility>

namespace trio {

template <class T = void>
class [[nodiscard]] Async;

namespace detail {

// Counts an exception leaving a frame against the run's statement limit (runner.cpp); it may
// stop the run instead.
void count_unwind();

// Bytes of coroutine frames allocated on this thread and not yet freed: what a run's tasks
// hold on their stacks, for its memory limit.
inline std::size_t& frame_bytes() {
  thread_local std::size_t bytes = 0;
  return bytes;
}

struct PromiseBase {
  static void* operator new(std::size_t n) {
    frame_bytes() += n;
    return ::operator new(n);
  }
  static void operator delete(void* p, std::size_t n) noexcept {
    frame_bytes() -= n;
    ::operator delete(p);  // (unsized: clang has sized deallocation only with -fsized-deallocation)
  }

  std::coroutine_handle<> continuation;  // who awaits us; null for a task's top frame
  std::exception_ptr error;

  std::suspend_always initial_suspend() noexcept { return {}; }
  struct FinalAwaiter {
    bool await_ready() noexcept { return false; }
    template <class P>
    std::coroutine_handle<> await_suspend(std::coroutine_handle<P> h) noexcept {
      auto c = h.promise().continuation;
      return c ? c : std::noop_coroutine();
    }
    void await_resume() noexcept {}
  };
  FinalAwaiter final_suspend() noexcept { return {}; }
  void unhandled_exception() noexcept { error = std::current_exception(); }
};

template <class T>
struct Promise : PromiseBase {
  std::optional<T> value;
  Async<T> get_return_object() noexcept;
  template <class U>
  void return_value(U&& v) { value.emplace(std::forward<U>(v)); }
  T take() {
    if (error) {
      count_unwind();
      std::rethrow_exception(error);
    }
    return std::move(*value);
  }
};

template <>
struct Promise<void> : PromiseBase {
  Async<void> get_return_object() noexcept;
  void return_void() noexcept {}
  void take() {
    if (error) {
      count_unwind();
      std::rethrow_exception(error);
    }
  }
};

}  // namespace detail

template <class T>
class [[nodiscard]] Async {
 public:
  using promise_type = detail::Promise<T>;
  using handle = std::coroutine_handle<promise_type>;

  Async() = default;
  explicit Async(handle h) : h_(h) {}
  Async(Async&& o) noexcept : h_(std::exchange(o.h_, {})) {}
  Async& operator=(Async&& o) noexcept {
    if (this != &o) {
      reset();
      h_ = std::exchange(o.h_, {});
    }
    return *this;
  }
  Async(const Async&) = delete;
  Async& operator=(const Async&) = delete;
  ~Async() { reset(); }

  struct Awaiter {
    handle h;
    bool await_ready() const noexcept { return false; }
    std::coroutine_handle<> await_suspend(std::coroutine_handle<> caller) noexcept {
      h.promise().continuation = caller;
      return h;
    }
    T await_resume() { return h.promise().take(); }
  };
  Awaiter operator co_await() && noexcept { return Awaiter{h_}; }

  bool valid() const { return bool(h_); }
  handle raw() const { return h_; }
  // Hands the frame over (to a task, which then owns and destroys it).
  handle release() { return std::exchange(h_, {}); }

 private:
  void reset() {
    if (h_) h_.destroy();
    h_ = {};
  }
  handle h_;
};

namespace detail {
template <class T>
Async<T> Promise<T>::get_return_object() noexcept {
  return Async<T>(std::coroutine_handle<Promise<T>>::from_promise(*this));
}
inline Async<void> Promise<void>::get_return_object() noexcept {
  return Async<void>(std::coroutine_handle<Promise<void>>::from_promise(*this));
}
}  // namespace detail

}  // namespace trio
