#pragma once
#include <string>
#include <vector>

#include "core/result.hpp"

namespace mlmon {

/// Expands command-line inputs: files as given, directories recursively (files whose names end
/// in one of `extensions`, sorted; hidden folders, node_modules, `build` and CMake build trees
/// skipped), shell-style globs (each match taken as if given), and "-" for stdin. A path that does
/// not exist, a glob that matches nothing and a directory without such files are errors naming it.
Result<std::vector<std::string>> expand_inputs(const std::vector<std::string>& inputs,
                                               const std::vector<std::string>& extensions);

}  // namespace mlmon
