#pragma once
// Internal to mlmon_yaml: the yaml-cpp path of load(), which load() takes when load_fast() gives
// up. Tests compare the two.
#include "yaml/document.hpp"

namespace mlmon::yaml::detail {

/// load() without the fast path: yaml-cpp's event parser driving TreeBuilder, plus the checks.
Document load_with_yaml_cpp(SourceFilePtr source, const LoadOptions& options);

}  // namespace mlmon::yaml::detail
