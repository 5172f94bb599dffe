#include "dashboards/datasources.hpp"

#include <nlohmann/json.hpp>

#include <set>

#include "dashboards/variable_refs.hpp"

namespace mlmon::dashboards {

namespace {

std::string builtin_type(std::string_view name_or_uid) {
  if (name_or_uid == "-- Grafana --" || name_or_uid == "grafana") return "grafana";
  if (name_or_uid == "-- Mixed --") return "mixed";
  if (name_or_uid == "-- Dashboard --") return "dashboard";
  return "";
}

std::string type_of_variable(const Dashboard& dashboard, std::string_view name) {
  if (const Variable* v = dashboard.variable(name); v && v->type == "datasource") return v->query;
  if (const Input* in = dashboard.input(name); in && in->type == "datasource") return in->plugin_id;
  return "";
}

/// The datasource types the dashboard names explicitly (objects with a type, `__requires`).
std::set<std::string> declared_types(const Dashboard& dashboard) {
  std::set<std::string> types;
  auto add = [&](const DatasourceRef& ref) {
    const std::string type = datasource_type(dashboard, ref);
    if (!type.empty() && type != "grafana" && type != "mixed" && type != "dashboard" && type != "datasource") {
      types.insert(type);
    }
  };
  for (const Panel& panel : dashboard.panels) {
    add(panel.datasource);
    for (const Target& target : panel.targets) add(target.datasource);
  }
  if (const auto it = dashboard.json->find("__requires"); it != dashboard.json->end() && it->is_array()) {
    for (const Json& entry : *it) {
      if (!entry.is_object()) continue;
      const auto type = entry.find("type");
      const auto id = entry.find("id");
      if (type != entry.end() && *type == "datasource" && id != entry.end() && id->is_string()) {
        types.insert(id->get<std::string>());
      }
    }
  }
  return types;
}

}  // namespace

std::string datasource_variable_name(std::string_view text) {
  const auto refs = find_variable_refs(text);
  if (refs.size() == 1 && refs[0].begin == 0 && refs[0].end == text.size()) return refs[0].name;
  return "";
}

std::string datasource_type(const Dashboard& dashboard, const DatasourceRef& ref) {
  switch (ref.form) {
    case DatasourceRef::Form::Name: {
      if (auto builtin = builtin_type(ref.name); !builtin.empty()) return builtin;
      const std::string variable = datasource_variable_name(ref.name);
      return variable.empty() ? "" : type_of_variable(dashboard, variable);
    }
    case DatasourceRef::Form::Object: {
      if (!ref.type.empty() && ref.type != "datasource") return ref.type;
      if (auto builtin = builtin_type(ref.uid); !builtin.empty()) return builtin;
      const std::string variable = datasource_variable_name(ref.uid);
      if (!variable.empty()) return type_of_variable(dashboard, variable);
      return ref.type;
    }
    default: return "";
  }
}

std::string default_datasource_type(const Dashboard& dashboard) {
  const std::set<std::string> types = declared_types(dashboard);
  if (types.empty()) return "prometheus";
  return types.size() == 1 ? *types.begin() : "";
}

std::string target_datasource_type(const Dashboard& dashboard, const Panel& panel, const Target& target,
                                   std::string_view fallback) {
  std::string type = datasource_type(dashboard, target.datasource);
  if (!type.empty() && type != "mixed") return type;
  type = datasource_type(dashboard, panel.datasource);
  if (!type.empty() && type != "mixed") return type;
  return std::string(fallback);
}

}  // namespace mlmon::dashboards
