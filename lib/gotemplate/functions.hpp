#pragma once
// Function names a template may call: Go's builtins and Prometheus's template functions.
#include <span>
#include <string_view>

namespace mlmon::gotemplate {

// text/template's builtins (and, call, html, index, ...).
std::span<const std::string_view> go_builtin_functions();
// Prometheus's alert/console template functions (template/template.go), newest release.
std::span<const std::string_view> prometheus_functions();
// The names Prometheus 2.42 had (none of those added after it: toDuration, now, urlQueryEscape).
std::span<const std::string_view> prometheus_2_42_functions();

}  // namespace mlmon::gotemplate
