#include "output_options.hpp"

#include "core/exit_codes.hpp"
#include "core/render.hpp"

namespace mlmon::cli {

void add_output_options(CLI::App& sub, OutputOptions& options) {
  sub.add_option("--format", options.format, "Output format: text, json or github (workflow annotations)")
      ->check(CLI::IsMember({"text", "json", "github"}))
      ->capture_default_str();
  sub.add_option("--color", options.color, "Colour in text output: auto (on a terminal), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  sub.add_option("--fail-on", options.fail_on, "Lowest severity that makes the exit code 1: error, warning or info")
      ->check(CLI::IsMember({"error", "warning", "info"}))
      ->capture_default_str();
}

int finish_report(const Report& report, const OutputOptions& options, Context& ctx) {
  TextStyle style;
  style.color = options.color == "always" || (options.color == "auto" && ctx.stdout_is_tty);
  render(report, parse_output_format(options.format).value_or(OutputFormat::Text), ctx.out, style);
  Severity threshold = Severity::Error;
  parse_severity(options.fail_on, threshold);
  return report.count(threshold) > 0 ? kExitFindings : kExitOk;
}

std::string plural(std::size_t n, std::string_view noun) {
  return std::to_string(n) + " " + std::string(noun) + (n == 1 ? "" : "s");
}

}  // namespace mlmon::cli
