#include <nlohmann/json.hpp>

#include "core/json_output.hpp"
#include "core/render.hpp"

namespace mlmon {

void render_json(const Report& report, std::ostream& out) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  std::size_t counts[3] = {0, 0, 0};
  for (const Diagnostic& d : report.sorted()) {
    ++counts[static_cast<int>(d.severity)];
    nlohmann::ordered_json item;
    append_diagnostic_fields(item, d);
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
  out << dump_for_output(doc, 2) << '\n';
}

}  // namespace mlmon
