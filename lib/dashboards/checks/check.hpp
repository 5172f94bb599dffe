#pragma once
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "checks/check_info.hpp"
#include "core/diagnostic.hpp"
#include "dashboards/model.hpp"
#include "dashboards/queries.hpp"
#include "dashboards/references.hpp"

namespace mlmon::dashboards {

using checks::CheckInfo;

/// A finding of one check, before configuration decides whether and how to show it.
struct Finding {
  const CheckInfo* check = nullptr;
  Position pos;
  std::string message;
  std::string hint;
  const Panel* panel = nullptr;    ///< the panel it is about, for per-panel exclusions
  const Target* target = nullptr;  ///< the query it is about, for per-query exclusions
};

/// What a check sees: one dashboard, and what every check would otherwise compute again.
struct CheckContext {
  const Dashboard& dashboard;
  const References& references;
  const std::vector<Query>& queries;  ///< Prometheus targets, substituted and parsed
  std::vector<Finding>& findings;

  /// Reports at the value `pointer` names (or its nearest existing ancestor).
  void report(const CheckInfo& info, std::string_view pointer, std::string message, std::string hint = {},
              const Panel* panel = nullptr) const;
  /// Reports at a known position (inside a string, for instance).
  void report_at(const CheckInfo& info, Position pos, std::string message, std::string hint = {},
                 const Panel* panel = nullptr) const;
  /// Reports about one query, at byte `offset` of its substituted expression.
  void report_query(const CheckInfo& info, const Query& query, std::size_t offset, std::string message,
                    std::string hint = {}) const;
};

/// A dashboard check: an id, a one-line doc, and a run over one dashboard. Never throws.
class DashboardCheck {
 public:
  virtual ~DashboardCheck() = default;
  virtual const CheckInfo& info() const = 0;
  virtual void run(const CheckContext& ctx) const = 0;
};

/// Every dashboard check, in one explicit list (checks/registry.cpp).
const std::vector<std::unique_ptr<DashboardCheck>>& dashboard_checks();
/// The info of a check (or of a load failure: dashboards/json, dashboards/not-a-dashboard) by id.
const CheckInfo* find_check(std::string_view id);
/// Every check of dashboards, as the catalogue lists them: the load failures and the checks.
std::span<const CheckInfo> all_dashboard_checks();

}  // namespace mlmon::dashboards
