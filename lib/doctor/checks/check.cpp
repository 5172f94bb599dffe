#include "doctor/checks/check.hpp"

#include <fmt/format.h>

namespace mlmon::doctor {

void CheckContext::api_error(Section section, const Error& error, std::string_view what_for) {
  if (!reported_errors.insert(error.message).second) return;
  report.add(section, live_finding(Severity::Warning, "doctor/api-error",
                                   fmt::format("{} not checked: {}", what_for, error.message),
                                   "fix the access (URL, credentials, permissions) and run doctor again"));
}

Diagnostic live_finding(Severity severity, std::string_view id, std::string message, std::string hint) {
  return Diagnostic{severity, std::string(id), "", {}, std::move(message), std::move(hint)};
}

Diagnostic repo_finding(Severity severity, std::string_view id, std::string file, Position pos, std::string message,
                        std::string hint) {
  return Diagnostic{severity, std::string(id), std::move(file), pos, std::move(message), std::move(hint)};
}

}  // namespace mlmon::doctor
