#pragma once
#include <string>
#include <vector>

#include "core/result.hpp"

namespace mlmon {

/// Expands command-line inputs: files as given, directories recursively (files whose names end
/// in one of `extensions`, sorted; hidden files and folders, node_modules, `build` and CMake build
/// trees skipped), shell-style globs (each match taken as if given), and "-" for stdin. A path that does
/// not exist, a glob that matches nothing and a directory without such files are errors naming it.
/// One file to read, and how it was found.
struct InputFile {
  std::string path;
  /// Found by searching a directory (given, or matched by a glob), not named by the user: a
  /// command may skip it when it is not of its kind, and `.mlmon.yml`'s `ignore:` applies.
  bool found_in_directory = false;
};

/// expand_inputs(), saying how each file was found.
Result<std::vector<InputFile>> expand_input_files(const std::vector<std::string>& inputs,
                                                  const std::vector<std::string>& extensions);

Result<std::vector<std::string>> expand_inputs(const std::vector<std::string>& inputs,
                                               const std::vector<std::string>& extensions);

}  // namespace mlmon
