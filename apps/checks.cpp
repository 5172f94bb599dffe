// mlmon checks: every check id of every area, with its default severity, kind and summary: the
// one list `.mlmon.yml` and `# mlmon: disable=` comments are validated against.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <memory>

#include "commands.hpp"
#include "core/exit_codes.hpp"
#include "workspace/catalog.hpp"

namespace mlmon::cli {

namespace {

std::string_view kind_name(checks::CheckKind kind) { return kind == checks::CheckKind::Lint ? "lint" : "validation"; }

void print_text(Context& ctx) {
  const auto all = workspace::catalog().all();
  std::size_t width = 2;
  for (const checks::CheckInfo* info : all) width = std::max(width, info->id.size());
  ctx.out << "ID" << std::string(width - 2 + 2, ' ') << "SEVERITY  KIND        SUMMARY\n";
  for (const checks::CheckInfo* info : all) {
    const std::string_view severity = to_string(info->default_severity);
    const std::string_view kind = kind_name(info->kind);
    ctx.out << info->id << std::string(width - info->id.size() + 2, ' ') << severity
            << std::string(10 - severity.size(), ' ') << kind << std::string(12 - kind.size(), ' ') << info->summary
            << '\n';
  }
}

// docs/checks.md is this output (a test keeps them equal): one table row per check.
void print_markdown(Context& ctx) {
  ctx.out << "| id | severity | kind | what it finds |\n|---|---|---|---|\n";
  for (const checks::CheckInfo* info : workspace::catalog().all()) {
    std::string summary(info->summary);
    for (std::size_t at = summary.find('|'); at != std::string::npos; at = summary.find('|', at + 2)) {
      summary.replace(at, 1, "\\|");
    }
    ctx.out << "| `" << info->id << "` | " << to_string(info->default_severity) << " | " << kind_name(info->kind)
            << " | " << summary << " |\n";
  }
}

void print_json(Context& ctx) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const checks::CheckInfo* info : workspace::catalog().all()) {
    list.push_back({{"id", info->id},
                    {"severity", to_string(info->default_severity)},
                    {"kind", kind_name(info->kind)},
                    {"summary", info->summary}});
  }
  ctx.out << nlohmann::ordered_json{{"checks", std::move(list)}}.dump(2) << '\n';
}

// `mlmon checks ID`: the one check, or the closest ids when there is none.
int print_one(const std::string& id, const std::string& format, Context& ctx) {
  const checks::CheckInfo* info = workspace::catalog().find(id);
  if (info == nullptr) {
    ctx.err << "mlmon checks: " << workspace::catalog().why_not_configurable(id) << "\n";
    return kExitUsage;
  }
  if (format == "json") {
    ctx.out << nlohmann::ordered_json{{"id", info->id},
                                      {"severity", to_string(info->default_severity)},
                                      {"kind", kind_name(info->kind)},
                                      {"summary", info->summary}}
                   .dump(2)
            << '\n';
  } else {
    ctx.out << info->id << "\n  severity: " << to_string(info->default_severity)
            << "\n  kind: " << kind_name(info->kind)
            << (info->kind == checks::CheckKind::Lint ? " (configurable in .mlmon.yml)" : " (always runs)")
            << "\n  finds: " << info->summary << "\n";
  }
  return kExitOk;
}

}  // namespace

void setup_checks(CLI::App& app, Context& ctx) {
  auto format = std::make_shared<std::string>("text");
  auto id = std::make_shared<std::string>();
  auto* sub = app.add_subcommand("checks", "List every check: id, default severity, kind and what it finds");
  sub->add_option("id", *id, "One check id: show only that check");
  sub->add_option("--format", *format, "Output format: text (a table), json, or markdown (docs/checks.md)")
      ->check(CLI::IsMember({"text", "json", "markdown"}))
      ->capture_default_str();
  sub->footer(
      "Lint checks can be turned off, re-graded or excluded in .mlmon.yml (checks:, exclude:) and silenced\n"
      "per rule with `# mlmon: disable=ID`; validations (what Prometheus, Alertmanager or Grafana refuse)\n"
      "always run.\nExit codes: 0 listed, 2 usage error (an unknown id).");
  sub->callback([format, id, &ctx] {
    if (!id->empty()) {
      ctx.exit_code = print_one(*id, *format, ctx);
      return;
    }
    if (*format == "json") print_json(ctx);
    else if (*format == "markdown") print_markdown(ctx);
    else print_text(ctx);
    ctx.exit_code = kExitOk;
  });
}

}  // namespace mlmon::cli
