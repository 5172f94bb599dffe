#pragma once
#include <iostream>

namespace mlmon::cli {

/// The whole CLI, testable in-process: parses argv, runs one subcommand, returns the exit code.
/// Standard input (for "-" and expression lists) is `in`.
int mlmon_main(int argc, const char* const* argv, std::ostream& out, std::ostream& err, std::istream& in = std::cin);

}  // namespace mlmon::cli
