#pragma once
#include <string>

#include "context.hpp"
#include "core/result.hpp"

namespace mlmon::cli {

/// Reads a file named on the command line; "-" reads the context's standard input.
Result<std::string> read_input(const std::string& path, Context& ctx);

}  // namespace mlmon::cli
