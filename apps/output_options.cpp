#include "output_options.hpp"

#include "commands.hpp"
#include "core/exit_codes.hpp"
#include "core/render.hpp"
#include "workspace/catalog.hpp"

namespace mlmon::cli {

void add_output_options(CLI::App& sub, OutputOptions& options) {
  sub.add_option("--format", options.format,
                 "Output format: text, json, github (workflow annotations), sarif (code scanning), junit, "
                 "codeclimate (GitLab Code Quality)")
      ->check(CLI::IsMember(output_format_names()))
      ->capture_default_str();
  sub.add_option("--color", options.color, "Colour in text output: auto (on a terminal), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  sub.add_option("--fail-on", options.fail_on, "Lowest severity that makes the exit code 1: error, warning or info")
      ->check(CLI::IsMember({"error", "warning", "info"}))
      ->capture_default_str();
}

RenderOptions render_options(const OutputOptions& options, const Context& ctx) {
  RenderOptions render;
  render.style.color = options.color == "always" || (options.color == "auto" && ctx.stdout_is_tty);
  parse_severity(options.fail_on, render.fail_on);
  render.tool_version = version_number();
  render.describe = [](std::string_view id) -> std::optional<RuleDoc> {
    const checks::CheckInfo* info = workspace::catalog().find(id);
    if (info == nullptr) return std::nullopt;
    return RuleDoc{std::string(info->summary), info->default_severity};
  };
  return render;
}

int finish_report(const Report& report, const OutputOptions& options, Context& ctx) {
  const RenderOptions render_with = render_options(options, ctx);
  render(report, parse_output_format(options.format).value_or(OutputFormat::Text), ctx.out, render_with);
  return report.count(render_with.fail_on) > 0 ? kExitFindings : kExitOk;
}

void print_summary(const Report& report, std::string_view what, std::size_t skipped, bool verbose, Context& ctx) {
  const std::size_t errors = report.count(Severity::Error);
  const std::size_t warnings = report.count(Severity::Warning) - errors;
  ctx.err << what << " checked";
  if (skipped > 0)
    ctx.err << " (" << plural(skipped, "other file") << " skipped" << (verbose ? ")" : "; --verbose lists them)");
  ctx.err << ": " << plural(errors, "error") << ", " << plural(warnings, "warning") << "\n";
}

std::string plural(std::size_t n, std::string_view noun) {
  return std::to_string(n) + " " + std::string(noun) + (n == 1 ? "" : "s");
}

}  // namespace mlmon::cli
