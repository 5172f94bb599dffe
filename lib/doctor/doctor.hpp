#pragma once
// `mlmon doctor`: the monitoring guide's setup checks and troubleshooting, run against the live
// stack and compared with the repository. Read-only: every request is a GET.
#include <memory>

#include "doctor/repo.hpp"
#include "doctor/report.hpp"
#include "doctor/session.hpp"
#include "project/config.hpp"

namespace mlmon::doctor {

/// Probes each component (Up), then runs every check whose components answered, in the
/// checklist's order. The project config's `checks:` and `exclude:` apply to the findings.
DoctorReport run_doctor(Session& session, const Repo& repo, const project::Config& config);

}  // namespace mlmon::doctor
