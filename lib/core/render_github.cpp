#include <string>

#include "core/render.hpp"
#include "core/terminal_text.hpp"

namespace mlmon {

namespace {

// Escaping rules of GitHub workflow commands: data escapes %, CR, LF; properties also ':' and ','.
// Other control characters would reach the log viewer, which acts on ANSI sequences: they are
// shown as escapes first (CR and LF stay, for the runner's own escapes).
std::string escape_data(std::string_view text) {
  std::string out;
  std::string visible;
  for (std::size_t start = 0; start <= text.size();) {
    const std::size_t brk = text.find_first_of("\r\n", start);
    visible +=
        escape_controls(text.substr(start, brk == std::string_view::npos ? std::string_view::npos : brk - start));
    if (brk == std::string_view::npos) break;
    visible += text[brk];
    start = brk + 1;
  }
  for (char c : visible) {
    switch (c) {
      case '%': out += "%25"; break;
      case '\r': out += "%0D"; break;
      case '\n': out += "%0A"; break;
      default: out += c;
    }
  }
  return out;
}

std::string escape_property(std::string_view text) {
  std::string out;
  for (char c : escape_data(text)) {
    if (c == ':') out += "%3A";
    else if (c == ',') out += "%2C";
    else out += c;
  }
  return out;
}

std::string_view command_for(Severity s) {
  switch (s) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Info: return "notice";
  }
  return "error";
}

}  // namespace

void render_github(const Report& report, std::ostream& out) {
  for (const Diagnostic& d : report.sorted()) {
    out << "::" << command_for(d.severity) << " file=" << escape_property(d.file);
    if (d.pos.known()) out << ",line=" << d.pos.line << ",col=" << d.pos.col;
    if (!d.rule_id.empty()) out << ",title=" << escape_property(d.rule_id);
    std::string message = d.message;
    if (!d.hint.empty()) message += "\n" + d.hint;
    out << "::" << escape_data(message) << '\n';
  }
}

}  // namespace mlmon
