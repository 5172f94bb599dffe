#pragma once
#include <CLI/CLI.hpp>

#include <cstddef>
#include <string>
#include <string_view>

#include "context.hpp"
#include "core/render.hpp"
#include "core/report.hpp"

namespace mlmon::cli {

/// --format, --color, --fail-on: shared by every subcommand that reports diagnostics.
struct OutputOptions {
  std::string format = "text";
  std::string color = "auto";
  std::string fail_on = "error";
};

void add_output_options(CLI::App& sub, OutputOptions& options);

/// The renderers' options for these flags: colour, --fail-on, the version, rule docs from the catalogue.
RenderOptions render_options(const OutputOptions& options, const Context& ctx);

/// Renders the report and returns the exit code: 1 when a finding reaches --fail-on, else 0.
int finish_report(const Report& report, const OutputOptions& options, Context& ctx);

/// The last line of a checking command on stderr: "2 files, 20 rules checked (4 other files
/// skipped; --verbose lists them): 0 errors, 1 warning". `what` is the counted part.
void print_summary(const Report& report, std::string_view what, std::size_t skipped, bool verbose, Context& ctx);

/// "1 rule", "3 rules": the summary lines' counts.
std::string plural(std::size_t n, std::string_view noun);

}  // namespace mlmon::cli
