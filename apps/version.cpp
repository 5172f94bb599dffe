#include "commands.hpp"

namespace mlmon::cli {

std::string version_number() { return MLMON_VERSION; }

std::string version_line() { return "mlmon " + version_number(); }

void setup_version(CLI::App& app, Context& ctx) {
  auto* sub = app.add_subcommand("version", "Print mlmon's version (also: mlmon --version)");
  sub->callback([&ctx] { ctx.out << version_line() << '\n'; });
}

}  // namespace mlmon::cli
