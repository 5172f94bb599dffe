// mlmon routes show|test: amtool's `config routes` output and exit codes, plus batch routing
// cases (--cases FILE). A `*.tmpl` config template is routed as rendered in memory.
#include <memory>

#include "alertmanager/matcher.hpp"
#include "alertmanager/route_cases.hpp"
#include "alertmanager/router.hpp"
#include "alertmanager_cli.hpp"
#include "commands.hpp"
#include "core/exit_codes.hpp"
#include "core/file_io.hpp"
#include "output_options.hpp"

namespace mlmon::cli {

namespace {

struct RoutesArgs {
  std::string config;
  std::vector<std::string> labels;
  std::string verify_receivers;
  bool verify_set = false;
  bool tree = false;
  std::string cases;
  bool placeholders = false;
  OutputOptions output;
};

// A config that does not load: amtool prints the error and exits 1.
std::optional<alertmanager::LoadedConfig> load_routable(const RoutesArgs& args, const std::string& command,
                                                        Context& ctx, int& code) {
  InputOptions options;
  options.placeholders = args.placeholders;
  auto input = read_alertmanager_input(args.config, command, options, ctx);
  if (!input) {
    code = kExitUsage;
    return std::nullopt;
  }
  if (input->has_errors() || !input->loaded->config.has_route) {
    input->print_errors(ctx);
    ctx.err << "mlmon " << command << ": " << args.config << " is not a valid Alertmanager config\n";
    code = kExitFindings;
    return std::nullopt;
  }
  return std::move(input->loaded);
}

int run_show(const RoutesArgs& args, Context& ctx) {
  int code = kExitOk;
  auto loaded = load_routable(args, "routes show", ctx, code);
  if (!loaded) return code;
  ctx.out << alertmanager::routes_show_text(loaded->config.route);
  return kExitOk;
}

int run_cases(const RoutesArgs& args, const alertmanager::LoadedConfig& loaded, Context& ctx) {
  auto text = read_file(args.cases);
  if (!text) {
    ctx.err << "mlmon routes test: " << text.error().message << "\n";
    return kExitUsage;
  }
  auto source = std::make_shared<SourceFile>(args.cases, std::move(*text));
  const alertmanager::RouteCaseFile cases = alertmanager::load_route_cases(source);
  Report report;
  report.add_source(source);
  if (!cases.ok()) {
    for (const Diagnostic& d : cases.problems) report.add(d);
    finish_report(report, args.output, ctx);
    return kExitUsage;
  }
  const std::vector<Diagnostic> failures = alertmanager::run_route_cases(cases, loaded.config.route);
  for (const Diagnostic& d : failures) report.add(d);
  finish_report(report, args.output, ctx);
  if (args.output.format == "text") {
    ctx.out << (cases.cases.size() - failures.size()) << " of " << cases.cases.size() << " routing cases pass\n";
  }
  return failures.empty() ? kExitOk : kExitFindings;
}

int run_test(const RoutesArgs& args, Context& ctx) {
  if (!args.cases.empty() && !args.labels.empty()) {
    ctx.err << "mlmon routes test: give labels or --cases FILE, not both\n";
    return kExitUsage;
  }
  alertmanager::LabelSet labels;
  for (const std::string& arg : args.labels) {
    const alertmanager::MatchersParse parsed = alertmanager::parse_matcher(arg);
    if (!parsed.ok()) {
      ctx.err << "mlmon routes test: Failed to parse labels: " << parsed.error << "\n";
      return kExitUsage;
    }
    const alertmanager::Matcher& m = parsed.matchers.front();
    if (m.type != alertmanager::MatchType::Equal) {
      ctx.err << "mlmon routes test: Labels must be specified as key=value pairs\n";
      return kExitUsage;
    }
    labels[m.name] = m.value;  // a repeated name keeps the last value, as amtool
  }
  int code = kExitOk;
  auto loaded = load_routable(args, "routes test", ctx, code);
  if (!loaded) return code;
  if (!args.cases.empty()) return run_cases(args, *loaded, ctx);

  const alertmanager::Route& root = loaded->config.route;
  if (args.tree) ctx.out << alertmanager::matching_tree_text(root, labels);
  const std::string receivers = alertmanager::join_receivers(alertmanager::route_receivers(root, labels));
  ctx.out << receivers << "\n";
  if (args.verify_set && args.verify_receivers != receivers) {
    ctx.out << "WARNING: Expected receivers did not match resolved receivers.\n";
    return kExitFindings;
  }
  return kExitOk;
}

constexpr const char* kPlaceholdersHelp =
    "Render a *.tmpl template with placeholder values (and its defaults) instead of the environment";
constexpr const char* kTemplateNote =
    "A *.tmpl template is rendered in memory with the environment (a required variable that is not set is a usage "
    "error), or with --placeholders.\n";

}  // namespace

void setup_routes(CLI::App& app, Context& ctx) {
  auto* routes =
      app.add_subcommand("routes", "Show the routing tree of an Alertmanager config, or test where alerts go");
  routes->require_subcommand(1);

  auto show = std::make_shared<RoutesArgs>();
  auto* show_cmd = routes->add_subcommand("show", "Print the routing tree as `amtool config routes show` does");
  show_cmd->add_option("config", show->config, "Alertmanager config file, or *.tmpl config template")->required();
  show_cmd->add_flag("--placeholders", show->placeholders, kPlaceholdersHelp);
  show_cmd->footer(std::string(kTemplateNote) +
                   "Exit codes: 0 printed, 1 the config does not load, 2 usage or I/O error.");
  show_cmd->callback([show, &ctx] { ctx.exit_code = run_show(*show, ctx); });

  auto test = std::make_shared<RoutesArgs>();
  auto* test_cmd = routes->add_subcommand(
      "test", "Print the receivers of an alert with the given labels, as `amtool config routes test` does");
  test_cmd->add_option("config", test->config, "Alertmanager config file, or *.tmpl config template")->required();
  test_cmd->add_option("labels", test->labels, "Alert labels as name=value");
  test_cmd
      ->add_option("--verify-receivers,--verify.receivers", test->verify_receivers,
                   "Expected receivers, comma-separated and in order; exit 1 when they differ")
      ->each([test](const std::string&) { test->verify_set = true; });
  test_cmd->add_flag("--tree", test->tree, "Also print the matching routes as a tree");
  test_cmd->add_option("--cases", test->cases,
                       "YAML list of {labels: {...}, receivers: [...]}: report every case that fails");
  test_cmd->add_flag("--placeholders", test->placeholders, kPlaceholdersHelp);
  add_output_options(*test_cmd, test->output);
  test_cmd->footer(
      std::string(kTemplateNote) +
      "Exit codes: 0 as expected, 1 receivers differ from --verify-receivers or a case fails (or the config does not "
      "load), 2 usage or I/O error.");
  test_cmd->callback([test, &ctx] { ctx.exit_code = run_test(*test, ctx); });
}

}  // namespace mlmon::cli
