#pragma once
// Two stages of one job on two cores: the calling thread produces items (e.g. reads a file's rule
// groups) while one worker thread consumes them (checks each group) in the order they were
// produced, so the result is the same as doing both on one thread, one item after the other.
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

namespace mlmon {

template <class Item, class Consume>
class OrderedWorker {
 public:
  /// `capacity` bounds the items waiting, and so the memory they hold: push() waits for room.
  OrderedWorker(Consume consume, std::size_t capacity)
      : consume_(std::move(consume)), capacity_(capacity == 0 ? 1 : capacity), thread_([this] { run(); }) {}
  OrderedWorker(const OrderedWorker&) = delete;
  OrderedWorker& operator=(const OrderedWorker&) = delete;
  ~OrderedWorker() { stop(); }

  void push(Item item) {
    std::vector<Item> consumed;
    {
      std::unique_lock lock(mutex_);
      room_.wait(lock, [this] { return queue_.size() < capacity_; });
      queue_.push_back(std::move(item));
      consumed.swap(consumed_);
    }
    ready_.notify_one();
    // `consumed` is freed here, on the thread that allocated it: memory freed on another thread
    // than it came from costs allocator locks and keeps this thread from reusing it.
  }

  /// Waits until every pushed item is consumed (and frees them here); rethrows what the consumer threw (the items
  /// after that one were dropped unconsumed).
  void finish() {
    stop();
    consumed_.clear();
    if (error_) std::rethrow_exception(std::exchange(error_, nullptr));
  }

 private:
  void stop() {
    if (!thread_.joinable()) return;
    {
      const std::lock_guard lock(mutex_);
      closed_ = true;
    }
    ready_.notify_one();
    thread_.join();
  }

  void run() {
    while (true) {
      Item item;
      {
        std::unique_lock lock(mutex_);
        ready_.wait(lock, [this] { return !queue_.empty() || closed_; });
        if (queue_.empty()) return;
        item = std::move(queue_.front());
        queue_.pop_front();
      }
      room_.notify_one();
      // After a failure the rest is only drained, so that push() never waits forever.
      if (!error_) {
        try {
          consume_(item);
        } catch (...) {
          error_ = std::current_exception();
        }
      }
      const std::lock_guard lock(mutex_);
      consumed_.push_back(std::move(item));
    }
  }

  Consume consume_;
  const std::size_t capacity_;
  std::mutex mutex_;
  std::condition_variable ready_;
  std::condition_variable room_;
  std::deque<Item> queue_;
  std::vector<Item> consumed_;  ///< handed back to be freed by the producing thread
  bool closed_ = false;
  std::exception_ptr error_;  ///< written by the worker only, read after join
  std::thread thread_;        ///< last: it starts once the members it uses exist
};

}  // namespace mlmon
