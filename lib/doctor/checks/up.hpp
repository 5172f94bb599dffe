#pragma once
#include "doctor/live.hpp"
#include "doctor/report.hpp"
#include "doctor/session.hpp"

namespace mlmon::doctor {

/// Up: Prometheus's and Alertmanager's /-/healthy and /-/ready, Grafana's /api/health. Adds the
/// component's status, and a finding when it does not answer (doctor/unreachable) or is not
/// healthy and ready (doctor/unhealthy).
void probe_component(Endpoint& endpoint, Live& live, DoctorReport& report);

}  // namespace mlmon::doctor
