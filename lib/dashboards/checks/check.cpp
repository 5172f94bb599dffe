#include "dashboards/checks/check.hpp"

namespace mlmon::dashboards {

void CheckContext::report(const CheckInfo& info, std::string_view pointer, std::string message, std::string hint,
                          const Panel* panel) const {
  report_at(info, dashboard.position(pointer), std::move(message), std::move(hint), panel);
}

void CheckContext::report_at(const CheckInfo& info, Position pos, std::string message, std::string hint,
                             const Panel* panel) const {
  findings.push_back(Finding{&info, pos, std::move(message), std::move(hint), panel, nullptr});
}

void CheckContext::report_query(const CheckInfo& info, const Query& query, std::size_t offset, std::string message,
                                std::string hint) const {
  findings.push_back(Finding{&info, query.position(dashboard, offset), query_context(query) + ": " + std::move(message),
                             std::move(hint), query.panel, query.target});
}

}  // namespace mlmon::dashboards
