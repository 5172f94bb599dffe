#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "dashboards/document.hpp"

namespace mlmon::dashboards {

/// How the file wraps the dashboard.
enum class DashboardShape {
  Plain,       ///< the dashboard object itself
  Exported,    ///< "export for sharing externally": a plain dashboard with `__inputs`/`__requires`
  Api,         ///< `{"dashboard": {...}, "meta": {...}}` as GET /api/dashboards/uid/:uid returns it
  Kubernetes,  ///< `{"apiVersion": ..., "kind": "Dashboard", "spec": {...}}` (grizzly, /apis v1)
};

/// How a panel, target or variable names its datasource (see grafana-api.md §4).
struct DatasourceRef {
  enum class Form {
    Absent,  ///< no "datasource" member: the panel's, or the default
    Null,    ///< `null`: the default datasource
    Name,    ///< a string: a legacy name, "-- Grafana --", or "$var"/"${DS_X}"
    Object,  ///< `{"type": ..., "uid": ...}` (either may be missing)
    Other,   ///< a number, array or boolean
  };
  Form form = Form::Absent;
  std::string pointer;  ///< the "datasource" member, even when absent (positions use its parent)
  std::string name;     ///< Form::Name: the string
  std::string type;     ///< Form::Object: plugin id, "" when missing
  std::string uid;      ///< Form::Object: "" when missing
};

/// One query of a panel (`targets[i]`).
struct Target {
  std::string pointer;
  const Json* json = nullptr;
  std::size_t index = 0;
  std::optional<std::string> ref_id;
  std::optional<std::string> expr;  ///< Prometheus/Loki `expr` when it is a string
  DatasourceRef datasource;
  bool hidden = false;
  bool instant_only = false;  ///< `instant: true` without `range: true`
};

/// `gridPos` of a panel; a coordinate is nullopt when missing or not a number.
struct GridPos {
  std::string pointer;
  std::optional<double> x, y, w, h;
};

/// A panel, a row, or a panel inside a row. Dashboard::panels holds them all in file order,
/// each row's children right after it.
struct Panel {
  std::string pointer;
  const Json* json = nullptr;
  std::optional<std::int64_t> id;  ///< when `id` is an integer
  std::string type;
  std::optional<std::string> title;  ///< when `title` is a string
  bool is_row = false;
  bool collapsed = false;          ///< a row that holds its children in `panels[]`
  std::optional<std::size_t> row;  ///< index (in Dashboard::panels) of the row holding this panel
  bool legacy = false;             ///< from a schema < 16 `rows[]` entry (no gridPos, `span`)
  std::optional<GridPos> grid_pos;
  DatasourceRef datasource;
  bool has_targets = false;  ///< a `targets` member exists
  std::vector<Target> targets;
  bool library_panel = false;  ///< `libraryPanel`: the content lives in the library
  std::string repeat;          ///< the variable name a repeated panel iterates over

  /// `panel "Title"`, or `panel 7` / `panel at /panels/3` when it has no title.
  std::string describe() const;
};

/// A template variable (`templating.list[i]`).
struct Variable {
  std::string pointer;
  const Json* json = nullptr;
  std::string name;
  std::string type;   ///< query, custom, constant, datasource, interval, textbox, adhoc, ...
  std::string query;  ///< `query` as text (`query.query` when it is an object)
  bool multi = false;
  bool include_all = false;
  std::optional<std::string> all_value;
  std::vector<std::string> current;  ///< `current.value` (one or several)
  DatasourceRef datasource;
};

/// An `__inputs` entry of an exported dashboard.
struct Input {
  std::string pointer;
  std::string name;
  std::string type;  ///< datasource or constant
  std::string plugin_id;
  std::string value;  ///< constant inputs: the default value
};

/// A loaded dashboard: the document it came from and a model of its parts, each part knowing
/// its JSON pointer so findings can name the line and column.
struct Dashboard {
  std::shared_ptr<const Document> document;
  DashboardShape shape = DashboardShape::Plain;
  std::string root;  ///< JSON pointer of the dashboard object in the file ("" or "/dashboard")
  const Json* json = nullptr;
  std::string title;  ///< "" when missing or not a string
  std::string uid;    ///< "" when missing or not a string
  std::optional<std::int64_t> schema_version;
  bool legacy_rows = false;  ///< has a `rows[]` array
  std::vector<Panel> panels;
  std::vector<Variable> variables;
  std::vector<Input> inputs;
  bool has_inputs = false;  ///< an `__inputs` member exists

  const std::string& path() const { return document->source().path(); }
  /// The pointer of a member of the dashboard object: at("/title") is "/dashboard/title" for an API file.
  std::string at(std::string_view relative) const { return root + std::string(relative); }
  Position position(std::string_view pointer) const { return document->position(pointer); }
  const Variable* variable(std::string_view name) const;
  const Input* input(std::string_view name) const;
};

}  // namespace mlmon::dashboards
