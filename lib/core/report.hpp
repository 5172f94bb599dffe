#pragma once
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/source_file.hpp"

namespace mlmon {

/// Which files a run looked at: so that a clean report cannot hide that a file was left out.
struct FileAccount {
  std::vector<std::pair<std::string, std::size_t>> checked;  ///< kind ("rule file"), how many
  std::vector<std::pair<std::string, std::string>> skipped;  ///< path, what it is
};

/// Every finding of one run, with the sources they point into (the text renderer shows the line).
/// Checks add to it; renderers read it sorted.
class Report {
 public:
  /// What the machine-readable renderers list besides the findings (text prints its own summary).
  void set_files(FileAccount files) { files_ = std::move(files); }
  const std::optional<FileAccount>& files() const { return files_; }

  void add(Diagnostic d) { diagnostics_.push_back(std::move(d)); }
  /// Registers a file so renderers can quote its lines.
  void add_source(SourceFilePtr file) { sources_[file->path()] = std::move(file); }

  /// Sorted by file, line, column, then rule id; exact duplicates removed.
  std::vector<Diagnostic> sorted() const;
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }
  const SourceFile* source(const std::string& path) const;
  /// The paths of the registered sources, sorted: the files a run read.
  std::vector<std::string> source_paths() const;
  /// Drops the findings below `severity` (the sources stay).
  void remove_below(Severity severity) {
    std::erase_if(diagnostics_, [severity](const Diagnostic& d) { return d.severity < severity; });
  }

  std::size_t count(Severity at_least) const;
  bool empty() const { return diagnostics_.empty(); }

 private:
  std::vector<Diagnostic> diagnostics_;
  std::map<std::string, SourceFilePtr> sources_;
  std::optional<FileAccount> files_;
};

}  // namespace mlmon
