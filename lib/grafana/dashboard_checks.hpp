#pragma once
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "core/report.hpp"

namespace mlmon::grafana {

/// What import-dashboard needs from the dashboards module, behind small interfaces so this module
/// does not depend on it (the CLI plugs in check-dashboards' lint and `diff`'s semantic diff).

/// Lints one dashboard file (its text, as read) into `report`; import stops on error-level findings
/// unless --force.
class DashboardLinter {
 public:
  virtual ~DashboardLinter() = default;
  virtual void lint(const std::string& path, const std::string& text, Report& report) const = 0;
};

/// The semantic difference between the dashboard in Grafana and the local one: one line per change
/// ("panels/2 \"p99 latency\" thresholds: 0.5 → 0.3"); empty means unchanged and nothing is saved.
class DashboardComparer {
 public:
  virtual ~DashboardComparer() = default;
  virtual std::vector<std::string> differences(const nlohmann::json& live, const nlohmann::json& local) const = 0;
};

/// A plain structural comparison: both sides without the server-managed top-level `id`, `version`
/// and `iteration`; reports each differing JSON pointer (at most `limit` lines). Used when no
/// semantic comparer is plugged in.
class StructuralComparer final : public DashboardComparer {
 public:
  explicit StructuralComparer(std::size_t limit = 50) : limit_(limit) {}
  std::vector<std::string> differences(const nlohmann::json& live, const nlohmann::json& local) const override;

 private:
  std::size_t limit_;
};

/// The dashboard without the keys Grafana manages (top-level `id`, `version`, `iteration`): what
/// export writes and what comparisons see.
nlohmann::json without_server_fields(const nlohmann::json& dashboard);

}  // namespace mlmon::grafana
