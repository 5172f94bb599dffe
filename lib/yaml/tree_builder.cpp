#include "yaml/tree_builder.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <limits>

#include "core/go_quote.hpp"
#include "yaml/scalar_scan.hpp"

namespace mlmon::yaml::detail {
namespace {

constexpr std::uint64_t kCountCap = std::uint64_t{1} << 62;
/// Mappings with more keys than this get a hash index for the duplicate-key check.
constexpr std::size_t kIndexThreshold = 16;

std::uint64_t add_capped(std::uint64_t a, std::uint64_t b) { return std::min(kCountCap, a + std::min(b, kCountCap)); }

bool is_blank(char c) { return c == ' ' || c == '\t'; }
bool is_break(char c) { return c == '\n' || c == '\r'; }
bool is_flow_indicator(char c) { return c == ',' || c == '[' || c == ']' || c == '{' || c == '}'; }

/// yaml-cpp's tags: "?" (plain, none), "!" (quoted or block, none), "tag:yaml.org,2002:str" for
/// `!!str`, local tags as written. Stored as written in short form, empty when none.
std::string short_tag(const std::string& tag) {
  if (tag == "?" || tag == "!") return {};
  constexpr std::string_view kYamlPrefix = "tag:yaml.org,2002:";
  if (tag.starts_with(kYamlPrefix)) return "!!" + tag.substr(kYamlPrefix.size());
  return tag;
}

bool is_null_literal(std::string_view t, std::size_t c, std::size_t& len) {
  for (std::string_view word : {"~", "null", "Null", "NULL"}) {
    if (t.compare(c, word.size(), word) == 0) {
      const std::size_t after = c + word.size();
      if (after >= t.size() || is_blank(t[after]) || is_break(t[after]) || is_flow_indicator(t[after]) ||
          t[after] == ':' || t[after] == '#') {
        len = word.size();
        return true;
      }
    }
  }
  return false;
}

/// After an `&anchor` / `!tag` at p: where the properties end and where the content starts.
struct Properties {
  std::size_t end = 0;
  std::size_t content = 0;
};

Properties skip_properties(std::string_view t, std::size_t p, bool in_flow) {
  Properties props{p, p};
  while (p < t.size() && (t[p] == '&' || t[p] == '!')) {
    if (t[p] == '!' && p + 1 < t.size() && t[p + 1] == '<') {
      const std::size_t close = t.find('>', p);
      p = close == std::string_view::npos ? t.size() : close + 1;
    } else {
      while (p < t.size() && !is_blank(t[p]) && !is_break(t[p]) && !(in_flow && is_flow_indicator(t[p]))) ++p;
    }
    props.end = p;
    while (p < t.size()) {
      if (is_blank(t[p]) || is_break(t[p])) {
        ++p;
      } else if (t[p] == '#') {
        while (p < t.size() && t[p] != '\n') ++p;
      } else {
        break;
      }
    }
  }
  props.content = p;
  return props;
}

bool same_line(std::string_view t, std::size_t a, std::size_t b) {
  return t.substr(std::min(a, b), std::max(a, b) - std::min(a, b)).find('\n') == std::string_view::npos;
}

bool is_merge_key(const Node* key) {
  return key->kind == NodeKind::Scalar && key->style == ScalarStyle::Plain && key->value == "<<" &&
         (key->tag().empty() || key->tag() == "!!merge");
}

bool is_scalar_key(const Node* key) { return key->kind == NodeKind::Scalar || key->kind == NodeKind::Null; }

/// yaml.v3's allowedAliasRatio: the share of decoded nodes that may come from aliases.
double allowed_alias_ratio(std::uint64_t decoded) {
  constexpr double kLow = 400000, kHigh = 4000000;
  const auto n = static_cast<double>(decoded);
  if (n <= kLow) return 0.99;
  if (n >= kHigh) return 0.10;
  return 0.99 - 0.89 * ((n - kLow) / (kHigh - kLow));
}

}  // namespace

TreeBuilder::TreeBuilder(Document& doc, std::size_t bom)
    : doc_(doc), text_(doc.source->text()), bom_(bom), document_start_(text_.size()), cursor_(*doc.source) {}

std::size_t TreeBuilder::offset_of(const YAML::Mark& mark) const {
  if (mark.pos < 0) return text_.size();
  return std::min(text_.size(), static_cast<std::size_t>(mark.pos) + bom_);
}

void TreeBuilder::report(Severity severity, std::string_view rule, std::size_t offset, std::string message,
                         std::string hint) {
  doc_.problems.push_back(make_diagnostic(severity, rule, doc_.source->path(), doc_.source->position_of(offset),
                                          std::move(message), std::move(hint)));
}

void TreeBuilder::throw_stop(std::string_view rule, std::size_t offset, std::string message, std::string hint) const {
  throw LoadStop{make_diagnostic(Severity::Error, rule, doc_.source->path(), doc_.source->position_of(offset),
                                 std::move(message), std::move(hint))};
}

void TreeBuilder::OnDocumentStart(const YAML::Mark& mark) { document_start_ = offset_of(mark); }
void TreeBuilder::OnDocumentEnd() {}

void TreeBuilder::OnAnchor(const YAML::Mark&, const std::string& anchor_name) { pending_anchor_name_ = anchor_name; }

Node& TreeBuilder::new_node(NodeKind kind, const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                            std::size_t& props_end) {
  Node& node = doc_.nodes.emplace_back();
  node.kind = kind;
  node.source = doc_.source.get();
  node.in_flow = flow_depth_ > 0;
  for (auto it = stack_.rbegin(); it != stack_.rend(); ++it) {
    if (it->indent >= 0) {
      node.parent_indent = it->indent;
      break;
    }
  }
  node.properties.set_tag(short_tag(tag));
  const std::size_t m = offset_of(mark);
  node.props_offset = m;
  node.offset = m;
  props_end = m;
  // yaml-cpp's mark is that of the node's first token, which is its anchor or tag if it has one.
  // (A mapping whose first key has an anchor is marked there too, but the anchor is the key's.)
  const bool has_props =
      anchor != 0 || (tag != "?" && tag != "!") || (tag == "!" && m < text_.size() && text_[m] == '!');
  if (has_props && m < text_.size() && (text_[m] == '&' || text_[m] == '!')) {
    const Properties props = skip_properties(text_, m, node.in_flow);
    props_end = props.end;
    node.offset = props.content;
  }
  if (anchor != 0) node.properties.set_anchor(std::move(pending_anchor_name_));
  pending_anchor_name_.clear();
  return node;
}

void TreeBuilder::register_anchor(YAML::anchor_t anchor, Node& node, bool open, std::uint64_t total) {
  if (anchor == 0) return;
  if (anchor >= anchors_.size()) anchors_.resize(anchor + 1);
  anchors_[anchor] = Anchor{&node, open, total};
}

std::size_t TreeBuilder::empty_node_offset(std::size_t mark_offset) const {
  if (stack_.empty()) return mark_offset;
  const Frame& frame = stack_.back();
  if (frame.node->kind == NodeKind::Mapping && frame.want_value) {
    // Right after the key's colon, as Go's yaml places an empty value.
    std::size_t p = frame.last_end;
    while (p < text_.size() && (is_blank(text_[p]) || is_break(text_[p]))) ++p;
    return p < text_.size() && text_[p] == ':' ? p + 1 : frame.last_end;
  }
  if (frame.node->kind == NodeKind::Sequence && !frame.node->flow) {
    // Right after the entry's `-` (yaml-cpp marks an empty entry at the token after it).
    std::size_t p = frame.last_end;
    while (p < text_.size()) {
      if (is_blank(text_[p]) || is_break(text_[p])) {
        ++p;
      } else if (text_[p] == '#') {
        while (p < text_.size() && text_[p] != '\n') ++p;
      } else {
        break;
      }
    }
    if (p < text_.size() && text_[p] == '-') return p + 1;
  }
  return mark_offset;
}

void TreeBuilder::check_colon_after_key() const {
  // yaml-cpp takes a lone `word` line in a block mapping for a key without value; Go's yaml
  // (libyaml) requires the colon of an implicit key.
  if (stack_.empty()) return;
  const Frame& frame = stack_.back();
  if (frame.node->kind != NodeKind::Mapping || frame.node->flow || !frame.want_value || frame.key == nullptr ||
      frame.key_via_alias || frame.key->end == frame.key->offset) {
    return;
  }
  std::size_t p = frame.key->end;
  while (p < text_.size() && (is_blank(text_[p]) || is_break(text_[p]))) ++p;
  if (p < text_.size() && text_[p] == ':') return;
  std::size_t q = frame.key->props_offset;
  while (q > 0 && (is_blank(text_[q - 1]) || is_break(text_[q - 1]))) --q;
  if (q > 0 && text_[q - 1] == '?') return;  // explicit `? key`: the value may be absent
  throw_stop(kRuleSyntax, frame.key->offset, "could not find expected ':'",
             "a mapping key must be followed by a colon; or is this line indented wrongly?");
}

void TreeBuilder::OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) {
  std::size_t props_end = 0;
  Node& node = new_node(NodeKind::Null, mark, "?", anchor, props_end);
  const bool has_props = props_end != node.props_offset;
  std::size_t len = 0;
  // yaml-cpp reports both `~`/`null` and an absent value through OnNull, and marks an absent
  // value at whatever token follows it; a null word followed by `:` there is the next key.
  bool literal = is_null_literal(text_, node.offset, len);
  if (literal && !stack_.empty() && stack_.back().node->kind == NodeKind::Mapping && stack_.back().want_value) {
    std::size_t p = node.offset + len;
    while (p < text_.size() && is_blank(text_[p])) ++p;
    if (p < text_.size() && text_[p] == ':' &&
        (p + 1 >= text_.size() || is_blank(text_[p + 1]) || is_break(text_[p + 1]))) {
      literal = false;
    }
    if (node.offset < stack_.back().last_end) literal = false;
  }
  if (literal) {
    node.value = ScalarText::view_of(text_.substr(node.offset, len));
    node.end = node.offset + len;
  } else if (has_props) {
    node.offset = props_end;
    node.end = node.offset;
  } else {
    check_colon_after_key();
    node.offset = empty_node_offset(node.offset);
    node.props_offset = node.offset;
    node.end = node.offset;
  }
  node.set_pos(cursor_.at(node.offset));
  register_anchor(anchor, node, false, 1);
  attach(&node, 1, 0, node.end);
}

void TreeBuilder::OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                           const std::string& value) {
  std::size_t props_end = 0;
  Node& node = new_node(NodeKind::Scalar, mark, tag, anchor, props_end);
  if (node.tag() == "!!null") node.kind = NodeKind::Null;
  const bool has_props = props_end != node.props_offset;
  if (has_props && value.empty() && !same_line(text_, props_end, node.offset)) {
    node.offset = props_end;  // `key: !!str` with nothing after it: the content is empty
  }
  const char first = node.offset < text_.size() ? text_[node.offset] : '\0';
  if (tag != "?") {
    switch (first) {
      case '"': node.style = ScalarStyle::DoubleQuoted; break;
      case '\'': node.style = ScalarStyle::SingleQuoted; break;
      case '|': node.style = ScalarStyle::Literal; break;
      case '>': node.style = ScalarStyle::Folded; break;
      default: node.style = ScalarStyle::Plain; break;
    }
  }
  const bool quoted = node.style == ScalarStyle::DoubleQuoted || node.style == ScalarStyle::SingleQuoted;
  node.value = ScalarText::same_text_or_copy(text_, node.offset + (quoted ? 1 : 0), value);
  const ScalarContext context{node.parent_indent, node.in_flow};
  const ScalarExtent extent = measure_scalar(text_, node.offset, node.style, context, node.value);
  if (extent.unterminated) {
    throw_stop(kRuleSyntax, node.offset, "found unexpected end of stream while scanning a quoted scalar",
               "the quoted string that starts here is not closed");
  }
  node.end = static_cast<std::uint32_t>(std::max<std::size_t>(extent.end, node.offset));
  node.block_indent = extent.block_indent;
  node.exact_offsets = extent.matches;
  node.set_pos(cursor_.at(node.offset));
  register_anchor(anchor, node, false, 1);
  attach(&node, 1, 0, node.end);
}

void TreeBuilder::OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) {
  const std::size_t m = offset_of(mark);
  std::size_t end = m + 1;
  while (end < text_.size() && !is_blank(text_[end]) && !is_break(text_[end]) && !is_flow_indicator(text_[end])) ++end;
  const std::string name(text_.substr(std::min(m + 1, text_.size()), end - std::min(m + 1, end)));
  if (anchor >= anchors_.size() || anchors_[anchor].node == nullptr) {
    throw_stop(kRuleAlias, m, fmt::format("unknown anchor '{}' referenced", name));
  }
  const Anchor& target = anchors_[anchor];
  if (target.open) {
    throw_stop(kRuleAlias, m, fmt::format("anchor '{}' value contains itself", name),
               "an alias cannot refer to a collection that contains it");
  }
  if (target.total > biggest_alias_total_) {
    biggest_alias_total_ = target.total;
    biggest_alias_offset_ = m;
  }
  attach(target.node, add_capped(1, target.total), target.total, end, true);
}

void TreeBuilder::OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                                  YAML::EmitterStyle::value style) {
  start_collection(NodeKind::Sequence, mark, tag, anchor, style);
}

void TreeBuilder::OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                             YAML::EmitterStyle::value style) {
  start_collection(NodeKind::Mapping, mark, tag, anchor, style);
}

void TreeBuilder::OnSequenceEnd() { end_collection(); }
void TreeBuilder::OnMapEnd() { end_collection(); }

void TreeBuilder::start_collection(NodeKind kind, const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                                   YAML::EmitterStyle::value style) {
  std::size_t props_end = 0;
  Node& node = new_node(kind, mark, tag, anchor, props_end);
  node.flow = style == YAML::EmitterStyle::Flow;
  node.set_pos(cursor_.at(node.offset));
  register_anchor(anchor, node, true, 0);
  attach(&node, 0, 0, node.offset);

  Frame& frame = stack_.emplace_back();
  frame.node = &node;
  frame.anchor = anchor;
  // Block indentation as yaml-cpp counts it: a BOM takes no column.
  frame.indent = node.flow ? -1 : cursor_.byte_column(node.offset);
  if (frame.indent >= 0 && node.offset < text_.size() &&
      text_.substr(0, node.offset).find('\n') == std::string_view::npos) {
    frame.indent = std::max(0, frame.indent - static_cast<int>(bom_));
  }
  const bool bracketed =
      node.flow && node.offset < text_.size() && (text_[node.offset] == '[' || text_[node.offset] == '{');
  frame.last_end = node.offset + (bracketed ? 1 : 0);
  if (node.flow) ++flow_depth_;
}

void TreeBuilder::end_collection() {
  if (stack_.empty()) return;
  Frame frame = std::move(stack_.back());
  stack_.pop_back();
  Node& node = *frame.node;
  if (node.flow) --flow_depth_;
  node.end = static_cast<std::uint32_t>(std::max<std::size_t>(frame.last_end, node.offset));
  const char open = node.offset < text_.size() ? text_[node.offset] : '\0';
  if (node.flow && (open == '[' || open == '{')) {
    // Past the closing bracket: skip what may follow the last item (blanks, comments, a comma).
    const char close = open == '[' ? ']' : '}';
    std::size_t p = frame.last_end;
    while (p < text_.size()) {
      const char c = text_[p];
      if (is_blank(c) || is_break(c) || c == ',' || c == ':' || c == '?') {
        ++p;
      } else if (c == '#') {
        while (p < text_.size() && text_[p] != '\n') ++p;
      } else {
        break;
      }
    }
    if (p < text_.size() && text_[p] == close) node.end = p + 1;
  }
  if (node.kind == NodeKind::Mapping && frame.want_value && frame.key != nullptr) {
    add_entry(frame, frame.key, nullptr);  // yaml-cpp always sends a value; defensive
  }
  if (!frame.merges.empty()) resolve_merges(frame);
  if (frame.anchor != 0 && frame.anchor < anchors_.size()) {
    anchors_[frame.anchor].open = false;
    anchors_[frame.anchor].total = frame.total;
  }
  if (stack_.empty()) {
    root_total_ = frame.total;
    root_aliased_ = frame.aliased;
  } else {
    Frame& parent = stack_.back();
    parent.total = add_capped(parent.total, frame.total);
    parent.aliased = add_capped(parent.aliased, frame.aliased);
    parent.last_end = std::max<std::size_t>(parent.last_end, node.end);
  }
}

void TreeBuilder::attach(const Node* node, std::uint64_t total, std::uint64_t aliased, std::size_t end,
                         bool via_alias) {
  if (stack_.empty()) {
    if (!root_set_) {
      doc_.root = node;
      root_set_ = true;
      root_total_ = total;
      root_aliased_ = aliased;
    }
    return;
  }
  Frame& frame = stack_.back();
  frame.total = add_capped(frame.total, total);
  frame.aliased = add_capped(frame.aliased, aliased);
  frame.last_end = std::max(frame.last_end, end);
  Node& parent = *frame.node;
  if (parent.kind == NodeKind::Sequence) {
    parent.items.push_back(node);
    return;
  }
  if (!frame.want_value) {
    frame.key = node;
    frame.key_via_alias = via_alias;
    frame.want_value = true;
    return;
  }
  frame.want_value = false;
  add_entry(frame, frame.key, node);
}

const Node* TreeBuilder::find_key(const Frame& frame, const Node* key) const {
  if (frame.index) {
    const auto it = frame.index->find(key->value);
    return it == frame.index->end() ? nullptr : it->second;
  }
  for (const Entry& entry : frame.node->entries) {
    if (is_scalar_key(entry.key) && entry.key->value == key->value) return entry.key;
  }
  return nullptr;
}

void TreeBuilder::index_key(Frame& frame, const Node* key) {
  if (!frame.index) {
    if (frame.node->entries.size() < kIndexThreshold) return;
    frame.index = std::make_unique<KeyIndex>();
    for (const Entry& entry : frame.node->entries) {
      if (is_scalar_key(entry.key)) frame.index->emplace(entry.key->value, entry.key);
    }
  }
  frame.index->emplace(key->value, key);
}

void TreeBuilder::add_entry(Frame& frame, const Node* key, const Node* value) {
  // yaml.v3 compares keys by node kind and text, and an alias (`*a: x`) is a kind of its own.
  if (is_scalar_key(key) && !frame.key_via_alias) {
    const bool merge = is_merge_key(key);
    const Node* first = merge ? frame.merge_key : find_key(frame, key);
    if (first != nullptr) {
      // Go's yaml.v3 wording; the entry is dropped so that get() sees the first one.
      report(Severity::Error, kRuleDuplicateKey, key->offset,
             fmt::format("mapping key {} already defined at line {}", go::quote(key->value), first->pos().line));
      return;
    }
    if (merge) {
      frame.merge_key = key;
      frame.merges.push_back(Entry{key, value, false});
      return;
    }
  }
  frame.node->entries.push_back(Entry{key, value, false});
  if (is_scalar_key(key) && !frame.key_via_alias) index_key(frame, key);
}

void TreeBuilder::resolve_merges(Frame& frame) {
  // yaml.v3: explicit keys win, then each merged mapping in order; the first to define a key wins.
  for (const Entry& merge_entry : frame.merges) {
    const Node* merge = merge_entry.value;
    const Node* const* sources = &merge;
    std::size_t count = 1;
    bool valid = merge != nullptr && merge->kind == NodeKind::Mapping;
    if (merge != nullptr && merge->kind == NodeKind::Sequence) {
      sources = merge->items.data();
      count = merge->items.size();
      valid = std::all_of(merge->items.begin(), merge->items.end(),
                          [](const Node* item) { return item->kind == NodeKind::Mapping; });
    }
    if (!valid) {
      report(Severity::Error, kRuleMerge, merge_entry.key->offset,
             "map merge requires map or sequence of maps as the value");
      continue;
    }
    for (std::size_t i = 0; i < count; ++i) {
      for (const Entry& entry : sources[i]->entries) {
        if (is_scalar_key(entry.key) && find_key(frame, entry.key) != nullptr) continue;
        frame.node->entries.push_back(Entry{entry.key, entry.value, true});
        if (is_scalar_key(entry.key)) index_key(frame, entry.key);
      }
    }
  }
}

void TreeBuilder::finish() {
  // Aliases share nodes, so the tree itself stays small, but anything that walks it expands
  // them. Refuse what Go's yaml.v3 refuses ("billion laughs").
  const std::uint64_t total = root_total_;
  const std::uint64_t aliased = root_aliased_;
  if (aliased > 100 && total > 1000 &&
      static_cast<double>(aliased) / static_cast<double>(total) > allowed_alias_ratio(total)) {
    doc_.root = nullptr;
    throw_stop(
        kRuleAlias, biggest_alias_offset_, "document contains excessive aliasing",
        fmt::format("aliases expand this document to {}{} nodes", total >= kCountCap ? "more than " : "", total));
  }
}

}  // namespace mlmon::yaml::detail
