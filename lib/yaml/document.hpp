#pragma once
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/file_io.hpp"
#include "core/source_file.hpp"
#include "yaml/node_list.hpp"
#include "yaml/node_pool.hpp"
#include "yaml/scalar_text.hpp"

namespace mlmon::yaml {

// One byte each: a large config has hundreds of thousands of nodes.
enum class NodeKind : std::uint8_t { Null, Scalar, Sequence, Mapping };
enum class ScalarStyle : std::uint8_t { Plain, SingleQuoted, DoubleQuoted, Literal, Folded };

/// Rule ids of the problems load() reports.
inline constexpr std::string_view kRuleSyntax = "yaml/syntax";  ///< parse error, tabs, nesting (stops the load)
inline constexpr std::string_view kRuleEncoding =
    "yaml/encoding";  ///< invalid UTF-8, control characters, UTF-16 (stops)
inline constexpr std::string_view kRuleAlias =
    "yaml/alias";  ///< unknown or self-containing anchor, excessive aliasing (stops)
inline constexpr std::string_view kRuleDuplicateKey =
    "yaml/duplicate-key";                                     ///< `mapping key "x" already defined at line N`
inline constexpr std::string_view kRuleMerge = "yaml/merge";  ///< `<<` whose value is not a mapping (or list of them)
inline constexpr std::string_view kRuleMultipleDocuments = "yaml/multiple-documents";  ///< warning

struct Node;

/// A node's tag and anchor, almost always both absent: held together behind one pointer rather
/// than in two std::strings (64 bytes) on every node of a large config.
class NodeProperties {
 public:
  NodeProperties() = default;
  NodeProperties(const NodeProperties& other) : both_(other.both_ ? std::make_unique<Both>(*other.both_) : nullptr) {}
  NodeProperties(NodeProperties&&) noexcept = default;
  NodeProperties& operator=(const NodeProperties& other) {
    both_ = other.both_ ? std::make_unique<Both>(*other.both_) : nullptr;
    return *this;
  }
  NodeProperties& operator=(NodeProperties&&) noexcept = default;
  ~NodeProperties() = default;

  const std::string& tag() const { return both_ ? both_->tag : none(); }
  const std::string& anchor() const { return both_ ? both_->anchor : none(); }
  void set_tag(std::string tag) { set(&Both::tag, std::move(tag)); }
  void set_anchor(std::string anchor) { set(&Both::anchor, std::move(anchor)); }

 private:
  struct Both {
    std::string tag;
    std::string anchor;
  };
  static const std::string& none() {
    static const std::string empty;
    return empty;
  }
  void set(std::string Both::* field, std::string text) {
    if (!both_) {
      if (text.empty()) return;
      both_ = std::make_unique<Both>();
    }
    (*both_).*field = std::move(text);
    if (both_->tag.empty() && both_->anchor.empty()) both_.reset();
  }
  std::unique_ptr<Both> both_;
};

/// One `key: value` pair of a mapping, in file order. Merge keys (`<<`) are already resolved:
/// merged entries appear after the explicit ones, explicit keys win, and `merged` is true.
/// The `<<` entry itself is not listed. As in Go's yaml.v3, among several merged mappings the
/// first one that has a key wins.
struct Entry {
  const Node* key = nullptr;
  const Node* value = nullptr;
  bool merged = false;
};

// Byte offsets are 32 bits (a node is smaller; a large config has hundreds of thousands): no input
// mlmon reads is larger than kMaxInputBytes.
static_assert(kMaxInputBytes <= UINT32_MAX);

/// A YAML node that remembers where it came from. Nodes are owned by their Document.
/// An alias resolves to the anchored node itself (shared, not copied), as Go's yaml does; the
/// graph is acyclic (a node containing an alias of itself is refused by load()).
struct Node {
  // The fields are ordered so that none needs padding (80 bytes: a large config has hundreds of
  // thousands of nodes).
  std::uint32_t offset = 0;  ///< byte offset of the node's first character (the quote, `|`, `>`, `[`, `{`, `-`...)
  std::uint32_t end = 0;     ///< byte offset just past the node's last character
  /// Where the node's properties (`&anchor`, `!tag`) start; == offset when it has none. Go's
  /// yaml reports a node's line/column here, e.g. at `&expr` in `expr: &expr |`.
  std::uint32_t props_offset = 0;
  /// For block scalars, the content indentation (for source_offset()).
  int block_indent = 0;
  int parent_indent = -1;  ///< column of the innermost enclosing block collection (-1: none)
  int line = 0;            ///< 1-based line of `offset` (see pos())
  int col = 0;             ///< 1-based column of `offset`, in characters
  NodeKind kind = NodeKind::Null;
  ScalarStyle style = ScalarStyle::Plain;
  bool flow : 1 = false;     ///< collection written in flow style (`[...]`, `{...}`)
  bool in_flow : 1 = false;  ///< node sits inside a flow collection
  /// For a scalar: re-reading it from the source reproduced the parser's value, so
  /// source_offset() is exact. When false, source_offset() approximates (offset + value_offset).
  bool exact_offsets : 1 = true;
  NodeProperties properties;    ///< read through tag() and anchor()
  ScalarText value;             ///< scalar: decoded value; Null: the text as written ("", "~", "null")
  NodeList<const Node*> items;  ///< sequence
  NodeList<Entry> entries;      ///< mapping
  const SourceFile* source = nullptr;

  /// Where the node starts: line, column and offset.
  Position pos() const { return Position{line, col, offset}; }
  /// Sets line and column from a position of `offset`.
  void set_pos(const Position& at) {
    line = at.line;
    col = at.col;
  }
  bool is_scalar() const { return kind == NodeKind::Scalar; }
  bool is_null() const { return kind == NodeKind::Null; }
  bool is_map() const { return kind == NodeKind::Mapping; }
  bool is_seq() const { return kind == NodeKind::Sequence; }
  /// The explicit tag ("!!str", "!custom"), empty when none.
  const std::string& tag() const { return properties.tag(); }
  /// The anchor name defined on this node (`&name`), empty when none.
  const std::string& anchor() const { return properties.anchor(); }
  /// The value of key `name` in a mapping, or nullptr.
  const Node* get(std::string_view name) const;
  /// The key node of `name` in a mapping (for positions of "field X ..." messages), or nullptr.
  const Node* key_node(std::string_view name) const;
  /// For a scalar: the file byte offset of byte `value_offset` of the decoded `value`, mapping
  /// through quotes, escapes, block indentation and line folding. For errors inside embedded
  /// languages (PromQL in `expr:`, templates in annotations).
  /// A byte produced by an escape (`\n`, `\u00e9`, `''`) maps to the escape's first byte; a line
  /// break or folded space maps to the source line break. `value_offset >= value.size()` maps to
  /// the end of the text (the closing quote of a quoted scalar). Non-scalars return `offset`.
  std::size_t source_offset(std::size_t value_offset) const;
  /// Like source_offset(), as a 1-based line/column.
  Position source_position(std::size_t value_offset) const;
};

/// A parsed YAML file. Problems are reported as diagnostics with rule id "yaml/..." (or
/// "yaml/syntax" for a parse error, which stops the load: root is then nullptr).
struct Document {
  SourceFilePtr source;
  const Node* root = nullptr;  ///< nullptr for an empty file or a syntax error
  std::vector<Diagnostic> problems;
  Pool<Node> nodes;  ///< owns every node (stable addresses)

  bool ok() const;  ///< no error-level problem
  /// The file goes on after this document (load() reads only the first; see load_all()).
  bool has_further_documents() const;
};

struct LoadOptions {
  /// Warning for a file with more than one document (only the first is used). The default is
  /// generic; `check-rules` passes Prometheus's wording ("Multiple document yaml rules files are
  /// not supported, only the first document is processed").
  std::string_view multiple_documents_message =
      "multiple YAML documents in one file are not supported, only the first document is processed";
};

/// Parses the first document of a file: a fast reader for the YAML configuration files are
/// written in, else yaml-cpp's event parser (not YAML::Node), both building the same tree.
/// Reports: syntax errors (yaml-cpp's message at its position), duplicate mapping keys,
/// further documents ignored (warning), tabs used for indentation, undefined aliases,
/// merge keys whose value is not a mapping. Never throws; CRLF and a UTF-8 BOM are accepted.
/// An empty file (or one with only comments) gives root == nullptr and no problem.
Document load(SourceFilePtr source, const LoadOptions& options = {});

/// Every document of a file, for Kubernetes manifests (resources separated by `---`), each read
/// as load() reads the first, with its own problems; an empty file gives one empty document. A
/// document that does not parse ends the list with its error. The fast path when it can.
std::vector<Document> load_all(SourceFilePtr source);

/// Told about every file load() or load_all() reads with yaml-cpp because the fast loader does
/// not take it: the file, the byte offset where the fast loader stopped and why. For `mlmon
/// --debug-yaml`. Set it before loading starts (loads on several threads may call it at once);
/// an empty function stops it.
using SlowPathListener = std::function<void(const SourceFile& file, std::size_t offset, std::string_view reason)>;
void set_slow_path_listener(SlowPathListener listener);

using ItemSink = std::function<void(const Node& item)>;

/// For big files read in one pass: when the root is a mapping whose `key` holds a block sequence,
/// each item of that sequence goes to `on_item` as soon as it is read and is freed right after,
/// so memory holds one item at a time (the returned document shows the sequence without items).
/// Only for plain block YAML (load()'s fast path): on anything else it returns nullopt, and
/// `on_item` may have seen some items by then; the caller discards what it made of them and
/// calls load(). Also nullopt when the file has other problems to report: load() words them.
std::optional<Document> load_streaming(SourceFilePtr source, std::string_view key, const ItemSink& on_item);

/// An item of a streamed sequence together with the nodes it is made of, which it owns.
struct StreamedItem {
  Pool<Node> nodes;
  const Node* item = nullptr;
};
using OwnedItemSink = std::function<void(StreamedItem&& item)>;

/// load_streaming(), except that each item is handed over with its nodes rather than freed after
/// the call: the receiver may keep it, e.g. to check it on another thread while the next item is
/// read. Memory then holds what the receiver keeps.
std::optional<Document> load_streaming_owned(SourceFilePtr source, std::string_view key, const OwnedItemSink& on_item);

}  // namespace mlmon::yaml
