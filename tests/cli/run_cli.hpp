#pragma once
#include <sstream>
#include <string>
#include <vector>

#include "mlmon_main.hpp"

namespace mlmon::test {

struct CliResult {
  int code;
  std::string out;
  std::string err;
};

/// Runs `mlmon ARGS...` in-process, with `input` as standard input.
inline CliResult run_cli(std::vector<std::string> args, const std::string& input = {}) {
  args.insert(args.begin(), "mlmon");
  std::vector<const char*> argv;
  for (const auto& a : args) argv.push_back(a.c_str());
  std::ostringstream out, err;
  std::istringstream in(input);
  const int code = cli::mlmon_main(static_cast<int>(argv.size()), argv.data(), out, err, in);
  return {code, out.str(), err.str()};
}

}  // namespace mlmon::test
