// Alertmanager config: the config Alertmanager runs (/api/v2/status, config.original, secrets
// masked by Alertmanager) against the repository's (a template rendered with placeholders), by
// meaning: routes, receivers, inhibit rules; secrets and placeholder values are not compared.
#include <fmt/format.h>

#include <optional>

#include "alertmanager/template_check.hpp"
#include "doctor/am_config_compare.hpp"
#include "doctor/checks/check.hpp"

namespace mlmon::doctor {

namespace {

struct Candidate {
  const RepoAlertmanagerConfig* config = nullptr;
  std::vector<ConfigDifference> differences;
};

}  // namespace

void check_alertmanager_config(CheckContext& ctx) {
  if (ctx.live.alertmanager() == nullptr) return;
  if (ctx.repo.alertmanager_configs.empty()) {
    ctx.report.ok(Section::AlertmanagerConfig, "no Alertmanager config in the repository to compare");
    return;
  }
  const auto& status = ctx.live.am_status();
  if (!status) {
    ctx.api_error(Section::AlertmanagerConfig, status.error(), "the config Alertmanager runs");
    return;
  }
  if (status->config_original.empty()) {
    ctx.api_error(Section::AlertmanagerConfig,
                  Error{"Alertmanager GET /api/v2/status: the reply has no config.original"},
                  "the config Alertmanager runs");
    return;
  }
  const alertmanager::LoadedConfig& live = *ctx.live.alertmanager_config();
  if (live.document.root == nullptr) {
    const std::string why = live.document.problems.empty() ? "empty" : live.document.problems.front().message;
    ctx.api_error(Section::AlertmanagerConfig,
                  Error{fmt::format("Alertmanager GET /api/v2/status: config.original does not parse as YAML ({})",
                                    printable(why, 200))},
                  "the config Alertmanager runs");
    return;
  }

  // Several configs in the repository: the one closest to what runs is the one deployed.
  std::optional<Candidate> best;
  for (const RepoAlertmanagerConfig& config : ctx.repo.alertmanager_configs) {
    std::optional<alertmanager::LoadedConfig> git;
    if (config.is_template) {
      auto rendered =
          alertmanager::render_template_for_check(config.source, alertmanager::TemplateValues::Placeholders);
      if (rendered.loaded) git = std::move(*rendered.loaded);
    } else {
      git = alertmanager::load_config(config.source);
    }
    if (!git || !git->config.has_route) continue;  // mlmon check reports why
    Candidate candidate{&config, compare_alertmanager_configs(*git, live)};
    if (!best || candidate.differences.size() < best->differences.size()) best = std::move(candidate);
  }
  if (!best) {
    ctx.report.ok(Section::AlertmanagerConfig, "no Alertmanager config of the repository loads: run mlmon check");
    return;
  }
  const std::string& path = best->config->source->path();
  if (best->differences.empty()) {
    ctx.report.ok(Section::AlertmanagerConfig,
                  fmt::format("Alertmanager runs {} (routes, receivers, inhibit rules; secrets not compared)", path));
    return;
  }
  const std::string hint =
      best->config->is_template
          ? fmt::format(
                "Alertmanager runs another config than {}: render it (mlmon render-alertmanager {} -o ...) and "
                "reload Alertmanager (POST /-/reload, or SIGHUP)",
                path, path)
          : fmt::format(
                "Alertmanager runs another config than {}: deploy it and reload Alertmanager (POST /-/reload, or "
                "SIGHUP)",
                path);
  for (ConfigDifference& difference : best->differences) {
    ctx.report.add(Section::AlertmanagerConfig, repo_finding(Severity::Error, "doctor/alertmanager-config-drift", path,
                                                             difference.pos, std::move(difference.text), hint));
  }
}

}  // namespace mlmon::doctor
