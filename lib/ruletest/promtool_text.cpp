#include "ruletest/promtool_text.hpp"

#include <charconv>
#include <cmath>

#include "core/go_quote.hpp"
#include "ruletest/json_diff.hpp"

namespace mlmon::ruletest {

std::string format_float_E(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
  char buf[64];
  const auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific);
  std::string s(buf, r.ptr);
  // C++ writes the shortest round-trip digits as Go does; only the exponent letter differs.
  for (char& c : s) {
    if (c == 'e') c = 'E';
  }
  return s;
}

std::string indent_lines(const std::string& text, const std::string& indent) {
  std::string out;
  std::size_t start = 0;
  bool first = true;
  for (;;) {
    const std::size_t nl = text.find('\n', start);
    if (!first) out += indent;
    first = false;
    out.append(text, start, nl == std::string::npos ? std::string::npos : nl - start);
    if (nl == std::string::npos) break;
    out += '\n';
    start = nl + 1;
  }
  return out;
}

namespace {

// labelsAndAnnotations.String().
std::string alerts_text(const std::vector<AlertValue>& alerts) {
  if (alerts.empty()) return "[]";
  std::string out = "[";
  for (std::size_t i = 0; i < alerts.size(); ++i) {
    out += i == 0 ? "\n" : ",\n";
    out += std::to_string(i) + ":";
    const std::string item =
        "\nLabels:" + alerts[i].labels.to_string() + "\nAnnotations:" + alerts[i].annotations.to_string();
    out += indent_lines(item, "  ");
  }
  out += "\n]";
  return out;
}

nlohmann::json to_json(const engine::Labels& labels) {
  nlohmann::json o = nlohmann::json::object();
  for (const engine::Label& l : labels.items()) o[l.name] = l.value;
  return o;
}

// What json.Marshal makes of the alerts, with promtool's stand-in for an empty list.
nlohmann::json alerts_json(const std::vector<AlertValue>& alerts) {
  nlohmann::json a = nlohmann::json::array();
  for (const AlertValue& v : alerts)
    a.push_back({{"Labels", to_json(v.labels)}, {"Annotations", to_json(v.annotations)}});
  if (alerts.empty()) a.push_back({{"Labels", nlohmann::json::object()}, {"Annotations", nlohmann::json::object()}});
  return a;
}

std::string samples_text(const std::vector<SampleValue>& samples) {
  if (samples.empty()) return "nil";
  std::string out;
  for (std::size_t i = 0; i < samples.size(); ++i) {
    if (i > 0) out += ", ";
    out += samples[i].labels.to_string() + " ";
    out += samples[i].histogram.empty() ? format_float_E(samples[i].value) : samples[i].histogram;
  }
  return out;
}

}  // namespace

std::optional<std::string> alert_failure_text(const std::string& name_line, const std::string& alertname,
                                              const std::string& time, const std::vector<AlertValue>& expected,
                                              const std::vector<AlertValue>& got, bool diff) {
  const std::string head = name_line + "    alertname: " + alertname + ", time: " + time + ", \n";
  if (diff) {
    const JsonDiff d = json_diff(alerts_json(expected), alerts_json(got));
    if (d.full_match) return std::nullopt;
    return head + "        diff: " + indent_lines(d.text, "            ");
  }
  const std::string indent(12, ' ');
  return head + "        exp:" + indent_lines(alerts_text(expected), indent) +
         ", \n        got:" + indent_lines(alerts_text(got), indent);
}

std::string expr_failure_text(const std::string& expr, const std::string& time,
                              const std::vector<SampleValue>& expected, const std::vector<SampleValue>& got) {
  return "    expr: " + go::quote(expr) + ", time: " + time + ",\n        exp: " + samples_text(expected) +
         "\n        got: " + samples_text(got);
}

}  // namespace mlmon::ruletest
