#include "grafana/dashboard_inputs.hpp"

#include <fmt/format.h>

#include <vector>

#include "grafana/bounded_json.hpp"

namespace mlmon::grafana {

namespace {

using nlohmann::json;

/// Visits every string value without recursion (the document's depth is already bounded, but an
/// explicit stack keeps this safe for any input).
void substitute_everywhere(json& root, const std::map<std::string, std::string>& values) {
  std::vector<json*> pending{&root};
  while (!pending.empty()) {
    json* node = pending.back();
    pending.pop_back();
    if (node->is_string()) {
      const auto& text = node->get_ref<const std::string&>();
      if (text.find("${") != std::string::npos) *node = substitute_placeholders(text, values);
    } else if (node->is_object() || node->is_array()) {
      for (auto& child : *node) pending.push_back(&child);
    }
  }
}

}  // namespace

std::string substitute_placeholders(const std::string& text, const std::map<std::string, std::string>& values) {
  std::string out;
  std::size_t copied = 0, at = 0;
  while ((at = text.find("${", at)) != std::string::npos) {
    // `.+?` then `}`: the shortest run of at least one non-newline character followed by '}'.
    std::size_t close = std::string::npos;
    for (std::size_t i = at + 2; i < text.size() && text[i] != '\n'; ++i) {
      if (text[i] == '}' && i > at + 2) {
        close = i;
        break;
      }
    }
    if (close == std::string::npos) {
      at += 2;
      continue;
    }
    auto value = values.find(text.substr(at + 2, close - at - 2));
    if (value != values.end()) {
      out.append(text, copied, at - copied);
      out += value->second;
      copied = close + 1;
    }
    at = close + 1;
  }
  if (copied == 0) return text;
  out.append(text, copied, std::string::npos);
  return out;
}

Result<json> resolve_inputs(const json& dashboard, const std::map<std::string, std::string>& values) {
  json resolved = dashboard;
  if (!resolved.is_object()) return resolved;
  std::map<std::string, std::string> chosen;
  std::vector<std::string> missing;
  if (auto inputs = resolved.find("__inputs"); inputs != resolved.end()) {
    if (!inputs->is_array()) return fail("__inputs is not a list");
    std::size_t index = 0;
    for (const json& input : *inputs) {
      std::string name = string_field(input, "name");
      if (!input.is_object() || name.empty()) return fail(fmt::format("__inputs[{}] has no name", index));
      ++index;
      std::string type = string_field(input, "type");
      std::string plugin = string_field(input, "pluginId");
      if (plugin == "__expr__") {
        chosen[name] = "__expr__";
      } else if (auto given = values.find(name); given != values.end()) {
        chosen[name] = given->second;
      } else if (type == "constant" && input.contains("value") && input["value"].is_string()) {
        chosen[name] = input["value"].get<std::string>();
      } else {
        std::string what = type == "datasource" && !plugin.empty() ? fmt::format("{} datasource", plugin) : type;
        missing.push_back(what.empty() ? name : fmt::format("{} ({})", name, what));
      }
    }
  }
  if (!missing.empty()) {
    std::string list;
    for (const auto& item : missing) list += (list.empty() ? "" : ", ") + item;
    std::string first = missing.front().substr(0, missing.front().find(' '));
    return fail(fmt::format("no value for the dashboard's input{} {}; pass --datasource {}=<datasource uid>",
                            missing.size() > 1 ? "s" : "", list, first));
  }
  resolved.erase("__inputs");
  resolved.erase("__requires");
  resolved.erase("__elements");
  if (!chosen.empty()) substitute_everywhere(resolved, chosen);
  return resolved;
}

}  // namespace mlmon::grafana
