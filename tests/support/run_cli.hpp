// Runs the mlmon CLI in-process, for tests that check exact output and exit codes.
#pragma once
#include <sstream>
#include <string>
#include <vector>

#include "mlmon_main.hpp"

namespace mlmon::testing {

struct CliRun {
  int code = -1;
  std::string out;
  std::string err;
};

/// Runs `mlmon ARGS...` with `input` as standard input.
inline CliRun run_cli(std::vector<std::string> args, const std::string& input = {}) {
  args.insert(args.begin(), "mlmon");
  std::vector<const char*> argv;
  for (const auto& a : args) argv.push_back(a.c_str());
  std::ostringstream out, err;
  std::istringstream in(input);
  const int code = cli::mlmon_main(static_cast<int>(argv.size()), argv.data(), out, err, in);
  return {code, out.str(), err.str()};
}

}  // namespace mlmon::testing
