#pragma once
// The monitoring guide's actions live in the shipped alerts' annotations ("Action: scale up the
// prediction-service replicas."): doctor's hints quote them where an alert covers the finding.
#include <string>

#include "doctor/prometheus_api.hpp"
#include "rules/model.hpp"

namespace mlmon::doctor {

/// The action of an alert's annotations: the text after "Action:" in its description (the whole
/// description when it has none), with the runbook URL when there is one; "" when neither exists.
std::string alert_action(const LabelMap& annotations);
/// The same for a rule of the repository (its annotations as written).
std::string alert_action(const rules::Rule& rule);

}  // namespace mlmon::doctor
