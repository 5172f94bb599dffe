// Up: a server whose last config reload failed still runs the config it had before, whatever
// was deployed since: every later comparison with git is then about that older config.
#include <fmt/format.h>

#include "doctor/checks/check.hpp"
#include "doctor/exposition.hpp"
#include "doctor/time_text.hpp"

namespace mlmon::doctor {

void check_config_reloads(CheckContext& ctx) {
  if (ctx.live.prometheus() != nullptr) {
    const auto& info = ctx.live.runtime_info();
    if (!info) {
      ctx.api_error(Section::Up, info.error(), "Prometheus's config reload status");
    } else if (info->reload_config_success == false) {
      std::string when;
      if (info->last_config_time && info->server_time) {
        when = fmt::format(" (the config in use was loaded {} ago)",
                           human_duration(*info->server_time - *info->last_config_time));
      }
      ctx.report.add(Section::Up,
                     live_finding(Severity::Error, "doctor/config-reload-failed",
                                  fmt::format("Prometheus's last config reload failed: it still runs the previous "
                                              "config{}",
                                              when),
                                  "Prometheus's log says why; check the deployed files (promtool check config, mlmon "
                                  "check) and reload again"));
    }
  }
  if (ctx.live.alertmanager() != nullptr) {
    const auto& metrics = ctx.live.alertmanager_metrics();
    if (!metrics) {
      ctx.api_error(Section::Up, metrics.error(), "Alertmanager's config reload status");
    } else {
      const auto samples = read_samples(*metrics, {"alertmanager_config_last_reload_successful"});
      if (!samples.empty() && samples.front().value == 0) {
        ctx.report.add(Section::Up,
                       live_finding(Severity::Error, "doctor/config-reload-failed",
                                    "Alertmanager's last config reload failed: it still runs the previous config",
                                    "Alertmanager's log says why; check the deployed file (amtool check-config, mlmon "
                                    "check-alertmanager) and reload again"));
      }
    }
  }
}

}  // namespace mlmon::doctor
