// A readable account of what differs between expected and got (prometheus#15423): alerts and
// samples are paired by their labels, and only the differences are listed:
//
//   alert {alertname="A", job="x"}: label severity: expected "page", got "warning"
//   alert {alertname="A", job="x"}: annotation summary: expected "x down", got "x is down"
//   missing alert {alertname="A", job="y"}
//   unexpected alert {alertname="A", job="z"}
//   sample {__name__="q"}: expected 1, got 0
#pragma once

#include <string>
#include <vector>

#include "ruletest/runner.hpp"

namespace mlmon::ruletest {

std::vector<std::string> readable_diff(const Failure& failure);

}  // namespace mlmon::ruletest
