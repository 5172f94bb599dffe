#include "ruletest/report.hpp"

#include <cmath>

#include "promql/duration.hpp"
#include "ruletest/failure_diff.hpp"
#include "ruletest/findings.hpp"

namespace mlmon::ruletest {

namespace {

using ojson = nlohmann::ordered_json;

ojson labels_json(const engine::Labels& labels) {
  ojson o = ojson::object();
  for (const engine::Label& l : labels.items()) o[l.name] = l.value;
  return o;
}

// JSON has no NaN or infinities: those values are written as Prometheus writes them, as strings.
ojson number_json(double v) {
  if (std::isfinite(v)) return v;
  return std::isnan(v) ? "NaN" : (v > 0 ? "+Inf" : "-Inf");
}

ojson failure_json(const Failure& f) {
  ojson j;
  j["kind"] = std::string(to_string(f.kind));
  j["message"] = f.message;
  j["file"] = f.file;
  j["line"] = f.pos.line;
  j["col"] = f.pos.col;
  if (f.kind == FailureKind::Alert || !f.alertname.empty()) {
    j["alertname"] = f.alertname;
    j["eval_time"] = promql::format_duration_ms(f.eval_time_ms);
  }
  if (!f.expr.empty()) {
    j["expr"] = f.expr;
    j["eval_time"] = promql::format_duration_ms(f.eval_time_ms);
  }
  if (f.kind == FailureKind::Alert) {
    for (const auto* list : {&f.expected_alerts, &f.got_alerts}) {
      ojson a = ojson::array();
      for (const AlertValue& v : *list)
        a.push_back({{"labels", labels_json(v.labels)}, {"annotations", labels_json(v.annotations)}});
      j[list == &f.expected_alerts ? "expected" : "got"] = std::move(a);
    }
  }
  if (f.kind == FailureKind::Expr) {
    for (const auto* list : {&f.expected_samples, &f.got_samples}) {
      ojson a = ojson::array();
      for (const SampleValue& v : *list)
        a.push_back({{"labels", labels_json(v.labels)}, {"value", number_json(v.value)}});
      j[list == &f.expected_samples ? "expected" : "got"] = std::move(a);
    }
  }
  if (f.kind == FailureKind::Alert || f.kind == FailureKind::Expr) j["diff"] = readable_diff(f);
  if (!f.details.empty()) {
    ojson details = ojson::array();
    for (const Diagnostic& d : f.details) {
      details.push_back(
          {{"file", d.file}, {"line", d.pos.line}, {"col", d.pos.col}, {"rule", d.rule_id}, {"message", d.message}});
    }
    j["details"] = std::move(details);
  }
  j["promtool"] = f.promtool_text;
  return j;
}

std::size_t group_count(const std::vector<FileResult>& results, bool passed) {
  std::size_t n = 0;
  for (const FileResult& r : results) {
    for (const GroupResult& g : r.groups) n += g.passed() == passed ? 1 : 0;
  }
  return n;
}

}  // namespace

nlohmann::ordered_json json_report(const std::vector<FileResult>& results, const std::optional<Coverage>& coverage) {
  ojson doc;
  ojson groups = ojson::array();
  ojson files = ojson::array();
  for (const FileResult& r : results) {
    ojson file;
    file["file"] = r.path;
    file["passed"] = r.passed();
    ojson errors = ojson::array();
    if (r.abort) {
      if (r.abort_details.empty()) errors.push_back(failure_json(*r.abort));
      for (const Failure& f : r.abort_details) errors.push_back(failure_json(f));
    }
    for (const Failure& f : r.file_failures) errors.push_back(failure_json(f));
    file["errors"] = std::move(errors);
    file["warnings"] = r.warnings;
    files.push_back(std::move(file));
    for (const GroupResult& g : r.groups) {
      ojson group;
      group["file"] = r.path;
      group["name"] = g.name;
      group["index"] = g.index;
      group["line"] = g.pos.line;
      group["passed"] = g.passed();
      ojson failures = ojson::array();
      for (const Failure& f : g.failures) {
        if (!f.repeat) failures.push_back(failure_json(f));
      }
      group["failures"] = std::move(failures);
      groups.push_back(std::move(group));
    }
  }
  doc["groups"] = std::move(groups);
  doc["files"] = std::move(files);
  doc["passed"] = group_count(results, true);
  doc["failed"] = group_count(results, false);
  if (coverage) {
    ojson c;
    c["rules"] = coverage->rules.size();
    c["asserted"] = coverage->covered();
    c["percent"] = coverage->percent();
    ojson missing = ojson::array();
    for (const RuleCoverage& r : coverage->rules) {
      if (r.covered) continue;
      missing.push_back({{"kind", r.alerting ? "alerting" : "recording"},
                         {"name", r.name},
                         {"group", r.group},
                         {"file", r.file},
                         {"line", r.pos.line}});
    }
    c["not_asserted"] = std::move(missing);
    doc["coverage"] = std::move(c);
  }
  return doc;
}

std::string summary_line(const std::vector<FileResult>& results) {
  std::size_t broken = 0;
  for (const FileResult& r : results) broken += r.abort || !r.file_failures.empty() ? 1 : 0;
  const std::size_t passed = group_count(results, true);
  const std::size_t failed = group_count(results, false);
  auto plural = [](std::size_t n, const char* noun) { return std::to_string(n) + " " + noun + (n == 1 ? "" : "s"); };
  std::string out = plural(results.size(), "file") + ", " + plural(passed + failed, "test group") + ": " +
                    std::to_string(passed) + " passed, " + std::to_string(failed) + " failed";
  if (broken > 0) out += "; " + plural(broken, "file") + " with errors of their own";
  return out;
}

std::string text_report(const std::vector<FileResult>& results) {
  std::string out;
  auto line = [&](const Failure& f, const std::string& context) {
    out += f.file;
    if (f.pos.known()) out += ":" + std::to_string(f.pos.line) + ":" + std::to_string(f.pos.col);
    out += ": error: " + f.message + context + " [" + std::string(rule_id(f.kind)) + "]\n";
    for (const std::string& d : readable_diff(f)) out += "    " + d + "\n";
    for (const Diagnostic& d : f.details) {
      out += "    " + d.file;
      if (d.pos.known()) out += ":" + std::to_string(d.pos.line) + ":" + std::to_string(d.pos.col);
      out += ": " + d.message + "\n";
    }
  };
  for (const FileResult& r : results) {
    for (const std::string& w : r.warnings) out += r.path + ": warning: " + w.substr(w.find_first_not_of(' ')) + "\n";
    if (r.abort) {
      if (r.abort_details.empty()) line(*r.abort, "");
      for (const Failure& f : r.abort_details) line(f, "");
    }
    for (const Failure& f : r.file_failures) line(f, "");
    for (const GroupResult& g : r.groups) {
      for (const Failure& f : g.failures) {
        if (!f.repeat) line(f, " (test group " + g.name + ")");
      }
    }
  }
  out += summary_line(results) + "\n";
  return out;
}

}  // namespace mlmon::ruletest
