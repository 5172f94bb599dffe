#pragma once
// The command tree as data, read from the same CLI11 definitions that --help prints: what the
// completion scripts and the man pages are generated from, so neither can drift from --help.
#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace mlmon::cli {

struct OptionDoc {
  std::vector<std::string> names;  ///< "-q", "--quiet"; a positional's name ("paths")
  bool positional = false;
  bool takes_value = false;  ///< --format TEXT, not a flag
  bool required = false;
  bool repeatable = false;          ///< takes several values (paths...)
  std::string value_name;           ///< "TEXT", "INT"
  std::vector<std::string> values;  ///< the accepted values, when enumerated (--format text|json|...)
  std::string description;
};

struct CommandDoc {
  std::string path;  ///< "routes test"; "" for mlmon
  std::string name;  ///< "test"; "mlmon"
  std::string description;
  std::string footer;              ///< exit codes and examples, as --help shows them
  std::vector<OptionDoc> options;  ///< help flags included
  std::vector<CommandDoc> subcommands;
};

/// The tree below `app`, in --help order; hidden commands (empty group) left out.
CommandDoc describe_commands(const CLI::App& app);

/// Values a completion offers for an option or positional beyond CLI11's own enumerations:
/// feature flags for --enable-feature, check ids for `checks ID`.
std::vector<std::string> completion_values(const CommandDoc& command, const OptionDoc& option);

}  // namespace mlmon::cli
