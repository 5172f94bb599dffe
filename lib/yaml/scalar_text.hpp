#pragma once
#include <fmt/format.h>

#include <compare>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <ostream>
#include <string>
#include <string_view>

namespace mlmon::yaml {

/// A node's decoded scalar value, read like a const std::string. Most values are written in the
/// file exactly as they read (plain words, quoted text without escapes): those are a view of the
/// file's text, which the document keeps alive; the others (escapes, folded or block scalars,
/// values set by hand) own a copy. 16 bytes rather than std::string's 32, and no allocation for
/// a long plain value: a large config has hundreds of thousands of nodes.
class ScalarText {
 public:
  static constexpr std::size_t npos = std::string_view::npos;

  ScalarText() = default;
  ScalarText(std::string_view text) {
    copy_from(text);
  }  // NOLINT(google-explicit-constructor): a value is assigned like a string
  ScalarText(const std::string& text) : ScalarText(std::string_view(text)) {}  // NOLINT(google-explicit-constructor)
  ScalarText(const char* text) : ScalarText(std::string_view(text)) {}         // NOLINT(google-explicit-constructor)
  /// Refers to `text` without copying it: the caller keeps the text alive as long as the value
  /// (a node's source file outlives its nodes).
  static ScalarText view_of(std::string_view text) {
    ScalarText out;
    out.data_ = text.data();
    out.size_ = narrow_size(text.size());
    return out;
  }

  /// `value` as a view of `text` at `start` when the bytes there are the same (a quoted scalar
  /// without escapes), else its own copy.
  static ScalarText same_text_or_copy(std::string_view text, std::size_t start, std::string_view value) {
    if (start <= text.size() && text.substr(start, value.size()) == value)
      return view_of(text.substr(start, value.size()));
    return ScalarText(value);
  }

  ScalarText(const ScalarText& other) {
    if (other.owned_) {
      copy_from(other.view());
    } else {
      data_ = other.data_;
      size_ = other.size_;
    }
  }
  ScalarText(ScalarText&& other) noexcept : data_(other.data_), size_(other.size_), owned_(other.owned_) {
    other.release();
  }
  ScalarText& operator=(const ScalarText& other) {
    if (this != &other) *this = ScalarText(other);
    return *this;
  }
  ScalarText& operator=(ScalarText&& other) noexcept {
    if (this != &other) {
      free();
      data_ = other.data_;
      size_ = other.size_;
      owned_ = other.owned_;
      other.release();
    }
    return *this;
  }
  ScalarText& operator=(std::string_view text) { return *this = ScalarText(text); }
  ScalarText& operator=(const std::string& text) { return *this = ScalarText(text); }
  ScalarText& operator=(const char* text) { return *this = ScalarText(text); }
  ~ScalarText() { free(); }

  std::string_view view() const { return {data_, size_}; }
  operator std::string_view() const { return view(); }          // NOLINT(google-explicit-constructor)
  operator std::string() const { return std::string(view()); }  // NOLINT(google-explicit-constructor)
  std::string str() const { return std::string(view()); }

  const char* data() const { return data_; }
  std::size_t size() const { return size_; }
  std::size_t length() const { return size_; }
  bool empty() const { return size_ == 0; }
  const char* begin() const { return data_; }
  const char* end() const { return data_ + size_; }
  char operator[](std::size_t i) const { return data_[i]; }
  char front() const { return data_[0]; }
  char back() const { return data_[size_ - 1]; }

  /// As std::string's: a copy.
  std::string substr(std::size_t pos, std::size_t count = npos) const { return std::string(view().substr(pos, count)); }
  std::size_t find(std::string_view s, std::size_t pos = 0) const { return view().find(s, pos); }
  std::size_t find(char c, std::size_t pos = 0) const { return view().find(c, pos); }
  std::size_t rfind(std::string_view s, std::size_t pos = npos) const { return view().rfind(s, pos); }
  std::size_t rfind(char c, std::size_t pos = npos) const { return view().rfind(c, pos); }
  std::size_t find_first_of(std::string_view s, std::size_t pos = 0) const { return view().find_first_of(s, pos); }
  std::size_t find_first_not_of(std::string_view s, std::size_t pos = 0) const {
    return view().find_first_not_of(s, pos);
  }
  std::size_t find_last_not_of(std::string_view s, std::size_t pos = npos) const {
    return view().find_last_not_of(s, pos);
  }
  bool starts_with(std::string_view s) const { return view().starts_with(s); }
  bool starts_with(char c) const { return view().starts_with(c); }
  bool ends_with(std::string_view s) const { return view().ends_with(s); }
  bool ends_with(char c) const { return view().ends_with(c); }
  bool contains(std::string_view s) const { return view().find(s) != npos; }
  bool contains(char c) const { return view().find(c) != npos; }
  int compare(std::string_view s) const { return view().compare(s); }

  friend bool operator==(const ScalarText& a, const ScalarText& b) { return a.view() == b.view(); }
  friend bool operator==(const ScalarText& a, std::string_view b) { return a.view() == b; }
  friend bool operator==(const ScalarText& a, const std::string& b) { return a.view() == b; }
  friend bool operator==(const ScalarText& a, const char* b) { return a.view() == b; }
  friend std::strong_ordering operator<=>(const ScalarText& a, const ScalarText& b) { return a.view() <=> b.view(); }
  friend std::strong_ordering operator<=>(const ScalarText& a, std::string_view b) { return a.view() <=> b; }
  friend std::string operator+(const ScalarText& a, const ScalarText& b) { return a.str() += b.view(); }
  friend std::string operator+(const ScalarText& a, std::string_view b) { return a.str() += b; }
  friend std::string operator+(const ScalarText& a, const std::string& b) { return a.str() += b; }
  friend std::string operator+(const ScalarText& a, const char* b) { return a.str() += b; }
  friend std::string operator+(const ScalarText& a, char b) { return a.str() += b; }
  friend std::string operator+(std::string_view a, const ScalarText& b) { return std::string(a) += b.view(); }
  friend std::string operator+(const std::string& a, const ScalarText& b) { return std::string(a) += b.view(); }
  friend std::string operator+(std::string&& a, const ScalarText& b) { return std::move(a += b.view()); }
  friend std::string operator+(const char* a, const ScalarText& b) { return std::string(a) += b.view(); }
  friend std::string operator+(char a, const ScalarText& b) { return std::string(1, a) += b.view(); }
  friend std::ostream& operator<<(std::ostream& out, const ScalarText& text) { return out << text.view(); }

 private:
  static std::uint32_t narrow_size(std::size_t size) {
    // Every input is capped at kMaxInputBytes (< 4 GiB); a value built by hand is far smaller.
    return static_cast<std::uint32_t>(size);
  }
  void copy_from(std::string_view text) {
    if (text.empty()) return;
    char* copy = new char[text.size()];
    std::memcpy(copy, text.data(), text.size());
    data_ = copy;
    size_ = narrow_size(text.size());
    owned_ = true;
  }
  void free() {
    if (owned_) delete[] data_;
    release();
  }
  void release() {
    data_ = "";
    size_ = 0;
    owned_ = false;
  }

  const char* data_ = "";
  std::uint32_t size_ = 0;
  bool owned_ = false;
};

}  // namespace mlmon::yaml

template <>
struct fmt::formatter<mlmon::yaml::ScalarText> : fmt::formatter<std::string_view> {
  auto format(const mlmon::yaml::ScalarText& text, format_context& ctx) const {
    return fmt::formatter<std::string_view>::format(text.view(), ctx);
  }
};
