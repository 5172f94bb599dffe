#pragma once
#include <optional>
#include <ostream>
#include <string_view>

#include "core/report.hpp"

namespace mlmon {

enum class OutputFormat { Text, Json, Github };
std::optional<OutputFormat> parse_output_format(std::string_view);

struct TextStyle {
  bool color = false;        ///< ANSI colours (a TTY, or --color=always)
  bool show_source = true;   ///< the source line and a caret under the column
};

/// `file:line:col: severity: message [rule-id]`, then the source line and a caret, then `hint: ...`.
void render_text(const Report&, std::ostream&, const TextStyle& = {});
/// {"diagnostics":[{"file","line","column","severity","rule","message","hint"}...],
///  "summary":{"errors":N,"warnings":N,"infos":N}, "files":{"checked":{KIND:N},"skipped":[{"file","kind"}]}}
/// ("files" only when the command accounts for files, as `mlmon check` does)
void render_json(const Report&, std::ostream&);
/// GitHub workflow commands: `::error file=F,line=L,col=C,title=RULE::MESSAGE`, escaped.
void render_github(const Report&, std::ostream&);

void render(const Report&, OutputFormat, std::ostream&, const TextStyle& = {});

}  // namespace mlmon
