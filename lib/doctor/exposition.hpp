#pragma once
// Prometheus's text exposition format, read only as far as doctor needs: the samples of a few
// named metrics from a server's own /metrics.
#include <string_view>
#include <vector>

#include "doctor/prometheus_api.hpp"

namespace mlmon::doctor {

struct Sample {
  std::string name;
  LabelMap labels;
  double value = 0;
};

/// The samples whose metric name is one of `names`; other lines, comments and lines that do not
/// parse are skipped.
std::vector<Sample> read_samples(std::string_view text, const std::vector<std::string_view>& names);

/// The sum of the samples of `name` (0 when there is none).
double sum_of(const std::vector<Sample>& samples, std::string_view name);

}  // namespace mlmon::doctor
