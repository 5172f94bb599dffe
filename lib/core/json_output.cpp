#include "core/json_output.hpp"

#include <fmt/format.h>

#include "core/terminal_text.hpp"
#include "core/unicode.hpp"

namespace mlmon {

std::string dump_for_output(const nlohmann::ordered_json& doc, int indent) {
  std::string text = doc.dump(indent, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
  if (text.find('\x7f') == std::string::npos && text.find('\xc2') == std::string::npos &&
      text.find('\xe2') == std::string::npos) {
    return text;
  }
  // In dumped JSON those characters can only be inside strings, where \uNNNN means the same.
  std::string out;
  out.reserve(text.size());
  for (std::size_t pos = 0; pos < text.size();) {
    const unicode::DecodedRune d = unicode::decode(text, pos);
    if (d.rune >= 0x20 && needs_escape(d.rune)) {  // C0 below: escaped by JSON itself
      out += fmt::format("\\u{:04x}", static_cast<unsigned>(d.rune));
    } else {
      out.append(text, pos, d.width);
    }
    pos += d.width;
  }
  return out;
}

void append_diagnostic_fields(nlohmann::ordered_json& item, const Diagnostic& d) {
  item["file"] = d.file;
  item["line"] = d.pos.line;
  item["column"] = d.pos.col;
  item["severity"] = to_string(d.severity);
  item["rule"] = d.rule_id;
  item["message"] = d.message;
  if (!d.hint.empty()) item["hint"] = d.hint;
}

}  // namespace mlmon
