#pragma once
#include <map>
#include <string>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/source_file.hpp"

namespace mlmon {

/// Every finding of one run, with the sources they point into (the text renderer shows the line).
/// Checks add to it; renderers read it sorted.
class Report {
 public:
  void add(Diagnostic d) { diagnostics_.push_back(std::move(d)); }
  /// Registers a file so renderers can quote its lines.
  void add_source(SourceFilePtr file) { sources_[file->path()] = std::move(file); }

  /// Sorted by file, line, column, then rule id; exact duplicates removed.
  std::vector<Diagnostic> sorted() const;
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }
  const SourceFile* source(const std::string& path) const;
  /// Drops the findings below `severity` (the sources stay).
  void remove_below(Severity severity) {
    std::erase_if(diagnostics_, [severity](const Diagnostic& d) { return d.severity < severity; });
  }

  std::size_t count(Severity at_least) const;
  bool empty() const { return diagnostics_.empty(); }

 private:
  std::vector<Diagnostic> diagnostics_;
  std::map<std::string, SourceFilePtr> sources_;
};

}  // namespace mlmon
