#include "thresholds/text_edit.hpp"

#include <algorithm>

namespace mlmon::thresholds {

Result<std::string> apply_edits(std::string_view text, std::vector<TextEdit> edits) {
  std::stable_sort(edits.begin(), edits.end(),
                   [](const TextEdit& a, const TextEdit& b) { return a.offset < b.offset; });
  std::string out;
  out.reserve(text.size() + 64);
  std::size_t copied = 0;  // text[0, copied) is already in `out`
  for (const TextEdit& e : edits) {
    if (e.offset > text.size() || e.length > text.size() - e.offset) {
      return fail("internal error: edit at byte " + std::to_string(e.offset) + " reaches past the end of the file");
    }
    if (e.offset < copied) {
      return fail("internal error: edits at byte " + std::to_string(e.offset) + " overlap");
    }
    out.append(text.substr(copied, e.offset - copied));
    out.append(e.replacement);
    copied = e.offset + e.length;
  }
  out.append(text.substr(copied));
  return out;
}

std::string_view line_ending_at(std::string_view text, std::size_t offset) {
  const std::size_t nl = text.find('\n', std::min(offset, text.size()));
  const std::size_t probe = nl != std::string_view::npos ? nl : text.find('\n');
  if (probe == std::string_view::npos) return "\n";
  return probe > 0 && text[probe - 1] == '\r' ? "\r\n" : "\n";
}

}  // namespace mlmon::thresholds
