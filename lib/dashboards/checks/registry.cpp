#include "dashboards/checks/check_list.hpp"
#include "dashboards/loader.hpp"

namespace mlmon::dashboards {

const std::vector<std::unique_ptr<DashboardCheck>>& dashboard_checks() {
  static const std::vector<std::unique_ptr<DashboardCheck>> kChecks = [] {
    std::vector<std::unique_ptr<DashboardCheck>> list;
    // structure
    list.push_back(make_title());
    list.push_back(make_uid());
    list.push_back(make_panel_id_unique());
    list.push_back(make_grid_pos());
    list.push_back(make_panel_overlap());
    list.push_back(make_ref_id_unique());
    list.push_back(make_panel_no_targets());
    // datasources
    list.push_back(make_datasource_by_name());
    list.push_back(make_undefined_input());
    list.push_back(make_unused_input());
    list.push_back(make_datasource_variable());
    // variables
    list.push_back(make_variable_undefined());
    list.push_back(make_variable_unused());
    // queries
    list.push_back(make_promql_parse());
    list.push_back(make_rate_non_counter());
    list.push_back(make_counter_without_rate());
    list.push_back(make_rate_interval());
    // panels
    list.push_back(make_panel_title());
    list.push_back(make_panel_unit());
    return list;
  }();
  return kChecks;
}

namespace {

// Failures to read a dashboard at all: they stop its checks and cannot be configured.
constexpr CheckInfo kLoadChecks[] = {
    {kRuleJson, "the file is JSON (at most 20 MiB, nested at most 128 levels)", Severity::Error,
     checks::CheckKind::Validation},
    {kRuleNotADashboard, "the file holds a dashboard: plain, exported, {\"dashboard\": ...} or a Dashboard resource",
     Severity::Error, checks::CheckKind::Validation},
    {"dashboards/linter-config", "a dashboard-linter .lint file beside the dashboards is well-formed", Severity::Error,
     checks::CheckKind::Validation},
};

}  // namespace

std::span<const CheckInfo> all_dashboard_checks() {
  static const std::vector<CheckInfo> kAll = [] {
    std::vector<CheckInfo> all(std::begin(kLoadChecks), std::end(kLoadChecks));
    for (const auto& check : dashboard_checks()) all.push_back(check->info());
    return all;
  }();
  return kAll;
}

const CheckInfo* find_check(std::string_view id) {
  for (const CheckInfo& info : kLoadChecks) {
    if (info.id == id) return &info;
  }
  for (const auto& check : dashboard_checks()) {
    if (check->info().id == id) return &check->info();
  }
  return nullptr;
}

}  // namespace mlmon::dashboards
