#include "dashboards/loader.hpp"

#include <fmt/format.h>

#include "dashboards/json_util.hpp"

namespace mlmon::dashboards {

namespace {

Diagnostic load_error(const SourceFile& file, std::string_view rule, std::optional<std::size_t> offset,
                      std::string message, std::string hint = {}) {
  return make_diagnostic(Severity::Error, rule, file.path(), offset ? file.position_of(*offset) : Position{},
                         std::move(message), std::move(hint));
}

/// nlohmann's what() is "[json.exception.parse_error.101] parse error at line 1, column 2: <reason>";
/// the position is shown separately, so keep the reason.
std::string parse_error_reason(std::string_view what) {
  const auto at = what.find("parse error");
  const auto colon = what.find(": ", at == std::string_view::npos ? 0 : at);
  if (colon == std::string_view::npos) return std::string(what);
  return std::string(what.substr(colon + 2));
}

bool bool_member(const Json& object, std::string_view name) {
  const Json* v = member(object, name);
  return v && v->is_boolean() && v->get<bool>();
}

std::optional<std::int64_t> integer_member(const Json& object, std::string_view name) {
  const Json* v = member(object, name);
  if (!v) return std::nullopt;
  if (v->is_number_integer()) return v->get<std::int64_t>();
  if (v->is_number_float()) {
    const double d = v->get<double>();
    if (d == static_cast<double>(static_cast<std::int64_t>(d))) return static_cast<std::int64_t>(d);
  }
  return std::nullopt;
}

DatasourceRef read_datasource(const Json& owner, const std::string& owner_pointer) {
  DatasourceRef ref;
  ref.pointer = pointer_child(owner_pointer, "datasource");
  const Json* v = member(owner, "datasource");
  if (!v) return ref;
  if (v->is_null()) {
    ref.form = DatasourceRef::Form::Null;
  } else if (v->is_string()) {
    ref.form = DatasourceRef::Form::Name;
    ref.name = v->get<std::string>();
  } else if (v->is_object()) {
    ref.form = DatasourceRef::Form::Object;
    ref.type = string_member(*v, "type");
    ref.uid = string_member(*v, "uid");
  } else {
    ref.form = DatasourceRef::Form::Other;
  }
  return ref;
}

std::optional<double> number_member(const Json& object, std::string_view name) {
  const Json* v = member(object, name);
  if (v && v->is_number()) return v->get<double>();
  return std::nullopt;
}

class ModelBuilder {
 public:
  explicit ModelBuilder(Dashboard& dashboard) : d_(dashboard) {}

  void build() {
    const Json& root = *d_.json;
    d_.title = string_member(root, "title");
    d_.uid = string_member(root, "uid");
    d_.schema_version = integer_member(root, "schemaVersion");
    if (const Json* panels = member(root, "panels"); panels && panels->is_array()) {
      add_panels(*panels, d_.at("/panels"), std::nullopt, false);
    }
    if (const Json* rows = member(root, "rows"); rows && rows->is_array()) {
      d_.legacy_rows = true;
      add_legacy_rows(*rows);
    }
    if (const Json* templating = member(root, "templating")) {
      if (const Json* list = member(*templating, "list"); list && list->is_array()) add_variables(*list);
    }
    if (const Json* inputs = member(root, "__inputs")) {
      d_.has_inputs = true;
      if (inputs->is_array()) add_inputs(*inputs);
    }
  }

 private:
  void add_panels(const Json& list, const std::string& list_pointer, std::optional<std::size_t> row, bool legacy) {
    for (std::size_t i = 0; i < list.size(); ++i) {
      const Json& p = list[i];
      if (!p.is_object()) continue;
      const std::size_t index = add_panel(p, pointer_child(list_pointer, i), row, legacy);
      // Rows hold their children in panels[] when collapsed; rows never nest.
      if (!row && d_.panels[index].is_row) {
        if (const Json* children = member(p, "panels"); children && children->is_array()) {
          add_panels(*children, pointer_child(d_.panels[index].pointer, "panels"), index, legacy);
        }
      }
    }
  }

  std::size_t add_panel(const Json& p, std::string pointer, std::optional<std::size_t> row, bool legacy) {
    Panel panel;
    panel.pointer = std::move(pointer);
    panel.json = &p;
    panel.id = integer_member(p, "id");
    panel.type = string_member(p, "type");
    if (const Json* t = member(p, "title"); t && t->is_string()) panel.title = t->get<std::string>();
    panel.is_row = panel.type == "row";
    panel.collapsed = bool_member(p, "collapsed");
    panel.row = row;
    panel.legacy = legacy;
    if (const Json* g = member(p, "gridPos"); g && g->is_object()) {
      GridPos pos;
      pos.pointer = pointer_child(panel.pointer, "gridPos");
      pos.x = number_member(*g, "x");
      pos.y = number_member(*g, "y");
      pos.w = number_member(*g, "w");
      pos.h = number_member(*g, "h");
      panel.grid_pos = std::move(pos);
    }
    panel.datasource = read_datasource(p, panel.pointer);
    panel.library_panel = member(p, "libraryPanel") != nullptr;
    panel.repeat = string_member(p, "repeat");
    if (const Json* targets = member(p, "targets")) {
      panel.has_targets = true;
      if (targets->is_array()) add_targets(panel, *targets);
    }
    d_.panels.push_back(std::move(panel));
    return d_.panels.size() - 1;
  }

  void add_targets(Panel& panel, const Json& targets) {
    const std::string list_pointer = pointer_child(panel.pointer, "targets");
    for (std::size_t i = 0; i < targets.size(); ++i) {
      const Json& t = targets[i];
      if (!t.is_object()) continue;
      Target target;
      target.pointer = pointer_child(list_pointer, i);
      target.json = &t;
      target.index = i;
      if (const Json* r = member(t, "refId"); r && r->is_string()) target.ref_id = r->get<std::string>();
      if (const Json* e = member(t, "expr"); e && e->is_string()) target.expr = e->get<std::string>();
      target.datasource = read_datasource(t, target.pointer);
      target.hidden = bool_member(t, "hide");
      target.instant_only = bool_member(t, "instant") && !bool_member(t, "range");
      panel.targets.push_back(std::move(target));
    }
  }

  // Schema < 16: rows[] of {title, collapse, panels[]}; Grafana migrates them to row panels.
  void add_legacy_rows(const Json& rows) {
    const std::string list_pointer = d_.at("/rows");
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const Json& r = rows[i];
      if (!r.is_object()) continue;
      Panel row;
      row.pointer = pointer_child(list_pointer, i);
      row.json = &r;
      row.type = "row";
      row.is_row = true;
      row.legacy = true;
      row.collapsed = bool_member(r, "collapse");
      if (const Json* t = member(r, "title"); t && t->is_string()) row.title = t->get<std::string>();
      const std::string row_pointer = row.pointer;
      d_.panels.push_back(std::move(row));
      const std::size_t index = d_.panels.size() - 1;
      if (const Json* children = member(r, "panels"); children && children->is_array()) {
        add_panels(*children, pointer_child(row_pointer, "panels"), index, true);
      }
    }
  }

  void add_variables(const Json& list) {
    const std::string list_pointer = d_.at("/templating/list");
    for (std::size_t i = 0; i < list.size(); ++i) {
      const Json& v = list[i];
      if (!v.is_object()) continue;
      Variable var;
      var.pointer = pointer_child(list_pointer, i);
      var.json = &v;
      var.name = string_member(v, "name");
      var.type = string_member(v, "type");
      if (const Json* q = member(v, "query")) {
        if (q->is_string()) var.query = q->get<std::string>();
        else if (q->is_object()) var.query = string_member(*q, "query");
      }
      var.multi = bool_member(v, "multi");
      var.include_all = bool_member(v, "includeAll");
      if (const Json* a = member(v, "allValue"); a && a->is_string()) var.all_value = a->get<std::string>();
      if (const Json* current = member(v, "current")) {
        if (const Json* value = member(*current, "value")) {
          if (value->is_string()) {
            var.current.push_back(value->get<std::string>());
          } else if (value->is_array()) {
            for (const Json& item : *value) {
              if (item.is_string()) var.current.push_back(item.get<std::string>());
            }
          }
        }
      }
      var.datasource = read_datasource(v, var.pointer);
      d_.variables.push_back(std::move(var));
    }
  }

  void add_inputs(const Json& list) {
    const std::string list_pointer = d_.at("/__inputs");
    for (std::size_t i = 0; i < list.size(); ++i) {
      const Json& in = list[i];
      if (!in.is_object()) continue;
      Input input;
      input.pointer = pointer_child(list_pointer, i);
      input.name = string_member(in, "name");
      input.type = string_member(in, "type");
      input.plugin_id = string_member(in, "pluginId");
      input.value = string_member(in, "value");
      d_.inputs.push_back(std::move(input));
    }
  }

  Dashboard& d_;
};

bool looks_like_dashboard(const Json& object) {
  for (const char* key : {"panels", "rows", "title", "uid", "templating", "schemaVersion"}) {
    if (object.contains(key)) return true;
  }
  return false;
}

}  // namespace

std::expected<Dashboard, Diagnostic> load_dashboard(SourceFilePtr file) {
  const std::string& text = file->text();
  if (text.size() > kMaxDashboardBytes) {
    return std::unexpected(load_error(*file, kRuleJson, std::nullopt,
                                      fmt::format("file is {} bytes; dashboards larger than {} MiB are not loaded",
                                                  text.size(), kMaxDashboardBytes >> 20)));
  }
  JsonIndex index = JsonIndex::build(text, kMaxJsonDepth);
  if (auto deep = index.too_deep_at()) {
    return std::unexpected(
        load_error(*file, kRuleJson, *deep, fmt::format("JSON nested deeper than {} levels", kMaxJsonDepth)));
  }
  auto root = std::make_unique<Json>();
  try {
    *root = Json::parse(text);
  } catch (const Json::parse_error& e) {
    const std::size_t offset = e.byte > 0 ? e.byte - 1 : 0;
    return std::unexpected(load_error(*file, kRuleJson, offset, "invalid JSON: " + parse_error_reason(e.what())));
  } catch (const Json::exception& e) {
    return std::unexpected(load_error(*file, kRuleJson, std::nullopt, std::string("invalid JSON: ") + e.what()));
  }

  Dashboard dashboard;
  const Json* object = root.get();
  if (!root->is_object()) {
    return std::unexpected(load_error(
        *file, kRuleNotADashboard, index.nearest_offset(""),
        fmt::format("not a Grafana dashboard: the top-level value is {}, expected an object", kind_name(*root))));
  }
  if (const Json* inner = member(*root, "dashboard")) {
    if (!inner->is_object()) {
      return std::unexpected(load_error(*file, kRuleNotADashboard, index.nearest_offset("/dashboard"),
                                        fmt::format("\"dashboard\" is {}, expected an object", kind_name(*inner))));
    }
    dashboard.shape = DashboardShape::Api;
    dashboard.root = "/dashboard";
    object = inner;
  } else if (string_member(*root, "kind") == "Dashboard" && member(*root, "spec") != nullptr) {
    const Json* spec = member(*root, "spec");
    if (!spec->is_object()) {
      return std::unexpected(load_error(*file, kRuleNotADashboard, index.nearest_offset("/spec"),
                                        fmt::format("\"spec\" is {}, expected an object", kind_name(*spec))));
    }
    if (spec->contains("elements") && spec->contains("layout")) {
      return std::unexpected(load_error(*file, kRuleNotADashboard, index.nearest_offset("/spec"),
                                        "v2 dashboards (spec.elements, spec.layout) are not supported",
                                        "export the dashboard in the classic JSON model"));
    }
    dashboard.shape = DashboardShape::Kubernetes;
    dashboard.root = "/spec";
    object = spec;
  } else if (root->contains("__inputs") || root->contains("__requires")) {
    dashboard.shape = DashboardShape::Exported;
  }
  if (!looks_like_dashboard(*object)) {
    return std::unexpected(
        load_error(*file, kRuleNotADashboard, index.nearest_offset(dashboard.root),
                   "not a Grafana dashboard: no \"panels\", \"rows\" or \"title\"",
                   "a dashboard is an object with \"title\" and \"panels\" (or {\"dashboard\": {...}})"));
  }

  dashboard.json = object;
  dashboard.document = std::make_shared<const Document>(std::move(file), std::move(root), std::move(index));
  ModelBuilder(dashboard).build();
  return dashboard;
}

Dashboard dashboard_model(const Json& object) {
  Dashboard dashboard;
  dashboard.json = &object;
  if (object.is_object()) ModelBuilder(dashboard).build();
  return dashboard;
}

const Variable* Dashboard::variable(std::string_view name) const {
  for (const Variable& v : variables) {
    if (v.name == name) return &v;
  }
  return nullptr;
}

const Input* Dashboard::input(std::string_view name) const {
  for (const Input& in : inputs) {
    if (in.name == name) return &in;
  }
  return nullptr;
}

std::string Panel::describe() const {
  const std::string_view kind = is_row ? "row" : "panel";
  if (title && title->find_first_not_of(" \t") != std::string::npos) return fmt::format("{} \"{}\"", kind, *title);
  if (id) return fmt::format("{} {}", kind, *id);
  return fmt::format("{} at {}", kind, pointer);
}

}  // namespace mlmon::dashboards
