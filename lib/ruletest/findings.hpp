// A test-rules run as `mlmon check` reports it: each failure is an error finding at its place (a
// failing assertion at its alertname or expr, a test file's decoding problems where they are, a
// rule file that does not load at its error), with rule ids "test-rules/<kind>".
#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "checks/check_info.hpp"
#include "core/diagnostic.hpp"
#include "ruletest/runner.hpp"

namespace mlmon::ruletest {

/// The rule id of each kind of failure.
namespace ids {
inline constexpr std::string_view kDecode = "test-rules/decode";
inline constexpr std::string_view kConfig = "test-rules/config";
inline constexpr std::string_view kRuleFile = "test-rules/rule-file";
inline constexpr std::string_view kSeries = "test-rules/series";
inline constexpr std::string_view kRuleEval = "test-rules/rule-eval";
inline constexpr std::string_view kAlert = "test-rules/alert";
inline constexpr std::string_view kExpr = "test-rules/expr";
inline constexpr std::string_view kExprError = "test-rules/expr-error";
inline constexpr std::string_view kSilentPass = "test-rules/silent-pass";
inline constexpr std::string_view kLimit = "test-rules/limit";
}  // namespace ids

/// ids::k<Kind> for a failure kind: its rule id in `mlmon check`.
std::string_view rule_id(FailureKind kind);

std::vector<Diagnostic> findings(const FileResult& result);

// The rule ids findings() uses, for the catalogue of every check.
std::span<const checks::CheckInfo> check_list();

}  // namespace mlmon::ruletest
