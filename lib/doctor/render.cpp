#include "doctor/render.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/json_output.hpp"
#include "core/terminal_text.hpp"

namespace mlmon::doctor {

namespace {

constexpr std::string_view kReset = "\x1b[0m";

std::string_view colour_of(std::string_view label) {
  if (label == "error") return "\x1b[1;31m";
  if (label == "warning") return "\x1b[1;35m";
  if (label == "info") return "\x1b[1;36m";
  if (label == "ok") return "\x1b[32m";
  return "\x1b[33m";  // skipped
}

std::string plural(std::size_t n, std::string_view noun) { return fmt::format("{} {}{}", n, noun, n == 1 ? "" : "s"); }

}  // namespace

std::string summary(const DoctorReport& report) {
  const std::size_t errors = report.count(Severity::Error);
  const std::size_t warnings = report.count(Severity::Warning);
  const std::size_t infos = report.count(Severity::Info);
  std::string notes = infos == 0 ? "" : fmt::format(" ({})", plural(infos, "note"));
  if (errors + warnings == 0) return "no problems found" + notes;
  return fmt::format("{}: {}, {}{}", plural(errors + warnings, "problem"), plural(errors, "error"),
                     plural(warnings, "warning"), notes);
}

void render_checklist(const DoctorReport& report, std::ostream& out, bool color) {
  auto label = [&](std::string_view text) {
    const std::string padded = fmt::format("{:<8}", text);
    if (color) return fmt::format("{}{}{}", colour_of(text), padded, kReset);
    return padded;
  };
  for (Section section : kSections) {
    out << title(section) << '\n';
    if (section == Section::Up) {
      for (const ComponentStatus& status : report.components) {
        if (status.state == ComponentStatus::State::Ok) {
          out << "  " << label("ok") << ' '
              << escape_controls(fmt::format("{}{} at {}: healthy and ready", name(status.component),
                                             status.version.empty() ? "" : " " + status.version, status.url))
              << '\n';
        } else if (status.state == ComponentStatus::State::Skipped) {
          out << "  " << label("skipped") << ' '
              << escape_controls(fmt::format("{}: {}", name(status.component), status.detail)) << '\n';
        }
      }
    }
    for (const Note& note : report.notes) {
      if (note.section != section) continue;
      out << "  " << label(note.skipped ? "skipped" : "ok") << ' ' << escape_controls(note.text) << '\n';
    }
    for (const Finding& finding : report.findings) {
      if (finding.section != section) continue;
      const Diagnostic& d = finding.diagnostic;
      std::string where;
      if (!d.file.empty()) {
        where = d.file;
        if (d.pos.known()) where += fmt::format(":{}:{}", d.pos.line, d.pos.col);
        where += ": ";
      }
      out << "  " << label(to_string(d.severity)) << ' ' << escape_controls(where + d.message) << " [" << d.rule_id
          << "]\n";
      if (!d.hint.empty()) out << "           hint: " << escape_controls(d.hint) << '\n';
    }
  }
  out << summary(report) << '\n';
}

void render_json(const DoctorReport& report, std::ostream& out) {
  using nlohmann::ordered_json;
  ordered_json components = ordered_json::array();
  for (const ComponentStatus& status : report.components) {
    ordered_json item;
    item["name"] = key(status.component);
    item["url"] = status.url;
    item["state"] = to_string(status.state);
    if (!status.version.empty()) item["version"] = status.version;
    if (!status.detail.empty()) item["detail"] = status.detail;
    components.push_back(std::move(item));
  }
  ordered_json checks = ordered_json::array();
  for (const Note& note : report.notes) {
    checks.push_back({{"section", id(note.section)}, {"state", note.skipped ? "skipped" : "ok"}, {"text", note.text}});
  }
  ordered_json diagnostics = ordered_json::array();
  for (Section section : kSections) {
    for (const Finding& finding : report.findings) {
      if (finding.section != section) continue;
      const Diagnostic& d = finding.diagnostic;
      ordered_json item;
      item["section"] = id(section);
      append_diagnostic_fields(item, d);
      diagnostics.push_back(std::move(item));
    }
  }
  ordered_json doc;
  doc["components"] = std::move(components);
  doc["checks"] = std::move(checks);
  doc["diagnostics"] = std::move(diagnostics);
  doc["summary"] = {{"errors", report.count(Severity::Error)},
                    {"warnings", report.count(Severity::Warning)},
                    {"infos", report.count(Severity::Info)}};
  out << doc.dump(2, ' ', false, ordered_json::error_handler_t::replace) << '\n';
}

}  // namespace mlmon::doctor
