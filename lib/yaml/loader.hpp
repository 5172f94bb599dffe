#pragma once
// Internal to mlmon_yaml: the yaml-cpp path of load() and load_all(), which they take when the
// fast loader gives up. Tests compare the two.
#include <vector>

#include "yaml/document.hpp"

namespace mlmon::yaml::detail {

/// load() without the fast path: yaml-cpp's event parser driving TreeBuilder, plus the checks.
Document load_with_yaml_cpp(SourceFilePtr source, const LoadOptions& options);

/// load_all() without the fast path.
std::vector<Document> load_all_with_yaml_cpp(SourceFilePtr source);

}  // namespace mlmon::yaml::detail
