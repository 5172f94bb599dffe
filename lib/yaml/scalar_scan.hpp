#pragma once
// Internal to mlmon_yaml: re-reads a scalar from the source text. yaml-cpp hands us the decoded
// value and where the scalar starts, but not where it ends nor which source byte each value byte
// came from; this decoder reproduces yaml-cpp's decoding while tracking source offsets.
#include <cstddef>
#include <string_view>

#include "yaml/document.hpp"

namespace mlmon::yaml::detail {

/// What the loader knows about where a scalar sits.
struct ScalarContext {
  int parent_indent = -1;  ///< column of the innermost enclosing block collection (-1: none)
  bool in_flow = false;    ///< inside `[...]` or `{...}`: `,[]{}` end a plain scalar
};

struct ScalarExtent {
  std::size_t end = 0;        ///< just past the scalar's last source byte
  int block_indent = 0;       ///< literal/folded: the content indentation
  bool matches = false;       ///< decoding the source reproduced the expected value exactly
  bool unterminated = false;  ///< a quoted scalar without its closing quote
};

/// Decodes the scalar whose first character (quote, `|`, `>` or first plain character) is at
/// `begin`, comparing it with `expected` (the parser's value) as it goes. Linear in the scalar's
/// source length; never reads past `text`.
ScalarExtent measure_scalar(std::string_view text, std::size_t begin, ScalarStyle style, const ScalarContext& context,
                            std::string_view expected);

/// The source offset of byte `value_offset` of `expected` (see Node::source_offset). Returns
/// npos when the decoder cannot attribute it (the caller falls back to an estimate).
std::size_t map_value_offset(std::string_view text, std::size_t begin, ScalarStyle style, const ScalarContext& context,
                             std::string_view expected, std::size_t value_offset);

}  // namespace mlmon::yaml::detail
