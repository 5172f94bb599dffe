// mlmon check-alertmanager: every validation Alertmanager makes, all at once with positions, plus
// mlmon's warnings (missing files, unused receivers, shadowed routes, inhibit rules that never
// fire, plain-text secrets, unexpanded ${VARS}).
#include <memory>

#include "alertmanager_cli.hpp"
#include "commands.hpp"
#include "core/exit_codes.hpp"
#include "output_options.hpp"

namespace mlmon::cli {

namespace {

struct CheckAlertmanagerArgs {
  std::vector<std::string> configs;
  OutputOptions output;
  bool no_lint = false;
  bool amtool = false;
  bool quiet = false;
};

// `amtool check-config`'s own output: "Checking 'f'  SUCCESS" with the Found: summary, or
// "  FAILED: <the one error Alertmanager reports>".
int run_amtool_style(const CheckAlertmanagerArgs& args, Context& ctx) {
  int failed = 0;
  bool io_failed = false;
  for (const std::string& path : args.configs) {
    auto loaded = load_alertmanager_file(path, "check-alertmanager", ctx);
    if (!loaded) {
      io_failed = true;
      continue;
    }
    ctx.out << "Checking '" << path << "'";
    const std::string error = loaded->amtool_error();
    if (!error.empty()) {
      ctx.out << "  FAILED: " << error << "\n\n";
      ++failed;
      continue;
    }
    const alertmanager::Config& c = loaded->config;
    ctx.out << "  SUCCESS\nFound:\n - global config\n - route\n - " << c.inhibit_rules.size() << " inhibit rules\n - "
            << c.receivers.size() << " receivers\n - " << c.templates.size() << " templates\n";
    if (!c.templates.empty()) ctx.out << "  SUCCESS\n";
    ctx.out << "\n";
  }
  if (failed > 0) ctx.err << "mlmon check-alertmanager: failed to validate " << failed << " file(s)\n";
  return io_failed ? kExitUsage : failed > 0 ? kExitFindings : kExitOk;
}

int run_check_alertmanager(const CheckAlertmanagerArgs& args, Context& ctx) {
  if (args.amtool) return run_amtool_style(args, ctx);
  Report report;
  bool io_failed = false;
  for (const std::string& path : args.configs) {
    auto loaded = load_alertmanager_file(path, "check-alertmanager", ctx);
    if (!loaded) {
      io_failed = true;
      continue;
    }
    report_alertmanager(*loaded, !args.no_lint, report);
  }
  const int code = finish_report(report, args.output, ctx);
  if (!args.quiet && args.output.format == "text") {
    const std::size_t errors = report.count(Severity::Error);
    const std::size_t warnings = report.count(Severity::Warning) - errors;
    ctx.err << args.configs.size() << (args.configs.size() == 1 ? " file" : " files") << " checked: " << errors
            << (errors == 1 ? " error, " : " errors, ") << warnings << (warnings == 1 ? " warning\n" : " warnings\n");
  }
  return io_failed ? kExitUsage : code;
}

}  // namespace

void setup_check_alertmanager(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<CheckAlertmanagerArgs>();
  auto* sub = app.add_subcommand("check-alertmanager",
                                 "Validate Alertmanager configs as Alertmanager does (every problem at once), plus lints");
  sub->add_option("configs", args->configs, "Alertmanager config files")->required();
  add_output_options(*sub, args->output);
  sub->add_flag("--no-lint", args->no_lint, "Only Alertmanager's own validations, no mlmon warnings");
  sub->add_flag("--amtool", args->amtool, "Print what `amtool check-config` prints (one error per file)");
  sub->add_flag("-q,--quiet", args->quiet, "No summary line on stderr");
  sub->footer("Exit codes: 0 clean (warnings allowed), 1 problems found (see --fail-on), 2 usage or I/O error.");
  sub->callback([args, &ctx] { ctx.exit_code = run_check_alertmanager(*args, ctx); });
}

}  // namespace mlmon::cli
