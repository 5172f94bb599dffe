#pragma once
#include <istream>
#include <ostream>

namespace mlmon::cli {

/// What a subcommand's callback may touch: its streams and the exit code it sets.
struct Context {
  std::ostream& out;
  std::ostream& err;
  std::istream& in;
  int exit_code = 0;
  bool stdout_is_tty = false;
};

}  // namespace mlmon::cli
