// Grafana: every datasource a repository dashboard needs exists in Grafana and passes its health
// check (GET /api/datasources, /api/datasources/uid/:uid/health). A dashboard names a datasource
// by uid, by legacy name, through a datasource variable (any datasource of the variable's type,
// its current value when set), through an export's `__inputs` (a datasource of that plugin), or
// not at all (the default datasource).
#include "dashboards/datasources.hpp"

#include <fmt/format.h>

#include <map>
#include <set>
#include <tuple>

#include "doctor/checks/check.hpp"

namespace mlmon::doctor {

namespace {

using dashboards::DatasourceRef;
using grafana::Datasource;

/// What a dashboard needs: one of these.
struct Need {
  enum class By { Uid, Name, Type, Default };
  By by = By::Default;
  std::string value;  ///< uid, name or plugin type
  std::string why;    ///< `panel "Kafka lag"`, `variable $datasource`
  bool operator<(const Need& other) const { return std::tie(by, value) < std::tie(other.by, other.value); }
};

bool is_builtin(std::string_view text) {
  return text == "grafana" || text == "-- Grafana --" || text == "-- Mixed --" || text == "-- Dashboard --" ||
         text == "__expr__" || text == "-- Expression --";
}

class Needs {
 public:
  explicit Needs(const dashboards::Dashboard& dashboard) : dashboard_(dashboard) {
    for (const auto& panel : dashboard.panels) {
      if (panel.is_row) continue;
      const bool any_target = !panel.targets.empty();
      add(panel.datasource, panel.describe(), any_target);
      for (const auto& target : panel.targets) add(target.datasource, panel.describe(), false);
    }
    for (const auto& variable : dashboard.variables) {
      if (variable.type == "query") add(variable.datasource, fmt::format("variable ${}", variable.name), true);
    }
  }
  const std::map<Need, std::string>& all() const { return needs_; }

 private:
  void need(Need::By by, std::string value, const std::string& why) {
    needs_.emplace(Need{by, std::move(value), why}, why);
  }

  /// Through a datasource variable: its current value when set, else any datasource of its type.
  bool through_variable(std::string_view text, const std::string& why) {
    const std::string name = dashboards::datasource_variable_name(text);
    if (name.empty()) return false;
    const dashboards::Variable* variable = dashboard_.variable(name);
    if (variable == nullptr || variable->type != "datasource") return true;  // check-dashboards reports it
    const std::string via = fmt::format("{} (variable ${})", why, name);
    if (!variable->current.empty() && !variable->current.front().empty() &&
        variable->current.front().find('$') == std::string::npos && variable->current.front() != "default") {
      need(Need::By::Uid, variable->current.front(), via);
    } else {
      need(Need::By::Type, variable->query, via);
    }
    return true;
  }

  /// `${DS_X}` of an export: a datasource of the input's plugin.
  bool through_input(std::string_view text, const std::string& why) {
    if (!text.starts_with("${") || !text.ends_with("}")) return false;
    const dashboards::Input* input = dashboard_.input(text.substr(2, text.size() - 3));
    if (input == nullptr) return false;
    need(Need::By::Type, input->plugin_id, why);
    return true;
  }

  void add(const DatasourceRef& ref, const std::string& why, bool default_when_absent) {
    switch (ref.form) {
      case DatasourceRef::Form::Absent:
      case DatasourceRef::Form::Null:
        if (default_when_absent) need(Need::By::Default, "", why);
        return;
      case DatasourceRef::Form::Name:
        if (is_builtin(ref.name) || through_variable(ref.name, why) || through_input(ref.name, why)) return;
        need(Need::By::Name, ref.name, why);
        return;
      case DatasourceRef::Form::Object:
        if (ref.uid.empty()) {
          if (!ref.type.empty() && !is_builtin(ref.type) && ref.type != "datasource")
            need(Need::By::Type, ref.type, why);
          return;
        }
        if (is_builtin(ref.uid) || through_variable(ref.uid, why) || through_input(ref.uid, why)) return;
        need(Need::By::Uid, ref.uid, why);
        return;
      case DatasourceRef::Form::Other: return;
    }
  }

  const dashboards::Dashboard& dashboard_;
  std::map<Need, std::string> needs_;
};

const Datasource* resolve(const Need& need, const std::vector<Datasource>& all) {
  const Datasource* found = nullptr;
  for (const Datasource& d : all) {
    switch (need.by) {
      case Need::By::Uid:
        if (d.uid == need.value || d.name == need.value) return &d;  // a variable's current may hold either
        break;
      case Need::By::Name:
        if (d.name == need.value) return &d;
        break;
      case Need::By::Type:
        if (d.type == need.value && (found == nullptr || d.is_default)) found = &d;
        break;
      case Need::By::Default:
        if (d.is_default) return &d;
        break;
    }
  }
  return found;
}

std::string describe_need(const Need& need) {
  switch (need.by) {
    case Need::By::Uid: return fmt::format("datasource uid \"{}\"", need.value);
    case Need::By::Name: return fmt::format("datasource \"{}\"", need.value);
    case Need::By::Type: return fmt::format("a {} datasource", need.value);
    case Need::By::Default: return "a default datasource";
  }
  return "";
}

}  // namespace

void check_datasources(CheckContext& ctx) {
  grafana::GrafanaClient* client = ctx.live.grafana();
  if (client == nullptr || ctx.repo.dashboards.empty()) return;
  const auto& all = ctx.live.datasources();
  if (!all) {
    ctx.api_error(Section::Grafana, Error{all.error().text}, "the datasources the dashboards need");
    return;
  }
  std::map<std::string, const Datasource*> used;  // by uid
  std::size_t problems = 0;
  for (const RepoDashboard& entry : ctx.repo.dashboards) {
    const Needs needs(entry.dashboard);
    for (const auto& [need, why] : needs.all()) {
      const Datasource* datasource = resolve(need, *all);
      if (datasource != nullptr) {
        used.emplace(datasource->uid, datasource);
        continue;
      }
      ++problems;
      ctx.report.add(Section::Grafana,
                     repo_finding(Severity::Error, "doctor/datasource-missing", entry.path(), {},
                                  fmt::format("dashboard \"{}\" needs {} for {}, and Grafana has none",
                                              entry.dashboard.title, describe_need(need), why),
                                  "add it in Grafana (the stack provisions them from "
                                  "deploy/grafana/provisioning/datasources), or change the dashboard"));
    }
  }
  for (const auto& [uid, datasource] : used) {
    auto health = client->datasource_health(uid);
    if (!health) {
      if (health.error().kind == grafana::ApiError::Kind::NotFound) continue;  // Grafana before 9: no health API
      ctx.api_error(Section::Grafana, Error{health.error().text}, fmt::format("datasource \"{}\"", datasource->name));
      continue;
    }
    if (health->ok) continue;
    ++problems;
    ctx.report.add(
        Section::Grafana,
        live_finding(Severity::Error, "doctor/datasource-unhealthy",
                     fmt::format("datasource \"{}\" (uid {}, {}) fails its health check: {}", datasource->name, uid,
                                 datasource->type, health->message.empty() ? health->status : health->message),
                     "Grafana cannot query it: check its URL as Grafana's host sees it and that the "
                     "server behind it is up"));
  }
  if (problems == 0) {
    ctx.report.ok(Section::Grafana,
                  fmt::format("the {} datasource{} the dashboards need {} and {} healthy", used.size(),
                              used.size() == 1 ? "" : "s", used.size() == 1 ? "exists" : "exist",
                              used.size() == 1 ? "is" : "are"));
  }
}

}  // namespace mlmon::doctor
