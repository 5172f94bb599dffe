#pragma once
#include <string>
#include <vector>

#include "alertmanager/config.hpp"
#include "alertmanager/labels.hpp"
#include "core/diagnostic.hpp"
#include "core/source_file.hpp"
#include "yaml/document.hpp"

namespace mlmon::alertmanager {

/// One routing case: an alert's labels and the receivers it must reach, in order.
struct RouteCase {
  const yaml::Node* node = nullptr;
  std::string name;  ///< optional
  LabelSet labels;
  std::vector<std::string> receivers;
};

struct RouteCaseFile {
  yaml::Document document;
  std::vector<RouteCase> cases;
  std::vector<Diagnostic> problems;  ///< errors in the file itself (rule alertmanager/route-cases)
  bool ok() const;
};

/// Reads a YAML list of `{labels: {name: value, ...}, receivers: [a, b]}` (receivers may also be
/// "a,b"; an optional `name:` labels the case in messages).
RouteCaseFile load_route_cases(SourceFilePtr source);

/// Routes every case; one error per case whose receivers differ (exact, ordered comparison, as
/// amtool's --verify.receivers), rule alertmanager/route-cases.
std::vector<Diagnostic> run_route_cases(const RouteCaseFile& cases, const Route& root);

}  // namespace mlmon::alertmanager
