#include "ruletest/junit.hpp"

#include "promql/go_format.hpp"

namespace mlmon::ruletest {

namespace {

// encoding/xml's EscapeText: also quotes, tabs and line breaks; characters XML cannot hold (and
// bytes that are not UTF-8) become U+FFFD.
std::string xml_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) {
    const auto r = promql::go::decode_rune(s, i);
    const char32_t c = r.value;
    const bool invalid = (c == promql::go::kRuneError && r.width == 1);
    switch (c) {
      case '"': out += "&#34;"; break;
      case '\'': out += "&#39;"; break;
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '\t': out += "&#x9;"; break;
      case '\n': out += "&#xA;"; break;
      case '\r': out += "&#xD;"; break;
      default: {
        const bool in_range = c == 0x09 || c == 0x0A || c == 0x0D || (c >= 0x20 && c <= 0xD7FF) ||
                              (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
        if (invalid || !in_range) {
          out += "\xEF\xBF\xBD";
        } else {
          out.append(s, i, r.width);
        }
      }
    }
    i += r.width;
  }
  return out;
}

struct Case {
  std::string name;
  std::vector<std::string> failures;
  std::string error;
};

}  // namespace

std::string junit_xml(const std::vector<FileResult>& results) {
  std::string out = "<testsuites>";
  for (const FileResult& r : results) {
    std::vector<Case> cases;
    std::size_t failures = 0;
    std::size_t errors = 0;
    if (r.abort) {
      cases.push_back({"unknown", {}, r.abort->promtool_text});
      errors = 1;
    } else {
      if (!r.file_failures.empty()) {
        Case c{"rule_files", {}, {}};
        for (const Failure& f : r.file_failures) c.failures.push_back(f.promtool_text);
        failures += c.failures.size();
        cases.push_back(std::move(c));
      }
      for (const GroupResult& g : r.groups) {
        Case c{g.name, {}, {}};
        for (const Failure& f : g.failures) c.failures.push_back(f.promtool_text);
        failures += c.failures.size();
        cases.push_back(std::move(c));
      }
    }
    out += "<testsuite name=\"" + xml_escape(r.path) + "\" tests=\"" + std::to_string(cases.size()) + "\" failures=\"" +
           std::to_string(failures) + "\" errors=\"" + std::to_string(errors) + "\" skipped=\"0\" timestamp=\"" +
           xml_escape(r.timestamp) + "\">";
    for (const Case& c : cases) {
      out += "<testcase name=\"" + xml_escape(c.name) + "\">";
      for (const std::string& f : c.failures) out += "<failure>" + xml_escape(f) + "</failure>";
      if (!c.error.empty()) out += "<error>" + xml_escape(c.error) + "</error>";
      out += "</testcase>";
    }
    out += "</testsuite>";
  }
  out += "</testsuites>";
  return out;
}

}  // namespace mlmon::ruletest
