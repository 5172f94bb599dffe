#include "core/render.hpp"

namespace mlmon {

std::optional<OutputFormat> parse_output_format(std::string_view name) {
  if (name == "text") return OutputFormat::Text;
  if (name == "json") return OutputFormat::Json;
  if (name == "github") return OutputFormat::Github;
  if (name == "sarif") return OutputFormat::Sarif;
  if (name == "junit") return OutputFormat::Junit;
  if (name == "codeclimate") return OutputFormat::CodeClimate;
  return std::nullopt;
}

std::vector<std::string> output_format_names() { return {"text", "json", "github", "sarif", "junit", "codeclimate"}; }

void render(const Report& report, OutputFormat format, std::ostream& out, const TextStyle& style) {
  RenderOptions options;
  options.style = style;
  render(report, format, out, options);
}

void render(const Report& report, OutputFormat format, std::ostream& out, const RenderOptions& options) {
  switch (format) {
    case OutputFormat::Text: render_text(report, out, options.style); break;
    case OutputFormat::Json: render_json(report, out); break;
    case OutputFormat::Github: render_github(report, out); break;
    case OutputFormat::Sarif: render_sarif(report, out, options); break;
    case OutputFormat::Junit: render_junit(report, out, options); break;
    case OutputFormat::CodeClimate: render_codeclimate(report, out); break;
  }
}

}  // namespace mlmon
