#pragma once
#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "promql/ast.hpp"
#include "rules/model.hpp"

namespace mlmon::rules {

// Prometheus evaluates a group's rules one after another at one timestamp, and a recording
// rule's output is visible at once: a rule placed after the recording rule it reads sees this
// round's value, one placed before sees the previous round's (one interval late). So order within
// a group matters exactly there, and nowhere else.

/// The metric names an expression reads by name (`foo`, `{__name__="foo"}`), sorted, unique.
std::vector<std::string> metric_names_read(const promql::Node& root);

/// For each name in `reads` that another rule of `group` records: whether the rule at `position`
/// (0-based in group.rules) comes after such a recording rule, so sees its fresh value.
std::map<std::string, bool> reads_after(const Group& group, std::size_t position,
                                        const std::vector<std::string>& reads);

}  // namespace mlmon::rules
