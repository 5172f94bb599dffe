// The fast path of load() and load_all(). yaml-cpp's scanner (regular expressions, a string per
// token) costs about ten times what one pass over the text does. This reader builds the very tree
// TreeBuilder builds from yaml-cpp's events (same offsets, positions, values, styles) for the
// YAML configuration files are written in (block and flow collections, one-line and block
// scalars, several documents), and gives up on the first thing outside it or anything it is
// unsure of: the yaml-cpp path then reads the whole file. The only problem it reports itself is
// load()'s warning about a second document, worded and placed as the yaml-cpp path places it;
// every error stays yaml-cpp's.
#include "yaml/fast_loader.hpp"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <algorithm>
#include <cstring>
#include <exception>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "yaml/position_cursor.hpp"
#include "yaml/scalar_scan.hpp"
#include "yaml/source_checks.hpp"

namespace mlmon::yaml::detail {
namespace {

/// Thrown when the text leaves the subset; load_fast() catches it.
struct Unsupported {
  std::size_t offset = 0;
  const char* reason = "";
};

[[noreturn]] void give_up(std::size_t offset, const char* reason) { throw Unsupported{offset, reason}; }

constexpr std::size_t kNone = std::string_view::npos;
/// Far below yaml-cpp's limit (500): deeper files are not worth a fast path.
constexpr int kMaxDepth = 100;
/// Longer implicit keys are refused by Go's yaml; leave them to the slow path.
constexpr std::size_t kMaxKeyLength = 1024;
/// Mappings with more keys than this check duplicates with a hash set.
constexpr std::size_t kIndexThreshold = 16;

/// Why a node that starts with `c` is left to yaml-cpp.
const char* indicator_reason(char c) {
  switch (c) {
    case '&': return "an anchor";
    case '*': return "an alias";
    case '!': return "a tag";
    case '?': return "an explicit key";
    default: return "a node that starts with an indicator";
  }
}

bool is_null_word(std::string_view s) { return s == "~" || s == "null" || s == "Null" || s == "NULL"; }

/// A line with content (not blank, maybe a comment).
struct Line {
  std::size_t start = kNone;  ///< kNone: no such line before the end of the text
  std::size_t content = 0;    ///< first non-space character
  int indent = 0;
  bool valid() const { return start != kNone; }
};

/// A mapping key found in the text, before it becomes a node.
struct Key {
  bool found = false;
  std::size_t begin = 0;
  std::size_t end = 0;  ///< past the key's text (closing quote included)
  std::size_t colon = 0;
  ScalarStyle style = ScalarStyle::Plain;
  std::string decoded;  ///< quoted keys only; a plain key is its text
};

/// Where the streamed key's items go: lent (freed after the call) or handed over with their nodes.
struct StreamSinks {
  const ItemSink* borrow = nullptr;
  const OwnedItemSink* own = nullptr;
  bool any() const { return borrow != nullptr || own != nullptr; }
};

class FastLoader {
 public:
  explicit FastLoader(const SourceFile& source, std::string_view stream_key = {}, StreamSinks sinks = {})
      : t_(source.text()), n_(t_.size()), cursor_(source), stream_key_(stream_key), sinks_(sinks) {}

  /// load(): the first document into `doc`, and the warning yaml-cpp's path gives when more follow
  /// (it reads no further either: a `---` line ends the first document, whatever comes after it).
  void read_first(Document& doc, const LoadOptions& options) {
    refuse_unusual_characters();
    const std::size_t further = read_document(0, doc);
    if (further == kNone) return;
    if (sinks_.any()) give_up(further, "a second document");  // load_streaming() leaves problems to load()
    doc.problems.push_back(make_diagnostic(Severity::Warning, kRuleMultipleDocuments, doc.source->path(),
                                           doc.source->position_of(further),
                                           std::string(options.multiple_documents_message)));
  }

  /// load_all(): every document, one Document each.
  void read_all(const SourceFilePtr& source, std::vector<Document>& docs) {
    refuse_unusual_characters();
    std::size_t from = 0;
    do {
      Document& doc = docs.emplace_back();
      doc.source = source;
      from = read_document(from, doc);
    } while (from != kNone);
  }

 private:
  /// Reads the document that starts at `from` (the text's start, or a `---` line) into `doc`;
  /// returns the offset of the `---` that starts the next one, or kNone at the end of the text.
  std::size_t read_document(std::size_t from, Document& doc) {
    doc_ = &doc;
    doc_end_ = kNone;
    Line first = next_line(from, true, true);
    bool explicit_start = false;
    if (first.valid() && is_document_marker(first)) {
      if (!rest_is_empty(first.content + 3)) give_up(first.content, "a document marker with text after it");
      explicit_start = true;
      first = next_line(after_line(first.content), true);
    }
    // An explicit empty document has a null root placed where yaml-cpp's next token is.
    if (!first.valid() && (explicit_start || doc_end_ != kNone)) give_up(from, "an empty document");
    if (!first.valid()) return kNone;  // empty, or only comments: no root
    doc.root = parse_block(first, -1, 0);
    const Line after = next_line(next_, true);
    if (after.valid()) give_up(after.content, "text after the root node");
    return doc_end_;
  }

  /// Characters the subset leaves to yaml-cpp: tabs (indentation rules), CR (line breaks),
  /// and the Unicode characters YAML 1.1 counts as line breaks or a BOM.
  void refuse_unusual_characters() const {
    const auto* s = reinterpret_cast<const unsigned char*>(t_.data());
    for (std::size_t i = 0; i < n_; ++i) {
      // 16 bytes at a time while they hold none of those (nor any non-ASCII byte to look at).
      while (i + 16 <= n_ && ascii_without_tab_or_cr(t_.data() + i)) i += 16;
      if (i >= n_) break;
      const unsigned char c = s[i];
      if (c < 0x80) {
        if (c == '\t' || c == '\r') give_up(i, "a tab or a carriage return");
        continue;
      }
      if (c == 0xC2 && i + 1 < n_ && s[i + 1] == 0x85) give_up(i, "a NEL line break");
      if (c == 0xE2 && i + 2 < n_ && s[i + 1] == 0x80 && (s[i + 2] == 0xA8 || s[i + 2] == 0xA9)) {
        give_up(i, "a Unicode line or paragraph separator");
      }
      if (c == 0xEF && i + 2 < n_ && s[i + 1] == 0xBB && s[i + 2] == 0xBF) give_up(i, "a byte-order mark");
    }
  }

  static bool ascii_without_tab_or_cr(const char* p) {
#if defined(__SSE2__)
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    const __m128i tab_or_cr =
        _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\t')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\r')));
    return _mm_movemask_epi8(_mm_or_si128(v, tab_or_cr)) == 0;  // high bit: non-ASCII, or a tab or CR
#else
    for (int k = 0; k < 16; ++k) {
      const auto c = static_cast<unsigned char>(p[k]);
      if (c >= 0x80 || c == '\t' || c == '\r') return false;
    }
    return true;
#endif
  }

  std::size_t line_end(std::size_t p) const {
    const void* nl = p < n_ ? std::memchr(t_.data() + p, '\n', n_ - p) : nullptr;
    return nl == nullptr ? n_ : static_cast<std::size_t>(static_cast<const char*>(nl) - t_.data());
  }
  std::size_t after_line(std::size_t p) const { return std::min(line_end(p) + 1, n_); }
  bool at_eol(std::size_t p) const { return p >= n_ || t_[p] == '\n'; }
  bool blank_or_eol(std::size_t p) const { return p >= n_ || t_[p] == ' ' || t_[p] == '\n'; }

  /// From p (just past a token): nothing but spaces and maybe a comment up to the line's end.
  bool rest_is_empty(std::size_t p) const {
    std::size_t q = p;
    while (q < n_ && t_[q] == ' ') ++q;
    return at_eol(q) || (t_[q] == '#' && q > p);
  }

  /// `---` (a document starts) or `...` (one ends) at the start of a line.
  bool is_marker_at(std::size_t p) const {
    if (p + 3 > n_ || (p > 0 && t_[p - 1] != '\n')) return false;
    const std::string_view head = t_.substr(p, 3);
    return (head == "---" || head == "...") && blank_or_eol(p + 3);
  }
  bool is_document_marker(const Line& line) const { return line.indent == 0 && is_marker_at(line.content); }

  /// The first non-blank line at or after the line starting at `from`; with `content_only`,
  /// comment lines are skipped too, and a `---` line ends the document: no line, and doc_end_
  /// says where it is (unless `marker_ok`: then it is the line). A `...` line ends the subset.
  Line next_line(std::size_t from, bool content_only, bool marker_ok = false) {
    while (from < n_) {
      std::size_t s = from;
      while (s < n_ && t_[s] == ' ') ++s;
      if (s >= n_) break;
      if (t_[s] == '\n') {
        from = s + 1;
        continue;
      }
      if (content_only && t_[s] == '#') {
        from = after_line(s);
        continue;
      }
      Line line{from, s, static_cast<int>(s - from)};
      if (content_only && is_document_marker(line)) {
        if (t_[s] == '.') give_up(s, "a document end marker");
        if (!marker_ok) {
          doc_end_ = s;
          return {};
        }
      }
      return line;
    }
    return {};
  }

  /// `-` starting a block sequence entry.
  bool is_entry_dash(std::size_t p) const { return p < n_ && t_[p] == '-' && blank_or_eol(p + 1); }

  /// TreeBuilder's test for a null word at p (yaml-cpp marks an absent value at the next token
  /// and TreeBuilder then takes a null word there for the value).
  bool null_word_at(std::size_t p) const {
    for (std::string_view word : {"~", "null", "Null", "NULL"}) {
      if (t_.compare(p, word.size(), word) == 0) {
        const std::size_t after = p + word.size();
        if (after >= n_) return true;
        const char c = t_[after];
        if (c == ' ' || c == '\n' || c == ',' || c == '[' || c == ']' || c == '{' || c == '}' || c == ':' || c == '#') {
          return true;
        }
      }
    }
    return false;
  }

  /// Whether a plain scalar may start at p (yaml-cpp's PlainScalar): `-`, `?` and `:` only
  /// before a non-blank (`:node_memory:sum`, a recording rule's name).
  bool plain_start(std::size_t p) const {
    if (at_eol(p)) return false;
    const char c = t_[p];
    if (std::strchr(",[]{}#&*!|>'\"%@` ", c) != nullptr) return false;
    return (c != '-' && c != '?' && c != ':') || !blank_or_eol(p + 1);
  }

  /// Scans a plain scalar's text on its line: returns where it stops (a `: `, a ` #` or the line
  /// end) and sets `end` past its last non-space character.
  std::size_t scan_plain(std::size_t p, std::size_t& end) const {
    std::size_t k = p;
    while (k < n_) {
      const char c = t_[k];
      if (c == '\n') break;
      if (c == ':' && blank_or_eol(k + 1)) break;
      if (c == '#' && k > p && t_[k - 1] == ' ') break;
      ++k;
    }
    end = k;
    while (end > p && t_[end - 1] == ' ') --end;
    return k;
  }

  /// A quoted scalar's value (opening quote at p): a view of the file when written there as it
  /// reads (no escapes), else a copy.
  ScalarText quoted_value(std::size_t p, std::string_view value) const {
    return ScalarText::same_text_or_copy(t_, p + 1, value);
  }

  /// A quoted scalar closed on its own line: its value, and the offset past the closing quote.
  std::size_t scan_quoted(std::size_t p, std::string& value) const {
    const char quote = t_[p];
    std::size_t i = p + 1;
    while (true) {
      std::size_t k = i;
      while (k < n_ && t_[k] != quote && t_[k] != '\n' && (quote == '\'' || t_[k] != '\\')) ++k;
      value.append(t_.data() + i, k - i);
      if (at_eol(k)) give_up(k, "a multi-line or unterminated quoted scalar");
      if (t_[k] == quote) {
        if (quote == '\'' && k + 1 < n_ && t_[k + 1] == '\'') {
          value += '\'';
          i = k + 2;
          continue;
        }
        // yaml-cpp clips trailing line breaks
        if (quote == '"' && !value.empty() && value.back() == '\n') give_up(k, "a quoted scalar ending in \\n");
        return k + 1;
      }
      value += unescape(k);
      i = k + 2;
    }
  }

  /// The common one-character escapes (yaml-cpp's table); others go to the slow path.
  char unescape(std::size_t backslash) const {
    if (backslash + 1 >= n_) give_up(backslash, "a backslash at the end of the text");
    switch (t_[backslash + 1]) {
      case '0': return '\0';
      case 'a': return '\a';
      case 'b': return '\b';
      case 't': return '\t';
      case 'n': return '\n';
      case 'v': return '\v';
      case 'f': return '\f';
      case 'r': return '\r';
      case 'e': return '\x1b';
      case ' ': return ' ';
      case '"': return '"';
      case '\\': return '\\';
      case '/': return '/';
      default: give_up(backslash, "an escape sequence outside the common ones");
    }
  }

  /// Whether a `key:` starts at p, and where its parts are.
  Key scan_key(std::size_t p) const {
    Key key;
    key.begin = p;
    std::size_t after = 0;
    if (p < n_ && (t_[p] == '"' || t_[p] == '\'')) {
      key.style = t_[p] == '"' ? ScalarStyle::DoubleQuoted : ScalarStyle::SingleQuoted;
      key.end = scan_quoted(p, key.decoded);
      after = key.end;
      while (after < n_ && t_[after] == ' ') ++after;
      if (after >= n_ || t_[after] != ':' || !blank_or_eol(after + 1)) return key;
    } else {
      if (!plain_start(p)) return key;
      after = scan_plain(p, key.end);
      if (after >= n_ || t_[after] != ':') return key;
      if (key.end - key.begin == 2 && t_.compare(p, 2, "<<") == 0) give_up(p, "a merge key");
    }
    if (key.end - key.begin > kMaxKeyLength) give_up(p, "a key longer than 1024 bytes");
    key.colon = after;
    key.found = true;
    return key;
  }

  Node& new_node(NodeKind kind, std::size_t offset, int parent_indent) {
    Node& node = doc_->nodes.emplace_back();
    node.kind = kind;
    node.offset = offset;
    node.props_offset = offset;
    node.parent_indent = parent_indent;
    node.source = doc_->source.get();
    node.set_pos(cursor_.at(offset));
    return node;
  }

  /// A scalar node; its end, block indentation and offsets as TreeBuilder measures them, which
  /// must agree with what this reader saw.
  Node& scalar_node(std::size_t offset, ScalarStyle style, ScalarText value, int parent_indent,
                    std::size_t expected_end, bool in_flow = false) {
    Node& node = new_node(NodeKind::Scalar, offset, parent_indent);
    node.style = style;
    node.value = std::move(value);
    node.in_flow = in_flow;
    const ScalarExtent extent = measure_scalar(t_, offset, style, ScalarContext{parent_indent, in_flow}, node.value);
    if (!extent.matches || extent.unterminated || extent.end != expected_end) {
      give_up(offset, "a scalar the re-reader measures differently");
    }
    node.end = std::max(extent.end, offset);
    node.block_indent = extent.block_indent;
    return node;
  }

  const Node* key_node(Key& key, int indent) {
    if (key.style != ScalarStyle::Plain) {
      return &scalar_node(key.begin, key.style, quoted_value(key.begin, key.decoded), indent, key.end);
    }
    const std::string_view text = t_.substr(key.begin, key.end - key.begin);
    if (is_null_word(text)) {
      Node& node = new_node(NodeKind::Null, key.begin, indent);
      node.value = ScalarText::view_of(text);
      node.end = key.end;
      return &node;
    }
    return &scalar_node(key.begin, ScalarStyle::Plain, ScalarText::view_of(text), indent, key.end);
  }

  /// The node starting line `line`, inside a collection at column parent_indent.
  const Node* parse_block(const Line& line, int parent_indent, int depth) {
    if (depth > kMaxDepth) give_up(line.content, "nesting deeper than 100");
    if (is_entry_dash(line.content)) return parse_sequence(line, parent_indent, false, depth + 1);
    if (starts_flow(line.content)) return parse_flow_in_block(line.content, parent_indent, depth);
    Key key = scan_key(line.content);
    if (key.found) return parse_mapping(key, line.indent, parent_indent, depth + 1);
    // A root block scalar's indentation is not measured as below a collection's.
    if (parent_indent < 0 && (t_[line.content] == '|' || t_[line.content] == '>')) {
      give_up(line.content, "a block scalar as the root node");
    }
    return parse_scalar(line.content, parent_indent);
  }

  const Node* parse_mapping(Key& first, int indent, int parent_indent, int depth) {
    Node& map = new_node(NodeKind::Mapping, first.begin, parent_indent);
    const std::size_t mark = entries_.size();
    std::unique_ptr<std::unordered_set<std::string_view>> index;
    std::size_t end = map.offset;
    Key key = std::move(first);
    while (true) {
      const Node* k = key_node(key, indent);
      check_new_key(k, mark, index);
      // The root mapping is at depth 1, so a block sequence as the streamed key's value is at 2.
      stream_pending_ = sinks_.any() && depth == 1 && k->is_scalar() && k->value == stream_key_;
      const Node* v = parse_value(key.colon + 1, indent, true, 0, depth);
      stream_pending_ = false;
      end = std::max<std::size_t>({end, k->end, v->end});
      entries_.push_back(Entry{k, v, false});
      const Line next = next_line(next_, true);
      if (!next.valid() || next.indent < indent) break;
      if (next.indent > indent) give_up(next.content, "a line indented more than its mapping");
      key = scan_key(next.content);
      if (!key.found) give_up(next.content, "a line that is no key in a mapping");
    }
    map.end = end;
    map.entries.assign(entries_.begin() + static_cast<std::ptrdiff_t>(mark), entries_.end());
    entries_.resize(mark);
    return &map;
  }

  /// Duplicate keys are errors the slow path reports.
  void check_new_key(const Node* key, std::size_t mark,
                     std::unique_ptr<std::unordered_set<std::string_view>>& index) const {
    const std::size_t count = entries_.size() - mark;
    if (count < kIndexThreshold) {
      for (std::size_t i = mark; i < entries_.size(); ++i) {
        if (entries_[i].key->value == key->value) give_up(key->offset, "a duplicate key");
      }
      return;
    }
    if (!index) {
      index = std::make_unique<std::unordered_set<std::string_view>>();
      for (std::size_t i = mark; i < entries_.size(); ++i) index->insert(entries_[i].key->value);
    }
    if (!index->insert(key->value).second) give_up(key->offset, "a duplicate key");
  }

  /// `indentless`: a sequence at the column of the mapping key it is the value of (`key:\n- a`);
  /// a line at that column that is no entry ends it.
  const Node* parse_sequence(const Line& first, int parent_indent, bool indentless, int depth) {
    Node& seq = new_node(NodeKind::Sequence, first.content, parent_indent);
    const bool stream = stream_pending_ && depth == 2;
    stream_pending_ = false;
    const std::size_t node_mark = doc_->nodes.size();
    const int indent = first.indent;
    const std::size_t mark = items_.size();
    std::size_t end = seq.offset;
    Line line = first;
    while (true) {
      // A handed-over item is read into a pool of its own, which goes with it; moving a pool
      // keeps its nodes where they are, so the sequence node (in the outer pool) stays valid.
      const bool hand_over = stream && sinks_.own != nullptr;
      Pool<Node> outer;
      if (hand_over) outer = std::exchange(doc_->nodes, Pool<Node>{});
      const Node* item = parse_value(line.content + 1, indent, false, line.start, depth);
      end = std::max<std::size_t>(end, item->end);
      if (hand_over) {
        StreamedItem owned{std::exchange(doc_->nodes, std::move(outer)), item};
        (*sinks_.own)(std::move(owned));
      } else if (stream) {
        (*sinks_.borrow)(*item);
        doc_->nodes.truncate(node_mark);
      } else {
        items_.push_back(item);
      }
      const Line next = next_line(next_, true);
      if (!next.valid() || next.indent < indent) break;
      if (next.indent > indent) give_up(next.content, "a line indented more than its sequence");
      if (!is_entry_dash(next.content)) {
        if (indentless) break;
        give_up(next.content, "a line that is no entry in a sequence");
      }
      line = next;
    }
    seq.end = end;
    seq.items.assign(items_.begin() + static_cast<std::ptrdiff_t>(mark), items_.end());
    items_.resize(mark);
    return &seq;
  }

  /// The value after a key's colon or an entry's dash (p just past it), in a collection at
  /// column `indent` whose line starts at `line_start` (sequences).
  const Node* parse_value(std::size_t p, int indent, bool in_mapping, std::size_t line_start, int depth) {
    std::size_t q = p;
    while (q < n_ && t_[q] == ' ') ++q;
    if (at_eol(q) || t_[q] == '#') {
      next_ = after_line(q);
      const Line next = next_line(next_, true);
      if (next.valid() && next.indent > indent) return parse_block(next, indent, depth);
      if (in_mapping && next.valid() && next.indent == indent && is_entry_dash(next.content)) {
        if (depth > kMaxDepth) give_up(next.content, "nesting deeper than 100");
        return parse_sequence(next, indent, true, depth + 1);
      }
      // Absent: a null just past the colon or dash, as TreeBuilder places it.
      if (next.valid() && null_word_at(next.content)) give_up(next.content, "a null word after an absent value");
      Node& node = new_node(NodeKind::Null, p, indent);
      node.end = p;
      return &node;
    }
    if (is_entry_dash(q)) give_up(q, "a sequence entry on the line of its key or entry");  // `key: - a`, `- - a`
    if (starts_flow(q)) return parse_flow_in_block(q, indent, depth);
    if (!in_mapping) {
      Key key = scan_key(q);
      if (key.found) {
        if (depth > kMaxDepth) give_up(q, "nesting deeper than 100");
        return parse_mapping(key, static_cast<int>(q - line_start), indent, depth + 1);
      }
    }
    return parse_scalar(q, indent);
  }

  /// A scalar starting at p; consumes its lines.
  const Node* parse_scalar(std::size_t p, int parent_indent) {
    const char c = t_[p];
    if (c == '|' || c == '>') return parse_block_scalar(p, parent_indent);
    if (c == '"' || c == '\'') {
      std::string value;
      const std::size_t end = scan_quoted(p, value);
      if (!rest_is_empty(end)) give_up(end, "text after a quoted scalar");
      next_ = after_line(end);
      return &scalar_node(p, c == '"' ? ScalarStyle::DoubleQuoted : ScalarStyle::SingleQuoted, quoted_value(p, value),
                          parent_indent, end);
    }
    if (!plain_start(p)) give_up(p, indicator_reason(t_[p]));
    std::size_t end = 0;
    const std::size_t stop = scan_plain(p, end);
    if (!at_eol(stop) && t_[stop] == ':') give_up(stop, "a colon after a value");  // `key: a: b`
    next_ = after_line(stop);
    // A more indented line below would continue the scalar (or be an error); so would a comment
    // line there, as yaml-cpp reads it.
    const Line below = next_line(next_, false);
    if (below.valid() && below.indent > parent_indent) give_up(below.content, "a multi-line plain scalar");
    const std::string_view text = t_.substr(p, end - p);
    if (is_null_word(text)) {
      Node& node = new_node(NodeKind::Null, p, parent_indent);
      node.value = ScalarText::view_of(text);
      node.end = end;
      return &node;
    }
    return &scalar_node(p, ScalarStyle::Plain, ScalarText::view_of(text), parent_indent, end);
  }

  /// `|` or `>` with an optional chomping indicator; decoded as yaml-cpp does (scalar_scan.cpp's
  /// decode_block re-reads it and must agree).
  const Node* parse_block_scalar(std::size_t p, int parent_indent) {
    const bool folded = t_[p] == '>';
    std::size_t i = p + 1;
    char chomp = 'c';  // clip, '-' strip, '+' keep
    if (i < n_ && (t_[i] == '-' || t_[i] == '+')) chomp = t_[i++];
    // explicit indentation, a second indicator, text
    if (!rest_is_empty(i)) give_up(i, "a block scalar header with an indentation indicator or text");
    const std::size_t header_end = line_end(i);
    if (header_end >= n_) give_up(p, "a block scalar at the end of the text");

    // Content indentation: at least one more than the enclosing collection's, raised by the
    // first content line and by the spaces of empty lines before it.
    int indent = std::max(parent_indent, 0) + 1;
    std::size_t line = header_end + 1;
    int leading_breaks = 0;
    while (true) {
      std::size_t s = line;
      while (s < n_ && t_[s] == ' ') ++s;
      if (s >= n_) give_up(p, "a block scalar without content");
      indent = std::max(indent, static_cast<int>(s - line));
      if (t_[s] != '\n') {
        if (static_cast<int>(s - line) < indent) give_up(p, "a block scalar without content");
        break;
      }
      ++leading_breaks;
      line = s + 1;
    }

    std::string value(static_cast<std::size_t>(leading_breaks), '\n');
    int pending = 0;  // line breaks since the last content line
    bool first = true;
    bool previous_more_indented = false;
    std::size_t content_end = 0;
    while (line < n_) {
      std::size_t s = line;
      while (s < n_ && t_[s] == ' ' && static_cast<int>(s - line) < indent) ++s;
      if (s >= n_) {
        // yaml-cpp folds a last line of exactly the indentation, unended, into a space (found by
        // fuzzing; Go's yaml ignores it): its path words such a file.
        if (folded && static_cast<int>(s - line) == indent)
          give_up(line, "a folded block scalar ending in a line of only its indentation");
        break;
      }
      if (t_[s] == '\n') {
        ++pending;
        line = s + 1;
        continue;
      }
      if (static_cast<int>(s - line) < indent) break;  // less indented: the scalar ended above
      const std::size_t e = line_end(s);
      const bool more_indented = t_[s] == ' ';
      if (!first) {
        if (folded && !previous_more_indented && !more_indented) {
          if (pending == 1) {
            value += ' ';
          } else {
            value.append(static_cast<std::size_t>(pending - 1), '\n');
          }
        } else {
          value.append(static_cast<std::size_t>(pending), '\n');
        }
      }
      value.append(t_.data() + s, e - s);
      first = false;
      previous_more_indented = more_indented;
      content_end = e;
      pending = 0;
      line = e;
      if (e >= n_) break;
      pending = 1;
      line = e + 1;
    }
    if (chomp == '+') {
      // yaml-cpp folds the break after a last normal line into the trailing empty lines.
      const bool fold_first = folded && !previous_more_indented && pending >= 2;
      value.append(static_cast<std::size_t>(pending - (fold_first ? 1 : 0)), '\n');
    } else if (chomp == 'c' && pending > 0) {
      value += '\n';
    }
    next_ = std::min(line, n_);
    Node& node = scalar_node(p, folded ? ScalarStyle::Folded : ScalarStyle::Literal, ScalarText(value), parent_indent,
                             content_end);
    if (node.block_indent != indent) give_up(p, "a block scalar whose indentation the re-reader measures differently");
    return &node;
  }

  // Flow collections: `[a, b]`, `{k: v}`, nested, over several lines, with comments. Their nodes
  // are placed as TreeBuilder places them: `in_flow` inside one, `parent_indent` that of the
  // block collection around the outermost flow collection. Left to yaml-cpp: empty values
  // (`{a: }`, `{a}`, `[a, , b]`), `key: value` pairs in sequences, collections as keys, JSON's
  // `"k":v`, multi-line scalars, and the characters yaml-cpp reads differently in them.

  static bool starts_flow(char c) { return c == '[' || c == '{'; }
  bool starts_flow(std::size_t p) const { return p < n_ && starts_flow(t_[p]); }

  /// A flow collection where a block node may start (a value, an entry, the root); nothing but
  /// a comment may follow its closing bracket on that line.
  const Node* parse_flow_in_block(std::size_t p, int parent_indent, int depth) {
    const Node* node = parse_flow(p, parent_indent, false, depth + 1);
    if (!rest_is_empty(p)) give_up(p, "text after a flow collection");
    next_ = after_line(p);
    return node;
  }

  /// The flow collection whose bracket is at p; leaves p just past its closing bracket.
  const Node* parse_flow(std::size_t& p, int parent_indent, bool nested, int depth) {
    if (depth > kMaxDepth) give_up(p, "nesting deeper than 100");
    stream_pending_ = false;  // a streamed key's value must be a block sequence
    const bool is_map = t_[p] == '{';
    const char close = is_map ? '}' : ']';
    Node& node = new_node(is_map ? NodeKind::Mapping : NodeKind::Sequence, p, parent_indent);
    node.flow = true;
    node.in_flow = nested;
    const std::size_t entry_mark = entries_.size();
    const std::size_t item_mark = items_.size();
    std::unique_ptr<std::unordered_set<std::string_view>> index;
    p = skip_flow_space(p + 1);
    while (t_[p] != close) {
      if (is_map) {
        const Node* key = flow_key(p, parent_indent);
        check_new_key(key, entry_mark, index);
        const Node* value = flow_node(p, parent_indent, depth);
        entries_.push_back(Entry{key, value, false});
      } else {
        items_.push_back(flow_node(p, parent_indent, depth));
      }
      if (t_[p] == ',') {
        p = skip_flow_space(p + 1);
      } else if (t_[p] != close) {
        give_up(p, t_[p] == ':' ? "a key: value pair in a flow sequence" : "a flow entry not followed by , or its end");
      }
    }
    ++p;
    node.end = p;
    if (is_map) {
      node.entries.assign(entries_.begin() + static_cast<std::ptrdiff_t>(entry_mark), entries_.end());
      entries_.resize(entry_mark);
    } else {
      node.items.assign(items_.begin() + static_cast<std::ptrdiff_t>(item_mark), items_.end());
      items_.resize(item_mark);
    }
    return &node;
  }

  /// A node inside a flow collection at p; leaves p at the next token (`,`, `]`, `}`...).
  const Node* flow_node(std::size_t& p, int parent_indent, int depth) {
    const char c = t_[p];
    if (starts_flow(c)) {
      const Node* node = parse_flow(p, parent_indent, true, depth + 1);
      p = skip_flow_space(p);
      return node;
    }
    if (c == '"' || c == '\'') {
      std::string value;
      const std::size_t end = scan_quoted(p, value);
      const ScalarStyle style = c == '"' ? ScalarStyle::DoubleQuoted : ScalarStyle::SingleQuoted;
      const Node* node = &scalar_node(p, style, quoted_value(p, value), parent_indent, end, true);
      p = skip_flow_space(end);
      return node;
    }
    if (c == ',' || c == ']' || c == '}') give_up(p, "an empty node in a flow collection");
    const std::size_t begin = p;
    const std::size_t end = scan_flow_plain(p);
    p = skip_flow_space(end);
    // A plain scalar could go on over the next line; only a `,` or bracket there ends it for sure.
    if (t_.substr(end, p - end).find('\n') != std::string_view::npos && t_[p] != ',' && t_[p] != ']' && t_[p] != '}') {
      give_up(begin, "a multi-line plain scalar in a flow collection");
    }
    return plain_node(begin, end, parent_indent, true);
  }

  /// A plain scalar, or a null for a null word, over [begin, end).
  const Node* plain_node(std::size_t begin, std::size_t end, int parent_indent, bool in_flow) {
    const std::string_view text = t_.substr(begin, end - begin);
    if (is_null_word(text)) {
      Node& node = new_node(NodeKind::Null, begin, parent_indent);
      node.value = ScalarText::view_of(text);
      node.end = end;
      node.in_flow = in_flow;
      return &node;
    }
    return &scalar_node(begin, ScalarStyle::Plain, ScalarText::view_of(text), parent_indent, end, in_flow);
  }

  /// The key of a flow mapping entry at p, and its `: `; leaves p at the value.
  const Node* flow_key(std::size_t& p, int parent_indent) {
    const std::size_t begin = p;
    const char c = t_[p];
    const Node* key = nullptr;
    std::size_t end = 0;
    if (c == '"' || c == '\'') {
      std::string value;
      end = scan_quoted(p, value);
      const ScalarStyle style = c == '"' ? ScalarStyle::DoubleQuoted : ScalarStyle::SingleQuoted;
      key = &scalar_node(p, style, quoted_value(p, value), parent_indent, end, true);
    } else {
      if (starts_flow(c) || c == ',' || c == '}') give_up(p, "a flow mapping key that is no scalar");
      end = scan_flow_plain(p);
      if (end - begin == 2 && t_.compare(begin, 2, "<<") == 0) give_up(begin, "a merge key");
      key = plain_node(begin, end, parent_indent, true);
    }
    if (end - begin > kMaxKeyLength) give_up(begin, "a key longer than 1024 bytes");
    std::size_t q = end;
    while (q < n_ && t_[q] == ' ') ++q;
    if (q + 1 >= n_ || t_[q] != ':' || (t_[q + 1] != ' ' && t_[q + 1] != '\n')) {
      give_up(begin, "a flow mapping entry without `key: value`");
    }
    p = skip_flow_space(q + 1);
    return key;
  }

  /// A plain scalar in a flow collection, on one line, starting at p: the offset just past its
  /// last non-blank character. Gives up where yaml-cpp ends it differently than a plain block
  /// scalar (`?`, `[`, `{`, `:[`).
  std::size_t scan_flow_plain(std::size_t p) const {
    const char c = t_[p];
    if (std::strchr(",[]{}#&*!|>'\"%@`?: \n", c) != nullptr || (c == '-' && blank_or_eol(p + 1))) {
      give_up(p, indicator_reason(c));
    }
    std::size_t k = p;
    while (k < n_) {
      const char d = t_[k];
      if (d == '\n' || d == ',' || d == ']' || d == '}') break;
      if (d == '?' || d == '[' || d == '{') give_up(k, "a flow indicator inside a plain scalar");
      if (d == ':') {
        const char after = k + 1 < n_ ? t_[k + 1] : '\n';
        if (after == ' ' || after == '\n' || after == ',' || after == ']' || after == '}') break;
        if (after == '[' || after == '{') give_up(k, "a flow indicator inside a plain scalar");
      }
      if (d == '#' && t_[k - 1] == ' ') break;
      ++k;
    }
    while (k > p && t_[k - 1] == ' ') --k;
    return k;
  }

  /// From p, past the blanks, line breaks and comments between flow tokens.
  std::size_t skip_flow_space(std::size_t p) const {
    while (true) {
      if (p >= n_) give_up(p, "an unterminated flow collection");
      const char c = t_[p];
      if (c == ' ') {
        ++p;
      } else if (c == '\n') {
        ++p;
        if (is_marker_at(p)) give_up(p, "a document marker inside a flow collection");
      } else if (c == '#') {
        if (t_[p - 1] != ' ' && t_[p - 1] != '\n') give_up(p, "a comment not after a blank");
        p = line_end(p);
      } else {
        return p;
      }
    }
  }

  Document* doc_ = nullptr;  ///< the document being read
  std::string_view t_;
  std::size_t n_;
  PositionCursor cursor_;
  std::size_t next_ = 0;            ///< start of the first line not read yet
  std::size_t doc_end_ = kNone;     ///< the `---` line that ends the document, once seen
  std::vector<Entry> entries_;      ///< entries of the mappings being read, innermost last
  std::vector<const Node*> items_;  ///< items of the sequences being read, innermost last
  std::string_view stream_key_;
  StreamSinks sinks_;
  bool stream_pending_ = false;  ///< the value being read is the streamed key's
};

/// Runs `read` on a FastLoader; on false, `miss` says where and why it gave up.
template <class Read>
bool run_fast_loader(const SourceFile& source, FastPathMiss* miss, std::string_view stream_key, StreamSinks sinks,
                     Read&& read) {
  FastPathMiss why;
  if (auto problem = check_encoding(source.text())) {
    why = FastPathMiss{problem->offset, "an encoding problem"};
  } else {
    try {
      FastLoader loader(source, stream_key, sinks);
      read(loader);
      return true;
    } catch (const Unsupported& unsupported) {
      why = FastPathMiss{unsupported.offset, unsupported.reason};
    } catch (const std::exception& e) {
      why = FastPathMiss{0, std::string("an exception: ") + e.what()};
    }
  }
  if (miss != nullptr) *miss = std::move(why);
  return false;
}

void clear(Document& doc) {
  doc.root = nullptr;
  doc.nodes.clear();
  doc.problems.clear();
}

}  // namespace

bool load_fast(Document& doc, const LoadOptions& options, FastPathMiss* miss) {
  if (run_fast_loader(*doc.source, miss, {}, StreamSinks{},
                      [&](FastLoader& loader) { loader.read_first(doc, options); })) {
    return true;
  }
  clear(doc);
  return false;
}

namespace {

bool stream_first(Document& doc, std::string_view stream_key, StreamSinks sinks) {
  if (run_fast_loader(*doc.source, nullptr, stream_key, sinks,
                      [&](FastLoader& loader) { loader.read_first(doc, {}); })) {
    return true;
  }
  clear(doc);
  return false;
}

}  // namespace

bool load_fast_streaming(Document& doc, std::string_view stream_key, const ItemSink& on_item) {
  return stream_first(doc, stream_key, StreamSinks{&on_item, nullptr});
}

bool load_fast_streaming(Document& doc, std::string_view stream_key, const OwnedItemSink& on_item) {
  return stream_first(doc, stream_key, StreamSinks{nullptr, &on_item});
}

bool load_all_fast(const SourceFilePtr& source, std::vector<Document>& docs, FastPathMiss* miss) {
  if (run_fast_loader(*source, miss, {}, StreamSinks{}, [&](FastLoader& loader) { loader.read_all(source, docs); })) {
    return true;
  }
  docs.clear();
  return false;
}

}  // namespace mlmon::yaml::detail
