#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mlmon::dashboards {

/// Where every value of a JSON text starts, found by its RFC 6901 JSON pointer ("" is the root,
/// "/panels/0/title" a member). nlohmann/json 3.11 keeps no positions, so this is built by a
/// separate scan of the same text. On a duplicate key the last one wins, as in nlohmann.
class JsonIndex {
 public:
  /// Byte offset of the value's first character, or nullopt when the pointer names no value.
  std::optional<std::size_t> offset(std::string_view pointer) const;
  /// Offset of the value, or of its nearest existing ancestor (for "field missing" findings).
  std::size_t nearest_offset(std::string_view pointer) const;
  /// Number of values indexed.
  std::size_t size() const { return entries_.size(); }

  /// Depth of the deepest array or object (the root object is depth 1).
  int max_depth() const { return max_depth_; }

  /// Scans `text` (which must outlive the index). Stops at the first container deeper than
  /// `depth_limit` (see too_deep_at); malformed input just ends the scan early.
  static JsonIndex build(std::string_view text, int depth_limit);

  /// Set when the scan stopped at a container nested deeper than the limit: its offset.
  std::optional<std::size_t> too_deep_at() const { return too_deep_at_; }

 private:
  static constexpr std::uint32_t kNone = 0xFFFFFFFFu;
  /// One value: a tree of offsets into the text, no strings copied. Keys are compared (and
  /// decoded only when they hold escapes) at lookup time, which is rare: once per finding.
  struct Entry {
    std::uint32_t offset;
    std::uint32_t key = kNone;  ///< offset of the member name's opening quote; kNone in arrays
    std::uint32_t first_child = kNone;
    std::uint32_t next_sibling = kNone;
  };
  /// The entry a pointer names, or the deepest existing one on its way (`exact` says which).
  std::uint32_t find(std::string_view pointer, bool& exact) const;

  std::string_view text_;
  std::vector<Entry> entries_;
  int max_depth_ = 0;
  std::optional<std::size_t> too_deep_at_;
};

/// Appends one reference token to a JSON pointer, escaping '~' and '/' (RFC 6901).
void append_pointer_token(std::string& pointer, std::string_view token);
std::string pointer_child(std::string_view pointer, std::string_view token);
std::string pointer_child(std::string_view pointer, std::size_t index);

/// For a JSON string literal starting (at its opening quote) at `literal_offset` in `text`:
/// the file byte offset of byte `decoded_offset` of the decoded string. Escapes (\n, \", \u00e9)
/// map to the backslash that starts them. Offsets past the end map to the closing quote.
std::size_t string_byte_offset(std::string_view text, std::size_t literal_offset, std::size_t decoded_offset);

}  // namespace mlmon::dashboards
