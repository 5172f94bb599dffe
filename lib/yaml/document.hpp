#pragma once
#include <cstddef>
#include <deque>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/source_file.hpp"

namespace mlmon::yaml {

enum class NodeKind { Null, Scalar, Sequence, Mapping };
enum class ScalarStyle { Plain, SingleQuoted, DoubleQuoted, Literal, Folded };

struct Node;

/// One `key: value` pair of a mapping, in file order. Merge keys (`<<`) are already resolved:
/// merged entries appear after the explicit ones, explicit keys win, and `merged` is true.
struct Entry {
  const Node* key = nullptr;
  const Node* value = nullptr;
  bool merged = false;
};

/// A YAML node that remembers where it came from. Nodes are owned by their Document.
/// An alias resolves to the anchored node itself (shared, not copied), as Go's yaml does.
struct Node {
  NodeKind kind = NodeKind::Null;
  std::size_t offset = 0;  ///< byte offset of the node's first character (the quote, `|`, `>`, `[`, `{`, `-`...)
  std::size_t end = 0;     ///< byte offset just past the node's last character
  Position pos;            ///< 1-based line/col of `offset`
  ScalarStyle style = ScalarStyle::Plain;
  std::string tag;         ///< explicit tag ("!!str"), empty when none
  std::string value;       ///< scalar: decoded value; Null: the text as written ("", "~", "null")
  std::vector<const Node*> items;  ///< sequence
  std::vector<Entry> entries;      ///< mapping

  bool is_scalar() const { return kind == NodeKind::Scalar; }
  bool is_null() const { return kind == NodeKind::Null; }
  bool is_map() const { return kind == NodeKind::Mapping; }
  bool is_seq() const { return kind == NodeKind::Sequence; }
  /// The value of key `name` in a mapping, or nullptr.
  const Node* get(std::string_view name) const;
  /// The key node of `name` in a mapping (for positions of "field X ..." messages), or nullptr.
  const Node* key_node(std::string_view name) const;
  /// For a scalar: the file byte offset of byte `value_offset` of the decoded `value`, mapping
  /// through quotes, escapes, block indentation and line folding. For errors inside embedded
  /// languages (PromQL in `expr:`, templates in annotations).
  std::size_t source_offset(std::size_t value_offset) const;

  // Filled by the loader for source_offset(): the raw scalar text's start and, for block scalars,
  // the content indentation.
  std::size_t raw_begin = 0;
  int block_indent = 0;
  const SourceFile* source = nullptr;
};

/// A parsed YAML file. Problems are reported as diagnostics with rule id "yaml/..." (or
/// "yaml/syntax" for a parse error, which stops the load: root is then nullptr).
struct Document {
  SourceFilePtr source;
  const Node* root = nullptr;  ///< nullptr for an empty file or a syntax error
  std::vector<Diagnostic> problems;
  std::deque<Node> nodes;      ///< owns every node (stable addresses)

  bool ok() const;             ///< no error-level problem
};

/// Parses the first document of a file (yaml-cpp's event parser, not YAML::Node).
/// Reports: syntax errors (yaml-cpp's message at its position), duplicate mapping keys,
/// further documents ignored (warning), tabs used for indentation, undefined aliases,
/// merge keys whose value is not a mapping. Never throws; CRLF and a UTF-8 BOM are accepted.
Document load(SourceFilePtr source);

}  // namespace mlmon::yaml
