#include <nlohmann/json.hpp>

#include "core/render.hpp"

namespace mlmon {

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
  // Invalid UTF-8 in user files must not make the renderer throw.
  out << doc.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << '\n';
}

}  // namespace mlmon
