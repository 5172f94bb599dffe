#pragma once
// Checking many files on every core: a small pool of std::threads over an index range. Each task
// writes only its own slot of a result vector, and the caller merges the slots in input order, so
// the output is the same bytes whatever the number of threads.
#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace mlmon::workspace {

/// The default for `-j`: the number of cores (at least 1).
inline unsigned default_jobs() { return std::max(1u, std::thread::hardware_concurrency()); }

/// Calls task(i) for every i in [0, count) on up to `jobs` threads, the calling one included, and
/// returns when all are done. An exception thrown by a task is rethrown here (the first one);
/// tasks not started yet are then skipped.
template <class Task>
void parallel_for(std::size_t count, unsigned jobs, const Task& task) {
  const std::size_t threads = std::min<std::size_t>(std::max(1u, jobs), count);
  if (threads <= 1) {
    for (std::size_t i = 0; i < count; ++i) task(i);
    return;
  }
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  std::exception_ptr first_error;
  std::mutex error_mutex;
  const auto work = [&] {
    for (std::size_t i = next++; i < count && !failed; i = next++) {
      try {
        task(i);
      } catch (...) {
        const std::lock_guard lock(error_mutex);
        if (!first_error) first_error = std::current_exception();
        failed = true;
      }
    }
  };
  std::vector<std::thread> pool;
  pool.reserve(threads - 1);
  for (std::size_t t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (std::thread& thread : pool) thread.join();
  if (first_error) std::rethrow_exception(first_error);
}

}  // namespace mlmon::workspace
