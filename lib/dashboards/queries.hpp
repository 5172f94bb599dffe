#pragma once
#include <memory>
#include <string>
#include <vector>

#include "dashboards/model.hpp"
#include "dashboards/promql_substitution.hpp"

namespace mlmon::promql {
struct ParseResult;
}

namespace mlmon::dashboards {

/// One Prometheus target's expression, as the Prometheus datasource would send it, parsed.
struct Query {
  const Panel* panel = nullptr;
  const Target* target = nullptr;
  std::string expr_pointer;   ///< the target's "expr" member
  Substitution substitution;  ///< the expression with variables replaced
  std::shared_ptr<const promql::ParseResult> parsed;

  /// line:col in the file of byte `offset` of the substituted text.
  Position position(const Dashboard& dashboard, std::size_t offset) const;
};

/// `panel "CPU", query A` (the refId, or the target's index when it has none): a message prefix.
std::string query_context(const Query& query);

/// Every non-empty `expr` of a target whose datasource is Prometheus (or unknown, when the
/// dashboard uses only Prometheus), substituted and parsed with every PromQL feature enabled.
std::vector<Query> prometheus_queries(const Dashboard& dashboard);

}  // namespace mlmon::dashboards
