#pragma once
#include <string>
#include <vector>

#include "core/result.hpp"

namespace mlmon {

/// Expands command-line inputs: files as given, directories recursively (files whose names end
/// in one of `extensions`, sorted), shell-style globs, and "-" for stdin. A path that does not
/// exist, or a glob that matches nothing, is an error naming it.
Result<std::vector<std::string>> expand_inputs(const std::vector<std::string>& inputs,
                                               const std::vector<std::string>& extensions);

}  // namespace mlmon
