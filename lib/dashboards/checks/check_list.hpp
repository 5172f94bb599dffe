#pragma once
#include <memory>

#include "dashboards/checks/check.hpp"

namespace mlmon::dashboards {

// One factory per check file; registry.cpp lists them.
std::unique_ptr<DashboardCheck> make_title();
std::unique_ptr<DashboardCheck> make_uid();
std::unique_ptr<DashboardCheck> make_panel_id_unique();
std::unique_ptr<DashboardCheck> make_grid_pos();
std::unique_ptr<DashboardCheck> make_panel_overlap();
std::unique_ptr<DashboardCheck> make_ref_id_unique();
std::unique_ptr<DashboardCheck> make_panel_no_targets();
std::unique_ptr<DashboardCheck> make_datasource_by_name();
std::unique_ptr<DashboardCheck> make_undefined_input();
std::unique_ptr<DashboardCheck> make_unused_input();
std::unique_ptr<DashboardCheck> make_datasource_variable();
std::unique_ptr<DashboardCheck> make_variable_undefined();
std::unique_ptr<DashboardCheck> make_variable_unused();
std::unique_ptr<DashboardCheck> make_promql_parse();
std::unique_ptr<DashboardCheck> make_rate_non_counter();
std::unique_ptr<DashboardCheck> make_counter_without_rate();
std::unique_ptr<DashboardCheck> make_rate_interval();
std::unique_ptr<DashboardCheck> make_panel_title();
std::unique_ptr<DashboardCheck> make_panel_unit();

}  // namespace mlmon::dashboards
