#pragma once
#include <ostream>

#include "doctor/report.hpp"

namespace mlmon::doctor {

/// The checklist: one block per section (Up, No metrics showing, Alerts not firing, Alertmanager
/// config, Grafana), with "ok" lines for what was verified, "skipped" lines, and one line per
/// finding (`  error    file:line:col: message [doctor/id]`, then `hint: ...`); a summary last.
void render_checklist(const DoctorReport& report, std::ostream& out, bool color);

/// {"components": [{"name", "url", "state", "version"?, "detail"?}], "checks": [{"section", "state",
/// "text"}], "diagnostics": [{"section", "file", "line", "column", "severity", "rule", "message",
/// "hint"?}], "summary": {"errors", "warnings", "infos"}}.
void render_json(const DoctorReport& report, std::ostream& out);

/// The summary line: "no problems found", "2 problems: 1 error, 1 warning", infos as notes.
std::string summary(const DoctorReport& report);

}  // namespace mlmon::doctor
