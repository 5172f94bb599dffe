#pragma once
#include <nlohmann/json.hpp>

#include <map>
#include <string>

#include "core/result.hpp"

namespace mlmon::grafana {

/// Resolves an exported dashboard's `__inputs` on the client, as POST /api/dashboards/import does on
/// the server (so that the save can still go through /api/dashboards/db with mlmon's version
/// message): every `${NAME}` inside a string value whose NAME is an input is replaced by the input's
/// value; other `${...}` stay. Values come from `values` (--datasource NAME=uid), for `__expr__`
/// inputs are forced to "__expr__", and constants default to their exported `value`.
/// `__inputs`, `__requires` and `__elements` are removed (Grafana drops them too). A missing value is
/// an error naming every missing input and the flag to pass.
Result<nlohmann::json> resolve_inputs(const nlohmann::json& dashboard,
                                      const std::map<std::string, std::string>& values);

/// Replaces `${NAME}` placeholders in one string; exposed for tests. Matches Grafana's
/// `\$\{.+?\}` (at least one character, no newline, shortest match).
std::string substitute_placeholders(const std::string& text, const std::map<std::string, std::string>& values);

}  // namespace mlmon::grafana
