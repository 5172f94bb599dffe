#include "yaml/document.hpp"

#include <algorithm>

#include "yaml/scalar_scan.hpp"

namespace mlmon::yaml {
namespace {

bool key_matches(const Node* key, std::string_view name) {
  return key != nullptr && (key->kind == NodeKind::Scalar || key->kind == NodeKind::Null) && key->value == name;
}

}  // namespace

const Node* Node::get(std::string_view name) const {
  for (const Entry& entry : entries) {
    if (key_matches(entry.key, name)) return entry.value;
  }
  return nullptr;
}

const Node* Node::key_node(std::string_view name) const {
  for (const Entry& entry : entries) {
    if (key_matches(entry.key, name)) return entry.key;
  }
  return nullptr;
}

std::size_t Node::source_offset(std::size_t value_offset) const {
  if (kind == NodeKind::Null) return std::min<std::size_t>(offset + value_offset, end);
  if (kind != NodeKind::Scalar) return offset;
  const bool quoted = style == ScalarStyle::SingleQuoted || style == ScalarStyle::DoubleQuoted;
  if (value_offset >= value.size()) return quoted && end > offset ? end - 1 : end;
  if (source != nullptr && exact_offsets) {
    const detail::ScalarContext context{parent_indent, in_flow};
    const std::size_t mapped = detail::map_value_offset(source->text(), offset, style, context, value, value_offset);
    if (mapped != std::string_view::npos) return mapped;
  }
  // Estimate: the same distance into the text, past the quote or the block header line.
  std::size_t start = offset + (quoted ? 1 : 0);
  if ((style == ScalarStyle::Literal || style == ScalarStyle::Folded) && source != nullptr) {
    const std::size_t eol = source->text().find('\n', offset);
    if (eol != std::string::npos) start = eol + 1 + static_cast<std::size_t>(std::max(block_indent, 0));
  }
  return std::min<std::size_t>(start + value_offset, end);
}

Position Node::source_position(std::size_t value_offset) const {
  if (source == nullptr) return pos();
  return source->position_of(source_offset(value_offset));
}

bool Document::ok() const {
  return std::none_of(problems.begin(), problems.end(),
                      [](const Diagnostic& d) { return d.severity == Severity::Error; });
}

bool Document::has_further_documents() const {
  return std::any_of(problems.begin(), problems.end(),
                     [](const Diagnostic& d) { return d.rule_id == kRuleMultipleDocuments; });
}

}  // namespace mlmon::yaml
static_assert(sizeof(mlmon::yaml::Node) <= 80, "a node grew: a large config has hundreds of thousands");
