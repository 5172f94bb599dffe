// mlmon doctor [DIR]: the monitoring guide's setup checks and troubleshooting against the running
// stack, compared with the repository at DIR. Parses the flags and prints; lib/doctor does the work.
#include "doctor/doctor.hpp"

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <set>

#include "commands.hpp"
#include "core/exit_codes.hpp"
#include "doctor/render.hpp"
#include "output_options.hpp"
#include "project_config.hpp"
#include "workspace/project_check.hpp"

namespace mlmon::cli {

namespace {

namespace fs = std::filesystem;

struct DoctorArgs {
  std::string dir = ".";
  std::string format = "text";
  std::string color = "auto";
  std::string config_path;
  std::vector<std::string> skip;
  doctor::ConnectionOptions connection;
};

int run_doctor_command(DoctorArgs& args, Context& ctx) {
  std::error_code ec;
  if (!fs::is_directory(args.dir, ec)) {
    ctx.err << "mlmon doctor: " << args.dir << ": not a directory (give the folder that holds the config)\n";
    return kExitUsage;
  }
  for (const std::string& component : args.skip) {
    if (component == "prometheus") args.connection.prometheus.skip = true;
    if (component == "alertmanager") args.connection.alertmanager.skip = true;
    if (component == "grafana") args.connection.grafana.skip = true;
  }
  OutputOptions output;
  output.format = args.format;
  output.color = args.color;
  auto config = load_project_config("doctor", args.config_path, args.dir, output, ctx);
  if (!config) return kExitUsage;
  auto files = workspace::project_inputs({args.dir}, {".yml", ".yaml", ".json", ".tmpl"}, *config, args.dir);
  if (!files) {
    ctx.err << "mlmon doctor: " << files.error().message << "\n";
    return kExitUsage;
  }

  std::ostream& err = ctx.err;
  args.connection.log = [&err](std::string_view line) { err << line << '\n' << std::flush; };
  args.connection.getenv = [](const char* name) -> std::optional<std::string> {
    const char* value = std::getenv(name);
    return value == nullptr ? std::nullopt : std::optional<std::string>(value);
  };
  args.connection.user_agent = std::string("mlmon/") + MLMON_VERSION;
  if (args.connection.insecure) err << "warning: --insecure: TLS certificates are not verified\n";
  auto session = doctor::open_session(args.connection);
  if (!session) {
    ctx.err << "mlmon doctor: " << session.error().message << "\n";
    return kExitUsage;
  }

  const doctor::Repo repo = doctor::load_repo(*files);
  const doctor::DoctorReport report = doctor::run_doctor(**session, repo, *config);
  if (args.format == "json") {
    doctor::render_json(report, ctx.out);
  } else {
    const bool color = args.color == "always" || (args.color == "auto" && ctx.stdout_is_tty);
    doctor::render_checklist(report, ctx.out, color);
  }
  if (!report.any_reachable()) {
    ctx.err << "mlmon doctor: no component answered (each was skipped or unreachable): nothing to diagnose\n";
    return kExitUsage;
  }
  return report.problems() > 0 ? kExitFindings : kExitOk;
}

}  // namespace

void setup_doctor(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<DoctorArgs>();
  auto* sub = app.add_subcommand(
      "doctor",
      "Check the running Prometheus, Alertmanager and Grafana against the repository: what is down, missing, not "
      "loaded, not firing or not delivered, and what to do (read-only)");
  sub->add_option("dir", args->dir,
                  "The repository's config (rules, Alertmanager config, dashboards; found by content)")
      ->capture_default_str();
  doctor::ConnectionOptions& c = args->connection;
  sub->add_option("--prometheus", c.prometheus.url,
                  "Prometheus's URL (default: $PROMETHEUS_URL, else http://localhost:9090)");
  sub->add_option("--alertmanager", c.alertmanager.url,
                  "Alertmanager's URL (default: $ALERTMANAGER_URL, else http://localhost:9093)");
  sub->add_option("--grafana", c.grafana.url, "Grafana's URL (default: $GRAFANA_URL, else http://localhost:3000)");
  sub->add_option("--skip", args->skip, "A component this stack does not have: prometheus, alertmanager, grafana")
      ->check(CLI::IsMember({"prometheus", "alertmanager", "grafana"}))
      ->delimiter(',');
  sub->add_option("--prometheus-token-file", c.prometheus.token_file,
                  "Bearer token for Prometheus (default: $PROMETHEUS_TOKEN; basic auth: $PROMETHEUS_USER and "
                  "$PROMETHEUS_PASSWORD, or user:password in the URL)");
  sub->add_option("--alertmanager-token-file", c.alertmanager.token_file,
                  "Bearer token for Alertmanager (default: $ALERTMANAGER_TOKEN; or $ALERTMANAGER_USER and "
                  "$ALERTMANAGER_PASSWORD)");
  sub->add_option(
      "--grafana-token-file", c.grafana.token_file,
      "Service-account token for Grafana (default: $GRAFANA_TOKEN; or $GRAFANA_USER and $GRAFANA_PASSWORD)");
  sub->add_option("--ca-cert", c.ca_cert, "PEM file of the CA that signed the servers' certificates")
      ->check(CLI::ExistingFile);
  sub->add_flag("--insecure", c.insecure, "Skip TLS certificate verification (unsafe)");
  sub->add_option("--timeout", c.timeout_s, "Seconds allowed for each request")
      ->check(CLI::Range(0.001, 3600.0))
      ->capture_default_str();
  sub->add_option("--connect-timeout", c.connect_timeout_s, "Seconds allowed to connect")
      ->check(CLI::Range(0.001, 3600.0))
      ->capture_default_str();
  sub->add_option("--retries", c.retries,
                  "Retries after a connection error, 429 or 5xx, with exponential backoff (never after other 4xx)")
      ->check(CLI::Range(0, 10))
      ->capture_default_str();
  sub->add_option("--format", args->format, "Output format: text (a checklist) or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  sub->add_option("--color", args->color, "Colour in text output: auto (on a terminal), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  sub->add_option("--config", args->config_path, "Project config (default: .mlmon.yml found walking up from DIR)");
  sub->add_flag("--verbose", c.verbose, "Log each request and reply to stderr (credentials redacted)");
  sub->footer(
      "Every request is a GET. Exit codes: 0 healthy, 1 problems found (warnings or errors), 2 nothing answered or "
      "usage error.");
  sub->callback([args, &ctx] { ctx.exit_code = run_doctor_command(*args, ctx); });
}

}  // namespace mlmon::cli
