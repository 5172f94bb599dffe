#include "commands.hpp"

namespace mlmon::cli {

void setup_version(CLI::App& app, Context& ctx) {
  auto* sub = app.add_subcommand("version", "Print mlmon's version");
  sub->callback([&ctx] { ctx.out << "mlmon " << MLMON_VERSION << '\n'; });
}

}  // namespace mlmon::cli
