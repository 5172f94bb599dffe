#pragma once
#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <string_view>

#include "core/report.hpp"
#include "core/source_file.hpp"
#include "dashboards/lint.hpp"
#include "dashboards/loader.hpp"

namespace mlmon::dashboards::test {

inline SourceFilePtr source(std::string text, std::string path = "d.json") {
  return std::make_shared<const SourceFile>(std::move(path), std::move(text));
}

/// Loads a dashboard that must load.
inline Dashboard load(std::string text, std::string path = "d.json") {
  auto loaded = load_dashboard(source(std::move(text), std::move(path)));
  REQUIRE_MESSAGE(loaded.has_value(), (loaded ? std::string() : loaded.error().message));
  return std::move(*loaded);
}

/// `file:line:col: severity: message [rule]` lines, sorted as renderers sort them.
inline std::string format(const Report& report, bool hints = false) {
  std::string out;
  for (const Diagnostic& d : report.sorted()) {
    out += d.file + ":" + std::to_string(d.pos.line) + ":" + std::to_string(d.pos.col) + ": " +
           std::string(to_string(d.severity)) + ": " + d.message + " [" + d.rule_id + "]\n";
    if (hints && !d.hint.empty()) out += "  hint: " + d.hint + "\n";
  }
  return out;
}

/// Lints `text`, keeping only the findings of check `only` (all when empty).
inline std::string lint(std::string text, std::string_view only = {}, bool hints = false) {
  Report report;
  LintOptions options;
  if (!only.empty()) {
    options.enabled = [only](std::string_view id) { return id == only; };
  }
  lint_file(source(std::move(text)), options, report);
  if (!only.empty()) {
    Report filtered;
    for (const Diagnostic& d : report.diagnostics()) {
      if (d.rule_id == only || d.rule_id == kRuleJson || d.rule_id == kRuleNotADashboard) filtered.add(d);
    }
    return format(filtered, hints);
  }
  return format(report, hints);
}

}  // namespace mlmon::dashboards::test
