#pragma once
#include <string>

#include "dashboards/model.hpp"

namespace mlmon::dashboards {

/// The plugin type a reference resolves to: the object's `type`; through a datasource variable
/// (its `query`) or an `__inputs` entry (its `pluginId`); "grafana", "mixed" or "dashboard" for
/// the built-in ones; "" when unknown (a bare legacy name, the default datasource).
std::string datasource_type(const Dashboard& dashboard, const DatasourceRef& ref);

/// The type the default datasource most likely has: the one type every explicit reference and
/// `__requires` agree on; "prometheus" when they name none (a dashboard of bare `expr` targets);
/// "" when they name several.
std::string default_datasource_type(const Dashboard& dashboard);

/// The type a target queries: its own datasource, else its panel's, else `fallback`.
std::string target_datasource_type(const Dashboard& dashboard, const Panel& panel, const Target& target,
                                   std::string_view fallback);

/// The variable a datasource string or uid names ("$ds", "${ds}", "[[ds]]"), or "".
std::string datasource_variable_name(std::string_view text);

}  // namespace mlmon::dashboards
