#pragma once
#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <string_view>

#include "core/source_file.hpp"
#include "yaml/document.hpp"

namespace doctest {
template <>
struct StringMaker<mlmon::Position> {
  static String convert(const mlmon::Position& p) {
    return (std::to_string(p.line) + ":" + std::to_string(p.col) + "@" + std::to_string(p.offset)).c_str();
  }
};
}  // namespace doctest

namespace mlmon::yaml::test {

inline Document load_text(std::string text, std::string path = "t.yaml") {
  return load(std::make_shared<const SourceFile>(std::move(path), std::move(text)));
}

/// "line:col: rule: message" of each problem, one per line (exact-output assertions).
inline std::string problems_of(const Document& doc) {
  std::string out;
  for (const auto& d : doc.problems) {
    out += std::to_string(d.pos.line) + ":" + std::to_string(d.pos.col) + ": " + d.rule_id + ": " + d.message + "\n";
  }
  return out;
}

/// The node's source text [offset, end).
inline std::string_view text_of(const Node& node) {
  return std::string_view(node.source->text()).substr(node.offset, node.end - node.offset);
}

/// Checks Node::source_offset for every byte of a scalar's value: offsets stay inside the node
/// and never go backwards, and a byte copied from the source maps to that same source byte;
/// a byte that is not (a folded space, a line break, an escape) maps to the line break or the
/// backslash that produced it. Returns "" or a description of the first failure.
inline std::string offset_mismatch(const Node& node) {
  if (!node.is_scalar()) return {};
  if (!node.exact_offsets) return "decoder disagrees with yaml-cpp on value [" + node.value + "]";
  const std::string_view text = node.source->text();
  std::size_t previous = 0;
  for (std::size_t i = 0; i < node.value.size(); ++i) {
    const std::size_t o = node.source_offset(i);
    const std::string where =
        "value byte " + std::to_string(i) + " of [" + node.value + "] -> offset " + std::to_string(o);
    if (o >= text.size()) return where + ": past the end of the file";
    const char v = node.value[i], c = text[o];
    const bool block = node.style == ScalarStyle::Literal || node.style == ScalarStyle::Folded;
    // A block scalar's kept line breaks come after its last content line, where `end` is.
    const bool trailing_break = block && v == '\n' && (c == '\n' || c == '\r');
    if (o < node.offset || (o >= node.end && !trailing_break)) return where + ": outside the node";
    if (o < previous) return where + ": goes backwards";
    previous = o;
    if (c == v) continue;
    if ((v == ' ' || v == '\n') && (c == '\n' || c == '\r')) continue;
    if (node.style == ScalarStyle::DoubleQuoted && c == '\\') continue;
    return where + ": source has [" + std::string(1, c) + "]";
  }
  return {};
}

}  // namespace mlmon::yaml::test
