#include "mlmon_main.hpp"

#include <unistd.h>

#include <exception>

#include "commands.hpp"
#include "core/exit_codes.hpp"

namespace mlmon::cli {

namespace {

constexpr const char* kExitCodesHelp =
    "Exit codes: 0 clean (warnings allowed), 1 problems found (or differences),\n"
    "2 usage error, unreadable input, I/O or network failure.";

}  // namespace

int mlmon_main(int argc, const char* const* argv, std::ostream& out, std::ostream& err, std::istream& in) {
  Context ctx{out, err, in};
  ctx.stdout_is_tty = (&out == &std::cout) && ::isatty(STDOUT_FILENO) != 0;

  CLI::App app{"mlmon: monitoring-as-code for Prometheus rules, Alertmanager and Grafana dashboards", "mlmon"};
  app.footer(kExitCodesHelp);
  app.require_subcommand(1);
  app.fallthrough(false);

  // Every subcommand, in the order --help lists them.
  setup_check(app, ctx);
  setup_check_alertmanager(app, ctx);
  setup_check_dashboards(app, ctx);
  setup_check_rules(app, ctx);
  setup_diff(app, ctx);
  setup_export_dashboard(app, ctx);
  setup_import_dashboard(app, ctx);
  setup_promql(app, ctx);
  setup_render_alertmanager(app, ctx);
  setup_routes(app, ctx);
  setup_set_threshold(app, ctx);
  setup_thresholds(app, ctx);
  setup_version(app, ctx);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    out << app.help();
    return kExitOk;
  } catch (const CLI::CallForAllHelp&) {
    out << app.help("", CLI::AppFormatMode::All);
    return kExitOk;
  } catch (const CLI::ParseError& e) {
    // A subcommand's own --help arrives here as CallForHelp from the subcommand.
    if (e.get_exit_code() == 0) {
      const CLI::App* sub = &app;
      while (!sub->get_subcommands().empty()) sub = sub->get_subcommands().front();
      out << sub->help();
      return kExitOk;
    }
    err << "mlmon: " << e.what() << "\n";
    err << "Run 'mlmon --help' for usage.\n";
    return kExitUsage;
  } catch (const std::exception& e) {
    err << "mlmon: internal error: " << e.what() << "\n";
    return kExitUsage;
  }
  return ctx.exit_code;
}

}  // namespace mlmon::cli
