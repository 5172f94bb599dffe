#pragma once
// The children of a YAML node (a sequence's items, a mapping's entries) in one pointer rather
// than a std::vector's three: most nodes are scalars and keys with no children, and a 320 KB
// Alertmanager config has about 26,000 nodes. The size and capacity live in the allocation.
#include <cstdint>
#include <cstdlib>
#include <initializer_list>
#include <iterator>
#include <new>
#include <type_traits>
#include <utility>

namespace mlmon::yaml {

template <class T>
class NodeList {
  static_assert(std::is_trivially_copyable_v<T> && alignof(T) <= 8, "NodeList copies its elements as bytes");

 public:
  using value_type = T;
  using size_type = std::size_t;
  using iterator = T*;
  using const_iterator = const T*;

  NodeList() = default;
  NodeList(std::initializer_list<T> items) { assign(items.begin(), items.end()); }
  NodeList(const NodeList& other) { assign(other.begin(), other.end()); }
  NodeList(NodeList&& other) noexcept : block_(std::exchange(other.block_, nullptr)) {}
  NodeList& operator=(const NodeList& other) {
    if (this != &other) assign(other.begin(), other.end());
    return *this;
  }
  NodeList& operator=(NodeList&& other) noexcept {
    if (this != &other) {
      std::free(block_);
      block_ = std::exchange(other.block_, nullptr);
    }
    return *this;
  }
  ~NodeList() { std::free(block_); }

  std::size_t size() const { return block_ != nullptr ? block_->size : 0; }
  bool empty() const { return size() == 0; }
  T* data() { return block_ != nullptr ? block_->items() : nullptr; }
  const T* data() const { return block_ != nullptr ? block_->items() : nullptr; }
  T* begin() { return data(); }
  T* end() { return data() + size(); }
  const T* begin() const { return data(); }
  const T* end() const { return data() + size(); }
  T& operator[](std::size_t i) { return data()[i]; }
  const T& operator[](std::size_t i) const { return data()[i]; }
  T& front() { return data()[0]; }
  const T& front() const { return data()[0]; }
  T& back() { return data()[size() - 1]; }
  const T& back() const { return data()[size() - 1]; }

  void push_back(const T& item) {
    if (size() == capacity()) grow(size() == 0 ? 4 : size() * 2);
    block_->items()[block_->size] = item;
    ++block_->size;
  }

  /// Exactly the elements of [first, last), in one allocation of exactly that size.
  template <class It>
  void assign(It first, It last) {
    const auto count = static_cast<std::size_t>(std::distance(first, last));
    clear();
    if (count == 0) return;
    if (count > capacity()) grow(count);
    T* out = block_->items();
    for (; first != last; ++first) *out++ = *first;
    block_->size = static_cast<std::uint32_t>(count);
  }

  void clear() {
    if (block_ != nullptr) block_->size = 0;
  }

  friend bool operator==(const NodeList& a, const NodeList& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (!(a[i] == b[i])) return false;
    }
    return true;
  }

 private:
  struct Block {
    std::uint32_t size;
    std::uint32_t capacity;
    T* items() { return reinterpret_cast<T*>(this + 1); }
    const T* items() const { return reinterpret_cast<const T*>(this + 1); }
  };
  static_assert(sizeof(Block) == 8);

  std::size_t capacity() const { return block_ != nullptr ? block_->capacity : 0; }

  void grow(std::size_t capacity) {
    if (capacity > UINT32_MAX) throw std::bad_alloc();
    // NOLINTNEXTLINE(bugprone-sizeof-expression): the element is a pointer in NodeList<const Node*>, by design
    auto* block = static_cast<Block*>(std::realloc(block_, sizeof(Block) + capacity * sizeof(T)));
    if (block == nullptr) throw std::bad_alloc();
    if (block_ == nullptr) block->size = 0;
    block->capacity = static_cast<std::uint32_t>(capacity);
    block_ = block;
  }

  Block* block_ = nullptr;
};

}  // namespace mlmon::yaml
