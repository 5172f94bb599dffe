// The failure blocks promtool prints (cmd/promtool/unittest.go), byte for byte:
//
//       name: G,
//       alertname: A, time: 10m,
//           exp:[
//               0:
//                 Labels:{alertname="A"}
//                 Annotations:{}
//               ],
//           got:[]
//
//       expr: "q", time: 2m,
//           exp: {__name__="q"} 1E+00
//           got: nil
//
// and with --diff, the alert block as nsf/jsondiff's coloured console diff.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "ruletest/runner.hpp"

namespace mlmon::ruletest {

// strconv.FormatFloat(v, 'E', -1, 64): "1E+00", "2.9999999999999987E+00", "+Inf", "NaN".
std::string format_float_E(double v);

// `name_line` is "    name: G,\n" for a named group, "" otherwise. With `diff`, nullopt when
// jsondiff finds the two lists equal (promtool then reports nothing).
std::optional<std::string> alert_failure_text(const std::string& name_line, const std::string& alertname,
                                              const std::string& time, const std::vector<AlertValue>& expected,
                                              const std::vector<AlertValue>& got, bool diff);

std::string expr_failure_text(const std::string& expr, const std::string& time,
                              const std::vector<SampleValue>& expected, const std::vector<SampleValue>& got);

// promtool's indentLines: every line but the first gets the prefix.
std::string indent_lines(const std::string& text, const std::string& indent);

}  // namespace mlmon::ruletest
