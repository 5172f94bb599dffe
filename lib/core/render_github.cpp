#include <string>

#include "core/render.hpp"

namespace mlmon {

namespace {

// Escaping rules of GitHub workflow commands: data escapes %, CR, LF; properties also ':' and ','.
std::string escape_data(std::string_view text) {
  std::string out;
  for (char c : text) {
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
