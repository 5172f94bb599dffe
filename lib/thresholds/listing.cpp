#include "thresholds/listing.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <array>
#include <cmath>

namespace mlmon::thresholds {

namespace {

constexpr std::size_t kColumns = 7;
using Row = std::array<std::string, kColumns>;

std::string comparison_text(const Threshold& t) { return t.site.literal_on_left ? t.op + " (left)" : t.op; }

std::string or_dash(const std::string& s) { return s.empty() ? "-" : s; }

}  // namespace

void render_table(const Inventory& inventory, std::ostream& out) {
  std::vector<Row> rows;
  rows.push_back({"ALERT", "GROUP", "LOCATION", "COMPARISON", "THRESHOLD", "FOR", "SEVERITY"});
  for (const Alert& alert : inventory.alerts) {
    const std::string location = alert.location();
    if (alert.thresholds.empty()) {
      rows.push_back({alert.name, alert.group->name, location, "-",
                      alert.expr_error.empty() ? "none" : "(expr does not parse)", or_dash(alert.for_text),
                      or_dash(alert.severity)});
      continue;
    }
    for (const Threshold& t : alert.thresholds) {
      const std::string name = alert.thresholds.size() > 1 ? fmt::format("{}[{}]", alert.name, t.index) : alert.name;
      rows.push_back({name, alert.group->name, location, comparison_text(t), t.text, or_dash(alert.for_text),
                      or_dash(alert.severity)});
    }
  }
  std::array<std::size_t, kColumns> widths{};
  for (const Row& row : rows) {
    for (std::size_t c = 0; c < kColumns; ++c) widths[c] = std::max(widths[c], utf8_length(row[c]));
  }
  for (const Row& row : rows) {
    std::string line;
    for (std::size_t c = 0; c < kColumns; ++c) {
      line += row[c];
      if (c + 1 < kColumns) line += std::string(widths[c] - utf8_length(row[c]) + 2, ' ');
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << line << "\n";
  }
}

void render_json(const Inventory& inventory, std::ostream& out) {
  nlohmann::ordered_json alerts = nlohmann::ordered_json::array();
  for (const Alert& alert : inventory.alerts) {
    nlohmann::ordered_json a;
    a["alert"] = alert.name;
    a["group"] = alert.group->name;
    if (!alert.group->resource.empty()) a["resource"] = alert.group->resource;
    a["file"] = alert.file->path();
    a["line"] = alert.pos.line;
    a["for"] = alert.for_text.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(alert.for_text);
    a["severity"] = alert.severity.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(alert.severity);
    nlohmann::ordered_json thresholds = nlohmann::ordered_json::array();
    for (const Threshold& t : alert.thresholds) {
      nlohmann::ordered_json j;
      j["index"] = t.index;
      j["op"] = std::string(promql::to_string(t.site.comparison->op));
      j["bool"] = t.site.comparison->return_bool;
      j["side"] = t.site.literal_on_left ? "left" : "right";
      j["threshold"] = t.text;
      j["value"] = std::isfinite(t.value) ? nlohmann::ordered_json(t.value) : nlohmann::ordered_json();
      j["line"] = t.pos.line;
      j["column"] = t.pos.col;
      thresholds.push_back(std::move(j));
    }
    a["thresholds"] = std::move(thresholds);
    if (!alert.expr_error.empty()) a["error"] = alert.expr_error;
    alerts.push_back(std::move(a));
  }
  nlohmann::ordered_json doc;
  doc["alerts"] = std::move(alerts);
  // A path is bytes, not always UTF-8: replaced (U+FFFD), as json's strict dump would throw.
  out << doc.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << "\n";
}

}  // namespace mlmon::thresholds
