#pragma once
// Storage for a Document's nodes: stable addresses, allocated in large blocks. std::deque<Node>
// fits two nodes per 512-byte block, so a 10,000-rule file cost ~100,000 allocations.
#include <cstddef>
#include <iterator>
#include <memory>
#include <utility>
#include <vector>

namespace mlmon::yaml {

template <class T, std::size_t kBlockSize = 256>
class Pool {
 public:
  Pool() = default;
  // Moving keeps every element at its address (the blocks move, not the elements) and leaves
  // the source empty.
  Pool(Pool&& other) noexcept : blocks_(std::move(other.blocks_)), size_(std::exchange(other.size_, 0)) {
    other.blocks_.clear();
  }
  Pool& operator=(Pool&& other) noexcept {
    if (this == &other) return *this;
    blocks_ = std::move(other.blocks_);
    other.blocks_.clear();
    size_ = std::exchange(other.size_, 0);
    return *this;
  }
  Pool(const Pool&) = delete;
  Pool& operator=(const Pool&) = delete;

  T& emplace_back() {
    if (size_ % kBlockSize == 0 && size_ / kBlockSize == blocks_.size()) {
      blocks_.push_back(std::make_unique<T[]>(kBlockSize));
    }
    T& slot = blocks_[size_ / kBlockSize][size_ % kBlockSize];
    ++size_;
    return slot;
  }

  /// Drops the nodes added after the pool had `mark` of them, keeping their blocks for the next
  /// ones: a streamed document reuses the same memory for every item.
  void truncate(std::size_t mark) {
    for (std::size_t i = mark; i < size_; ++i) blocks_[i / kBlockSize][i % kBlockSize] = T{};
    if (mark < size_) size_ = mark;
  }

  /// Drops every node (their storage too).
  void clear() {
    blocks_.clear();
    size_ = 0;
  }

  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  T& front() { return blocks_.front()[0]; }
  const T& front() const { return blocks_.front()[0]; }

  template <class Owner, class Value>
  class Iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = T;
    using difference_type = std::ptrdiff_t;
    using pointer = Value*;
    using reference = Value&;

    Iterator() = default;
    Iterator(Owner* pool, std::size_t index) : pool_(pool), index_(index) {}
    reference operator*() const { return pool_->blocks_[index_ / kBlockSize][index_ % kBlockSize]; }
    pointer operator->() const { return &**this; }
    Iterator& operator++() {
      ++index_;
      return *this;
    }
    Iterator operator++(int) {
      Iterator old = *this;
      ++index_;
      return old;
    }
    friend bool operator==(const Iterator& a, const Iterator& b) { return a.index_ == b.index_; }

   private:
    Owner* pool_ = nullptr;
    std::size_t index_ = 0;
  };
  using iterator = Iterator<Pool, T>;
  using const_iterator = Iterator<const Pool, const T>;

  iterator begin() { return {this, 0}; }
  iterator end() { return {this, size_}; }
  const_iterator begin() const { return {this, 0}; }
  const_iterator end() const { return {this, size_}; }

 private:
  std::vector<std::unique_ptr<T[]>> blocks_;
  std::size_t size_ = 0;
};

}  // namespace mlmon::yaml
