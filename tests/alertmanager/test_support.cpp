#include "test_support.hpp"

#include "core/report.hpp"

namespace mlmon::alertmanager::testing {

std::string findings_text(const LoadedConfig& loaded, bool include_warnings) {
  Report report;
  for (const Diagnostic& d : loaded.diagnostics()) report.add(d);
  std::string out;
  for (const Diagnostic& d : report.sorted()) {
    if (!include_warnings && d.severity != Severity::Error) continue;
    out += std::to_string(d.pos.line) + ":" + std::to_string(d.pos.col) + ": " + std::string(to_string(d.severity)) +
           ": " + d.message + " [" + d.rule_id + "]\n";
  }
  return out;
}

}  // namespace mlmon::alertmanager::testing
