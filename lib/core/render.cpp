#include "core/render.hpp"

namespace mlmon {

std::optional<OutputFormat> parse_output_format(std::string_view name) {
  if (name == "text") return OutputFormat::Text;
  if (name == "json") return OutputFormat::Json;
  if (name == "github") return OutputFormat::Github;
  return std::nullopt;
}

void render(const Report& report, OutputFormat format, std::ostream& out, const TextStyle& style) {
  switch (format) {
    case OutputFormat::Text: render_text(report, out, style); break;
    case OutputFormat::Json: render_json(report, out); break;
    case OutputFormat::Github: render_github(report, out); break;
  }
}

}  // namespace mlmon
