#include "yaml/source_checks.hpp"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <fmt/format.h>

#include <algorithm>
#include <vector>

namespace mlmon::yaml::detail {
namespace {

TextProblem control_character(std::size_t offset, unsigned cp) {
  return TextProblem{offset, "control characters are not allowed",
                     fmt::format("the file contains the control character U+{:04X}; is it a binary file?", cp)};
}

TextProblem invalid_utf8(std::size_t offset, unsigned char byte) {
  return TextProblem{offset, fmt::format("invalid UTF-8 (byte 0x{:02X})", byte),
                     "YAML files must be UTF-8 encoded; re-save the file as UTF-8"};
}

}  // namespace

namespace {

/// 16 bytes that are all printable ASCII, tab, LF or CR: nearly all of a YAML file, which the
/// loop below would otherwise take a byte at a time.
bool plain_ascii_block(const char* p) {
#if defined(__SSE2__)
  const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  // Signed bytes: 0x20..0x7E are those above 0x1F and below 0x7F (0x80..0xFF are negative).
  const __m128i printable =
      _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8(0x1F)), _mm_cmplt_epi8(v, _mm_set1_epi8(0x7F)));
  const __m128i space =
      _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\t')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\n'))),
                   _mm_cmpeq_epi8(v, _mm_set1_epi8('\r')));
  return _mm_movemask_epi8(_mm_or_si128(printable, space)) == 0xFFFF;
#else
  for (int k = 0; k < 16; ++k) {
    const auto c = static_cast<unsigned char>(p[k]);
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c >= 0x7F) return false;
  }
  return true;
#endif
}

}  // namespace

std::optional<TextProblem> check_encoding(std::string_view text) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  if (text.starts_with(std::string_view("\xFE\xFF", 2)) || text.starts_with(std::string_view("\xFF\xFE", 2)) ||
      text.starts_with(std::string_view("\0\0\xFE\xFF", 4))) {
    return TextProblem{0, "UTF-16 and UTF-32 encoded files are not supported", "re-save the file as UTF-8"};
  }
  std::size_t i = 0;
  while (i < text.size()) {
    while (i + 16 <= text.size() && plain_ascii_block(text.data() + i)) i += 16;
    if (i >= text.size()) break;
    const unsigned char c = byte(i);
    if (c < 0x80) {
      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) return control_character(i, c);
      ++i;
      continue;
    }
    std::size_t len = 0;
    unsigned cp = 0, min = 0;
    if ((c & 0xE0) == 0xC0) {
      len = 2, cp = c & 0x1Fu, min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3, cp = c & 0x0Fu, min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4, cp = c & 0x07u, min = 0x10000;
    } else {
      return invalid_utf8(i, c);
    }
    if (i + len > text.size()) return invalid_utf8(i, c);
    for (std::size_t k = 1; k < len; ++k) {
      if ((byte(i + k) & 0xC0) != 0x80) return invalid_utf8(i, c);
      cp = (cp << 6) | (byte(i + k) & 0x3Fu);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return invalid_utf8(i, c);
    if ((cp >= 0x80 && cp < 0xA0 && cp != 0x85) || cp == 0xFFFE || cp == 0xFFFF) return control_character(i, cp);
    i += len;
  }
  return std::nullopt;
}

std::optional<std::size_t> tab_in_line_indentation(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  std::size_t start = offset;
  while (start > 0 && text[start - 1] != '\n') --start;
  for (std::size_t p = start; p < text.size() && (text[p] == ' ' || text[p] == '\t'); ++p) {
    if (text[p] == '\t') return p;
  }
  return std::nullopt;
}

bool starts_explicit_document(std::string_view text, std::size_t offset) {
  const auto marker_line = [&](std::size_t at, std::string_view marker) {
    return (at == 0 || text[at - 1] == '\n') && text.substr(at).starts_with(marker) &&
           (at + 3 == text.size() || text[at + 3] == ' ' || text[at + 3] == '\t' || text[at + 3] == '\n' ||
            text[at + 3] == '\r');
  };
  offset = std::min(offset, text.size());
  if (marker_line(offset, "---")) return true;
  // Otherwise the previous document must have ended with `...`: look back over blank and
  // comment lines for it (and for directives such as `%YAML`, which need one too).
  std::size_t line_end = offset;
  while (line_end > 0) {
    std::size_t start = line_end - 1;
    while (start > 0 && text[start - 1] != '\n') --start;
    const std::string_view line = text.substr(start, line_end - start);
    if (marker_line(start, "...")) return true;
    const std::size_t first = line.find_first_not_of(" \t\r\n");
    if (first != std::string_view::npos && line[first] != '#' && line[first] != '%') return false;
    line_end = start;
  }
  return false;
}

TextProblem tab_problem(std::size_t offset) {
  return TextProblem{offset, "found a tab character in indentation: tabs are not allowed for indentation in YAML",
                     "indent with spaces"};
}

std::optional<std::size_t> find_tab_indentation(const Document& doc, std::size_t begin, std::size_t end) {
  const std::string_view text = std::string_view(doc.source->text()).substr(0, end);
  // Candidates: lines whose leading blanks contain a tab. Usually none, so the rest is rare.
  std::vector<std::size_t> tabs;
  for (std::size_t start = begin; start < text.size();) {
    std::size_t p = start;
    while (p < text.size() && text[p] == ' ') ++p;
    if (p < text.size() && text[p] == '\t') tabs.push_back(p);
    const std::size_t eol = text.find('\n', p);
    if (eol == std::string_view::npos) break;
    start = eol + 1;
  }
  if (tabs.empty()) return std::nullopt;

  // Where a tab may start a line: inside multi-line quoted/plain scalars and flow collections
  // (these nest: covered iff the furthest end among ranges starting before the tab is past it),
  // and inside block scalars past the content indentation (these never overlap).
  struct Range {
    std::size_t begin, end;
    int indent;
  };
  std::vector<Range> nested, blocks;
  for (const Node& node : doc.nodes) {
    const bool flow_collection = node.flow && (node.kind == NodeKind::Sequence || node.kind == NodeKind::Mapping);
    if (node.kind != NodeKind::Scalar && !flow_collection) continue;
    if (node.end <= node.offset ||
        text.substr(node.offset, node.end - node.offset).find('\n') == std::string_view::npos) {
      continue;
    }
    const bool block =
        node.kind == NodeKind::Scalar && (node.style == ScalarStyle::Literal || node.style == ScalarStyle::Folded);
    (block ? blocks : nested).push_back(Range{node.offset, node.end, node.block_indent});
  }
  const auto by_begin = [](const Range& a, const Range& b) { return a.begin < b.begin; };
  std::sort(nested.begin(), nested.end(), by_begin);
  std::sort(blocks.begin(), blocks.end(), by_begin);
  std::vector<std::size_t> max_end(nested.size());
  for (std::size_t i = 0; i < nested.size(); ++i) max_end[i] = std::max(nested[i].end, i > 0 ? max_end[i - 1] : 0);
  for (std::size_t tab : tabs) {
    const auto after = [](std::size_t value, const Range& r) { return value < r.begin; };
    const auto n = std::upper_bound(nested.begin(), nested.end(), tab, after) - nested.begin();
    if (n > 0 && max_end[static_cast<std::size_t>(n) - 1] > tab) continue;
    const auto b = std::upper_bound(blocks.begin(), blocks.end(), tab, after);
    if (b != blocks.begin()) {
      const Range& r = *(b - 1);
      std::size_t line_start = tab;
      while (line_start > 0 && text[line_start - 1] != '\n') --line_start;
      if (tab < r.end && static_cast<int>(tab - line_start) >= r.indent) continue;
    }
    return tab;
  }
  return std::nullopt;
}

}  // namespace mlmon::yaml::detail
