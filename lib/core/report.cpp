#include "core/report.hpp"

#include <algorithm>
#include <tuple>

namespace mlmon {

std::string_view to_string(Severity s) {
  switch (s) {
    case Severity::Info: return "info";
    case Severity::Warning: return "warning";
    case Severity::Error: return "error";
  }
  return "error";
}

bool parse_severity(std::string_view text, Severity& out) {
  if (text == "info") out = Severity::Info;
  else if (text == "warning" || text == "warn") out = Severity::Warning;
  else if (text == "error") out = Severity::Error;
  else return false;
  return true;
}

static auto sort_key(const Diagnostic& d) { return std::tie(d.file, d.pos.line, d.pos.col, d.rule_id, d.message); }

std::vector<Diagnostic> Report::sorted() const {
  std::vector<Diagnostic> out = diagnostics_;
  std::stable_sort(out.begin(), out.end(),
                   [](const Diagnostic& a, const Diagnostic& b) { return sort_key(a) < sort_key(b); });
  out.erase(std::unique(out.begin(), out.end(),
                        [](const Diagnostic& a, const Diagnostic& b) {
                          return sort_key(a) == sort_key(b) && a.severity == b.severity;
                        }),
            out.end());
  return out;
}

const SourceFile* Report::source(const std::string& path) const {
  auto it = sources_.find(path);
  return it == sources_.end() ? nullptr : it->second.get();
}

std::vector<std::string> Report::source_paths() const {
  std::vector<std::string> paths;
  paths.reserve(sources_.size());
  for (const auto& [path, source] : sources_) paths.push_back(path);
  return paths;
}

std::size_t Report::count(Severity at_least) const {
  return static_cast<std::size_t>(std::count_if(diagnostics_.begin(), diagnostics_.end(),
                                                [&](const Diagnostic& d) { return d.severity >= at_least; }));
}

}  // namespace mlmon
