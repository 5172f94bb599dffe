// JUnit XML as Jenkins (junit plugin) and GitLab (artifacts:reports:junit) read it.
#include <fmt/format.h>

#include <map>

#include "core/render.hpp"
#include "core/terminal_text.hpp"

namespace mlmon {

namespace {

// XML 1.0 cannot hold most control characters even escaped: they are shown as escapes first
// (line breaks stay: XML keeps them).
std::string xml_escape(std::string_view text) {
  std::string visible;
  for (std::size_t start = 0;;) {
    const std::size_t brk = text.find('\n', start);
    visible +=
        escape_controls(text.substr(start, brk == std::string_view::npos ? std::string_view::npos : brk - start));
    if (brk == std::string_view::npos) break;
    visible += '\n';
    start = brk + 1;
  }
  std::string out;
  for (const char c : visible) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string location_of(const Diagnostic& d) {
  std::string where = d.file;
  if (d.pos.known()) where += fmt::format(":{}:{}", d.pos.line, d.pos.col);
  return where;
}

}  // namespace

void render_junit(const Report& report, std::ostream& out, const RenderOptions& options) {
  std::map<std::string, std::vector<Diagnostic>> by_file;
  for (const std::string& path : report.source_paths()) by_file[path];
  for (Diagnostic& d : report.sorted()) by_file[d.file].push_back(std::move(d));
  std::size_t tests = 0;
  std::size_t failures = 0;
  for (const auto& [file, findings] : by_file) {
    tests += findings.empty() ? 1 : findings.size();
    for (const Diagnostic& d : findings) failures += d.severity >= options.fail_on ? 1 : 0;
  }
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out << fmt::format("<testsuites name=\"mlmon\" tests=\"{}\" failures=\"{}\" errors=\"0\">\n", tests, failures);
  for (const auto& [file, findings] : by_file) {
    std::size_t file_failures = 0;
    for (const Diagnostic& d : findings) file_failures += d.severity >= options.fail_on ? 1 : 0;
    const std::string name = xml_escape(file);
    out << fmt::format("  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"0\">\n", name,
                       findings.empty() ? 1 : findings.size(), file_failures);
    if (findings.empty()) {
      out << fmt::format("    <testcase name=\"mlmon\" classname=\"{}\" file=\"{}\"/>\n", name, name);
    }
    for (const Diagnostic& d : findings) {
      const std::string rule = d.rule_id.empty() ? "mlmon" : d.rule_id;
      const std::string case_name = d.pos.known() ? fmt::format("{} {}:{}", rule, d.pos.line, d.pos.col) : rule;
      out << fmt::format("    <testcase name=\"{}\" classname=\"{}\" file=\"{}\"", xml_escape(case_name), name, name);
      if (d.pos.known()) out << fmt::format(" line=\"{}\"", d.pos.line);
      std::string body = fmt::format("{}: {}: {} [{}]", location_of(d), to_string(d.severity), d.message, rule);
      if (!d.hint.empty()) body += "\nhint: " + d.hint;
      if (d.severity >= options.fail_on) {
        out << fmt::format(">\n      <failure type=\"{}\" message=\"{}\">{}</failure>\n    </testcase>\n",
                           to_string(d.severity), xml_escape(d.message), xml_escape(body));
      } else {
        // Below --fail-on: shown, not failed.
        out << fmt::format(">\n      <system-out>{}</system-out>\n    </testcase>\n", xml_escape(body));
      }
    }
    out << "  </testsuite>\n";
  }
  out << "</testsuites>\n";
}

}  // namespace mlmon
