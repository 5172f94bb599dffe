#pragma once
// Two or three examples for every command, shown at the end of its --help and in its man page:
// one table, so the two cannot drift.
#include <CLI/CLI.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace mlmon::cli {

struct Example {
  std::string_view command;      ///< as typed, starting with "mlmon"
  std::string_view explanation;  ///< one line
};

/// The examples of a command path ("check", "routes test"; "" for mlmon itself).
const std::vector<Example>& examples_for(std::string_view command_path);

/// "mlmon routes test" -> "routes test": a subcommand's path below mlmon.
std::string command_path(const CLI::App* sub);

/// Appends each command's examples to its footer (after the exit codes): call once, after every
/// setup_*().
void add_examples_to_help(CLI::App& app);

}  // namespace mlmon::cli
