#include "gotemplate/gotemplate.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "gotemplate/parser.hpp"

namespace mlmon::gotemplate {

std::string Error::go_message(std::string_view template_name) const {
  if (action_started_line == 0) return message;
  // Go avoids "unclosed action in action started at ...".
  const bool about_action = message.ends_with(" action");
  return fmt::format("{}{} started at {}:{}", message, about_action ? "" : " in action", template_name,
                     action_started_line);
}

std::optional<Error> check(std::string_view text, const Options& options) {
  // Without a left delimiter Go's lexer emits one text item and its parser accepts it: nothing
  // can fail, and most label and annotation values are such plain text.
  if (text.find("{{") == std::string_view::npos) return std::nullopt;
  return parse_template(text, options, false).error;
}

std::optional<Error> check_prometheus_template(std::string_view text) { return check(text, Options{}); }

std::string alert_template_name(std::string_view alert_name) { return fmt::format("__alert_{}", alert_name); }

std::string format_go_error(std::string_view template_name, std::string_view text, const Error& error) {
  std::size_t line = error.line;
  if (line == 0) {
    const std::size_t end = std::min(error.offset, text.size());
    line =
        1 + static_cast<std::size_t>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(end), '\n'));
  }
  return fmt::format("template: {}:{}: {}", template_name, line, error.go_message(template_name));
}

std::vector<LabelRef> referenced_labels(std::string_view text, const Options& options) {
  ParseResult result = parse_template(text, options, true);
  if (result.error) return {};
  return std::move(result.labels);
}

std::vector<LabelRef> referenced_labels(std::string_view text) { return referenced_labels(text, Options{}); }

}  // namespace mlmon::gotemplate
