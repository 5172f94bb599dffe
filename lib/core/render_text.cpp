#include <string>

#include "core/render.hpp"
#include "core/terminal_text.hpp"

namespace mlmon {

namespace {

constexpr std::string_view kBold = "\x1b[1m";
constexpr std::string_view kReset = "\x1b[0m";
constexpr std::string_view kGreen = "\x1b[32m";

std::string_view severity_colour(Severity s) {
  switch (s) {
    case Severity::Error: return "\x1b[1;31m";
    case Severity::Warning: return "\x1b[1;35m";
    case Severity::Info: return "\x1b[1;36m";
  }
  return "";
}

// Tabs are kept in the quoted line and copied under it, so the caret lines up in any tab width;
// a character shown as an escape (`\x1b`) is as wide as its escape.
std::string caret_line(std::string_view line, int col) {
  std::string out;
  int chars = 1;
  for (std::size_t i = 0; i < line.size() && chars < col;) {
    std::size_t bytes = 1;
    const std::size_t extra = escape_extra_width(line, i, bytes);
    out += (line[i] == '\t') ? '\t' : ' ';
    out.append(extra, ' ');
    i += bytes;
    ++chars;
  }
  for (; chars < col; ++chars) out += ' ';
  out += '^';
  return out;
}

}  // namespace

void render_text(const Report& report, std::ostream& out, const TextStyle& style) {
  auto paint = [&](std::string_view code, std::string_view text) {
    if (style.color) out << code << text << kReset;
    else out << text;
  };
  for (const Diagnostic& d : report.sorted()) {
    std::string where = escape_controls(d.file);
    if (d.pos.known()) where += ":" + std::to_string(d.pos.line) + ":" + std::to_string(d.pos.col);
    paint(kBold, where + ":");
    out << ' ';
    paint(severity_colour(d.severity), std::string(to_string(d.severity)) + ":");
    out << ' ' << escape_controls(d.message);
    if (!d.rule_id.empty()) out << " [" << d.rule_id << "]";
    out << '\n';
    const SourceFile* src = report.source(d.file);
    if (style.show_source && src != nullptr && d.pos.known()) {
      const std::string_view line = src->line_text(d.pos.line);
      // Very long lines (minified JSON) are not quoted: they would drown the message.
      if (!line.empty() && line.size() <= 500) {
        out << "  " << escape_controls(line) << '\n' << "  ";
        paint(kGreen, caret_line(line, d.pos.col));
        out << '\n';
      }
    }
    if (!d.hint.empty()) out << "  hint: " << escape_controls(d.hint) << '\n';
  }
}

}  // namespace mlmon
