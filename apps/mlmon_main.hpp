#pragma once
#include <ostream>

namespace mlmon::cli {

/// The whole CLI, testable in-process: parses argv, runs one subcommand, returns the exit code.
int mlmon_main(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

}  // namespace mlmon::cli
