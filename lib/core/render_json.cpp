#include <nlohmann/json.hpp>

#include <fmt/format.h>

#include "core/render.hpp"
#include "core/terminal_text.hpp"
#include "core/unicode.hpp"

namespace mlmon {

namespace {

// In dumped JSON, those characters can only be inside strings, where \uNNNN means the same.
std::string escape_json_controls(std::string text) {
  if (text.find('\x7f') == std::string::npos && text.find('\xc2') == std::string::npos &&
      text.find('\xe2') == std::string::npos) {
    return text;
  }
  std::string out;
  out.reserve(text.size());
  for (std::size_t pos = 0; pos < text.size();) {
    const unicode::DecodedRune d = unicode::decode(text, pos);
    if (d.rune != '\t' && d.rune >= 0x20 && needs_escape(d.rune)) out += fmt::format("\\u{:04x}", static_cast<unsigned>(d.rune));
    else out.append(text, pos, d.width);
    pos += d.width;
  }
  return out;
}

}  // namespace

void render_json(const Report& report, std::ostream& out) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  std::size_t counts[3] = {0, 0, 0};
  for (const Diagnostic& d : report.sorted()) {
    ++counts[static_cast<int>(d.severity)];
    nlohmann::ordered_json item;
    item["file"] = d.file;
    item["line"] = d.pos.line;
    item["column"] = d.pos.col;
    item["severity"] = to_string(d.severity);
    item["rule"] = d.rule_id;
    item["message"] = d.message;
    if (!d.hint.empty()) item["hint"] = d.hint;
    list.push_back(std::move(item));
  }
  nlohmann::ordered_json doc;
  doc["diagnostics"] = std::move(list);
  doc["summary"] = {{"errors", counts[2]}, {"warnings", counts[1]}, {"infos", counts[0]}};
  if (const auto& files = report.files()) {
    nlohmann::ordered_json checked = nlohmann::ordered_json::object();
    for (const auto& [kind, n] : files->checked) checked[kind] = n;
    nlohmann::ordered_json skipped = nlohmann::ordered_json::array();
    for (const auto& [path, what] : files->skipped) skipped.push_back({{"file", path}, {"kind", what}});
    doc["files"] = {{"checked", std::move(checked)}, {"skipped", std::move(skipped)}};
  }
  // Invalid UTF-8 in user files must not make the renderer throw. JSON escapes C0 controls itself;
  // DEL, C1 and bidi controls are escaped too, for whoever reads the JSON on a terminal.
  out << escape_json_controls(doc.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace)) << '\n';
}

}  // namespace mlmon
