#pragma once

namespace mlmon {

/// Documented in README.md and every subcommand's --help.
enum ExitCode : int {
  kExitOk = 0,         ///< clean (warnings allowed unless --fail-on=warning)
  kExitFindings = 1,   ///< problems found (or: differences, a failing route test, drift)
  kExitUsage = 2,      ///< bad flags or arguments, unreadable input, I/O or network failure
  kExitInternal = 70,  ///< a bug in mlmon (an exception no code path expected); EX_SOFTWARE of sysexits.h
};

}  // namespace mlmon
