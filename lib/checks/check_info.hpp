#pragma once
#include <cstdint>
#include <string_view>

#include "core/diagnostic.hpp"

namespace mlmon::checks {

/// Validations reproduce what Prometheus, Alertmanager or Grafana refuse: they always run and
/// cannot be configured. Lint checks are team policy: `.mlmon.yml` may turn them off, re-grade
/// them or exclude files, and inline comments may silence them.
enum class CheckKind : std::uint8_t { Validation, Lint };

/// What every check is, whatever it looks at: the id findings carry, a one-line summary (for
/// `mlmon checks` and the docs) and the severity of its findings unless configured otherwise.
struct CheckInfo {
  std::string_view id;       ///< "<area>/<kebab-name>", e.g. "alerts/for"
  std::string_view summary;  ///< one line: what it finds
  Severity default_severity;
  CheckKind kind = CheckKind::Lint;
};

}  // namespace mlmon::checks
