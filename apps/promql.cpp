#include <nlohmann/json.hpp>

#include <istream>
#include <memory>

#include "commands.hpp"
#include "core/exit_codes.hpp"
#include "promql/parser.hpp"
#include "promql/printer.hpp"

namespace mlmon::cli {

namespace {

struct PromqlArgs {
  std::vector<std::string> exprs;
  std::vector<std::string> features;
  std::string format = "text";
  bool json = false;  // --json, the older spelling of --format=json
};

std::optional<promql::Features> features_or_complain(const PromqlArgs& args, Context& ctx) {
  std::string unknown;
  auto features = promql::Features::from_flags(args.features, &unknown);
  if (!features) ctx.err << "mlmon promql: unknown feature \"" << unknown << "\"\n";
  return features;
}

int run_check(const PromqlArgs& args, Context& ctx, std::istream& in) {
  const auto features = features_or_complain(args, ctx);
  if (!features) return kExitUsage;
  std::vector<std::string> exprs = args.exprs;
  if (exprs.empty()) {
    for (std::string line; std::getline(in, line);) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      exprs.push_back(std::move(line));
    }
    // Nothing to check is a mistake (an empty file piped in, a broken pipeline), not a pass.
    if (exprs.empty()) {
      ctx.err << "mlmon promql check: no expressions: give them as arguments or one per line on stdin\n";
      return kExitUsage;
    }
  }
  const bool json = args.json || args.format == "json";
  int code = kExitOk;
  for (const std::string& expr : exprs) {
    const auto result = promql::parse(expr, *features);
    if (result.error) code = kExitFindings;
    if (json) {
      nlohmann::ordered_json line;
      line["expr"] = expr;
      line["ok"] = !result.error;
      if (result.error) {
        const auto lc = promql::line_col(expr, result.error->begin);
        line["error"] = result.error->message;
        line["line"] = lc.line;
        line["col"] = lc.col;
      }
      ctx.out << line.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << '\n';
    } else {
      ctx.out << (result.error ? promql::format_error(expr, *result.error) : std::string("ok")) << '\n';
    }
  }
  return code;
}

int run_format(const PromqlArgs& args, Context& ctx) {
  const auto features = features_or_complain(args, ctx);
  if (!features) return kExitUsage;
  int code = kExitOk;
  for (const std::string& expr : args.exprs) {
    const auto result = promql::parse(expr, *features);
    if (result.error) {
      ctx.err << promql::format_error(expr, *result.error) << '\n';
      code = kExitFindings;
      continue;
    }
    ctx.out << promql::print(result.ast->root()) << '\n';
  }
  return code;
}

}  // namespace

void setup_promql(CLI::App& app, Context& ctx) {
  auto* promql = app.add_subcommand("promql", "Check or format PromQL expressions (Prometheus 3.x)");
  promql->require_subcommand(1);

  auto check_args = std::make_shared<PromqlArgs>();
  auto* check = promql->add_subcommand("check", "Check expressions: prints ok or Prometheus's error for each, in order");
  check->add_option("exprs", check_args->exprs, "Expressions; without any, one expression per line of stdin");
  check->add_option("--format", check_args->format,
                    "Output format: text, or json (JSON lines: {\"expr\",\"ok\",\"error\",\"line\",\"col\"})")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  check->add_flag("--json", check_args->json, "Same as --format=json");
  check->add_option("--enable-feature", check_args->features, "PromQL features, as Prometheus's flag")->delimiter(',')->allow_extra_args(false);
  check->footer("Exit codes: 0 all valid, 1 some invalid, 2 usage error.");
  check->callback([check_args, &ctx] { ctx.exit_code = run_check(*check_args, ctx, ctx.in); });

  auto format_args = std::make_shared<PromqlArgs>();
  auto* format = promql->add_subcommand("format", "Print expressions in Prometheus's canonical form");
  format->add_option("exprs", format_args->exprs, "Expressions")->required();
  format->add_option("--enable-feature", format_args->features, "PromQL features, as Prometheus's flag")->delimiter(',')->allow_extra_args(false);
  format->footer("Exit codes: 0 formatted, 1 some expression is invalid, 2 usage error.");
  format->callback([format_args, &ctx] { ctx.exit_code = run_format(*format_args, ctx); });
}

}  // namespace mlmon::cli
