#pragma once
// Internal to mlmon_yaml: turns yaml-cpp parser events into the positioned Node tree.
#include <yaml-cpp/anchor.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/mark.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "yaml/document.hpp"
#include "yaml/position_cursor.hpp"

namespace mlmon::yaml::detail {

/// A problem that ends the load; thrown from the event handler through yaml-cpp's parser.
struct LoadStop {
  Diagnostic diagnostic;
};

class TreeBuilder final : public YAML::EventHandler {
 public:
  /// `bom`: bytes of a UTF-8 BOM at the start of the text (yaml-cpp's marks do not count them).
  TreeBuilder(Document& doc, std::size_t bom);

  void OnDocumentStart(const YAML::Mark& mark) override;
  void OnDocumentEnd() override;
  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override;
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override;
  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override;
  void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value style) override;
  void OnSequenceEnd() override;
  void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value style) override;
  void OnMapEnd() override;
  void OnAnchor(const YAML::Mark& mark, const std::string& anchor_name) override;

  /// After the document: refuses excessive alias expansion (throws LoadStop).
  void finish();

  /// The innermost collection still open (for errors thrown by yaml-cpp), or nullptr.
  const Node* innermost_open() const { return stack_.empty() ? nullptr : stack_.back().node; }
  int depth() const { return static_cast<int>(stack_.size()); }

  std::size_t offset_of(const YAML::Mark& mark) const;
  /// Where yaml-cpp started the document (its first event); the end of the text before that.
  std::size_t document_start() const { return document_start_; }

 private:
  using KeyIndex = std::unordered_map<std::string_view, const Node*>;

  struct Frame {
    Node* node = nullptr;
    YAML::anchor_t anchor = 0;
    int indent = -1;                  ///< block collection: byte column of its content
    bool want_value = false;          ///< mapping: a key was read, its value comes next
    const Node* key = nullptr;        ///< mapping: that key
    bool key_via_alias = false;       ///< that key was written as an alias (`*a: x`)
    const Node* merge_key = nullptr;  ///< mapping: the first `<<` key
    std::size_t last_end = 0;         ///< end of the last child read
    std::uint64_t total = 1;          ///< nodes in the expansion of this collection (aliases expanded)
    std::uint64_t aliased = 0;        ///< of which reached through aliases
    std::vector<Entry> merges;        ///< the `<<` entries, resolved at the end of the mapping
    std::unique_ptr<KeyIndex> index;  ///< large mappings: key value → key node
  };

  struct Anchor {
    const Node* node = nullptr;
    bool open = false;  ///< collection still being read: an alias to it would be a cycle
    std::uint64_t total = 0;
  };

  Node& new_node(NodeKind kind, const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                 std::size_t& props_end);
  void register_anchor(YAML::anchor_t anchor, Node& node, bool open, std::uint64_t total);
  void attach(const Node* node, std::uint64_t total, std::uint64_t aliased, std::size_t end, bool via_alias = false);
  void check_colon_after_key() const;
  void add_entry(Frame& frame, const Node* key, const Node* value);
  const Node* find_key(const Frame& frame, const Node* key) const;
  void index_key(Frame& frame, const Node* key);
  void start_collection(NodeKind kind, const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                        YAML::EmitterStyle::value style);
  void end_collection();
  void resolve_merges(Frame& frame);
  std::size_t empty_node_offset(std::size_t mark_offset) const;
  void report(Severity severity, std::string_view rule, std::size_t offset, std::string message, std::string hint = {});
  [[noreturn]] void throw_stop(std::string_view rule, std::size_t offset, std::string message,
                               std::string hint = {}) const;

  Document& doc_;
  std::string_view text_;
  std::size_t bom_;
  std::size_t document_start_;
  PositionCursor cursor_;
  std::vector<Frame> stack_;
  std::vector<Anchor> anchors_;
  std::string pending_anchor_name_;
  int flow_depth_ = 0;
  bool root_set_ = false;
  std::uint64_t root_total_ = 0;
  std::uint64_t root_aliased_ = 0;
  std::size_t biggest_alias_offset_ = 0;
  std::uint64_t biggest_alias_total_ = 0;
};

}  // namespace mlmon::yaml::detail
