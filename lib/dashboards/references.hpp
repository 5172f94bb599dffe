#pragma once
#include <string>
#include <vector>

#include "dashboards/model.hpp"
#include "dashboards/variable_refs.hpp"

namespace mlmon::dashboards {

/// A variable reference somewhere in the dashboard.
struct VariableUse {
  std::string pointer;                 ///< the string value that contains it
  VariableRef ref;                     ///< byte range inside that string
  bool in_datasource = false;          ///< part of a datasource reference ("datasource" or its "uid")
  bool in_definition_of_self = false;  ///< inside the definition of the variable it names
};

/// A `"datasource": ...` member anywhere in the dashboard (panels, targets, variables, annotations).
struct DatasourceSite {
  std::string pointer;
  const Json* value = nullptr;
};

/// Everything in the dashboard that refers to variables, inputs and datasources, in file order.
struct References {
  std::vector<VariableUse> uses;
  std::vector<DatasourceSite> datasources;
  /// A link with `includeVars: true`, or `${__all_variables}`: every variable is passed on.
  bool passes_all_variables = false;
};

/// What a reference names.
enum class Resolution {
  Builtin,    ///< a Grafana global ($__interval, ${__field.name}) or a regex group ($1)
  Variable,   ///< a variable of templating.list
  Input,      ///< `${NAME}` of an `__inputs` entry (import replaces exactly that text)
  Undefined,  ///< nothing: Grafana leaves the text as written
};
Resolution resolve(const Dashboard& dashboard, const VariableRef& ref);

/// Walks every string of the dashboard object except what holds values rather than references
/// (`__inputs`, `__requires`, `__elements`, a variable's `current`/`options`/`name`/`label`).
/// A panel's `repeat: "name"` counts as a use of `name`.
References collect_references(const Dashboard& dashboard);

}  // namespace mlmon::dashboards
