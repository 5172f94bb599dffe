#include <nlohmann/json.hpp>

#include <istream>
#include <memory>

#include "commands.hpp"
#include "core/exit_codes.hpp"
#include "core/file_io.hpp"
#include "core/json_output.hpp"
#include "engine/promqltest.hpp"
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
      ctx.out << dump_for_output(line, -1) << '\n';
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

struct TestArgs {
  std::vector<std::string> files;
  std::vector<std::string> features;
  std::string format = "text";
  bool fail_on_unsupported = false;
  bool show_unsupported = false;
};

// Expected and got, one series per line, side by side.
void print_side_by_side(const engine::promqltest::EvalResult& e, std::ostream& out) {
  if (e.expected.empty() && e.got.empty()) return;
  size_t width = 8;
  for (const std::string& l : e.expected) width = std::max(width, l.size());
  width = std::min<size_t>(width, 72);
  auto pad = [&](const std::string& s) { return s.size() >= width ? s : s + std::string(width - s.size(), ' '); };
  out << "    " << pad("expected") << " | got\n";
  const size_t rows = std::max(e.expected.size(), e.got.size());
  for (size_t i = 0; i < rows; ++i) {
    const std::string left = i < e.expected.size() ? e.expected[i] : "";
    const std::string right = i < e.got.size() ? e.got[i] : "";
    out << "    " << pad(left) << " | " << right << '\n';
  }
}

int run_test(const TestArgs& args, Context& ctx) {
  std::string unknown;
  auto features = promql::Features::from_flags(args.features, &unknown);
  if (!features) {
    ctx.err << "mlmon promql test: unknown feature \"" << unknown << "\"\n";
    return kExitUsage;
  }
  if (args.format != "text" && args.format != "json") {
    ctx.err << "mlmon promql test: --format must be text or json, not \"" << args.format << "\"\n";
    return kExitUsage;
  }
  engine::promqltest::Options options;
  options.features = *features;
  size_t passed = 0, failed = 0, unsupported = 0;
  nlohmann::ordered_json files = nlohmann::ordered_json::array();
  for (const std::string& path : args.files) {
    auto content = read_file(path);
    if (!content) {
      ctx.err << "mlmon promql test: " << content.error().message << '\n';
      return kExitUsage;
    }
    const auto result = engine::promqltest::run_script(*content, options);
    passed += result.count(engine::promqltest::Status::passed);
    failed += result.count(engine::promqltest::Status::failed);
    unsupported += result.count(engine::promqltest::Status::unsupported);
    if (args.format == "json") {
      nlohmann::ordered_json file;
      file["file"] = path;
      if (result.error) {
        file["error"] = *result.error;
        file["error_line"] = result.error_line;
      }
      nlohmann::ordered_json evals = nlohmann::ordered_json::array();
      for (const auto& e : result.evals) {
        nlohmann::ordered_json j;
        j["line"] = e.line;
        j["status"] = engine::promqltest::to_string(e.status);
        j["expr"] = e.expr;
        if (!e.message.empty()) j["message"] = e.message;
        if (e.status == engine::promqltest::Status::failed) {
          j["expected"] = e.expected;
          j["got"] = e.got;
        }
        evals.push_back(std::move(j));
      }
      file["evals"] = std::move(evals);
      files.push_back(std::move(file));
      continue;
    }
    if (result.error) ctx.out << path << ':' << result.error_line << ": " << *result.error << '\n';
    for (const auto& e : result.evals) {
      if (e.status == engine::promqltest::Status::failed && !e.message.starts_with("not run: ")) {
        ctx.out << path << ':' << e.line << ": " << e.command << ": " << e.message << '\n';
        print_side_by_side(e, ctx.out);
      } else if (e.status == engine::promqltest::Status::unsupported && args.show_unsupported) {
        ctx.out << path << ':' << e.line << ": unsupported: " << e.message << '\n';
      }
    }
  }
  if (args.format == "json") {
    nlohmann::ordered_json doc;
    doc["files"] = std::move(files);
    doc["passed"] = passed;
    doc["failed"] = failed;
    doc["unsupported"] = unsupported;
    ctx.out << dump_for_output(doc, 2) << '\n';
  } else {
    ctx.out << passed << " passed, " << failed << " failed, " << unsupported << " unsupported\n";
  }
  const bool bad = failed > 0 || (args.fail_on_unsupported && unsupported > 0);
  return bad ? kExitFindings : kExitOk;
}

}  // namespace

void setup_promql(CLI::App& app, Context& ctx) {
  auto* promql = app.add_subcommand("promql", "Check or format PromQL expressions (Prometheus 3.x)");
  promql->require_subcommand(1);

  auto check_args = std::make_shared<PromqlArgs>();
  auto* check =
      promql->add_subcommand("check", "Check expressions: prints ok or Prometheus's error for each, in order");
  check->add_option("exprs", check_args->exprs, "Expressions; without any, one expression per line of stdin");
  check
      ->add_option("--format", check_args->format,
                   "Output format: text, or json (JSON lines: {\"expr\",\"ok\",\"error\",\"line\",\"col\"})")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  check->add_flag("--json", check_args->json, "Same as --format=json");
  check->add_option("--enable-feature", check_args->features, "PromQL features, as Prometheus's flag")
      ->delimiter(',')
      ->allow_extra_args(false);
  check->footer("Exit codes: 0 all valid, 1 some invalid, 2 usage error.");
  check->callback([check_args, &ctx] { ctx.exit_code = run_check(*check_args, ctx, ctx.in); });

  auto format_args = std::make_shared<PromqlArgs>();
  auto* format = promql->add_subcommand("format", "Print expressions in Prometheus's canonical form");
  format->add_option("exprs", format_args->exprs, "Expressions")->required();
  format->add_option("--enable-feature", format_args->features, "PromQL features, as Prometheus's flag")
      ->delimiter(',')
      ->allow_extra_args(false);
  format->footer("Exit codes: 0 formatted, 1 some expression is invalid, 2 usage error.");
  format->callback([format_args, &ctx] { ctx.exit_code = run_format(*format_args, ctx); });

  auto test_args = std::make_shared<TestArgs>();
  auto* test =
      promql->add_subcommand("test", "Run Prometheus engine-test scripts (promqltest format) on mlmon's engine");
  test->add_option("files", test_args->files, "Test files (.test)")->required();
  test->add_option("--enable-feature", test_args->features, "PromQL features, as Prometheus's flag")
      ->delimiter(',')
      ->allow_extra_args(false);
  test->add_option("--format", test_args->format, "text or json")->capture_default_str();
  test->add_flag("--fail-on-unsupported", test_args->fail_on_unsupported, "Count unsupported evals as failures");
  test->add_flag("--show-unsupported", test_args->show_unsupported, "List unsupported evals and why");
  test->footer(
      "Each failing eval prints as FILE:LINE: with expected and got side by side; then a summary\n"
      "\"N passed, N failed, N unsupported\". An eval is unsupported when it needs native histograms,\n"
      "start timestamps, info() or a feature flag not given.\n"
      "Exit codes: 0 all passed, 1 some failed (or unsupported with --fail-on-unsupported), 2 usage error.");
  test->callback([test_args, &ctx] { ctx.exit_code = run_test(*test_args, ctx); });
}

}  // namespace mlmon::cli
