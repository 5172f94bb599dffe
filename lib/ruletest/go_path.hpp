// Go's path/filepath on Unix, for the file names promtool prints: a test file's `rule_files` are
// joined to its directory and globbed (filepath.Join, filepath.Glob), so `tests/../r.yml` is
// printed as `r.yml` and `rules/*.yml` matches in sorted order, dot files included.
#pragma once

#include <expected>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace mlmon::ruletest::gopath {

std::string clean(std::string_view path);                  // filepath.Clean
std::string join(std::string_view a, std::string_view b);  // filepath.Join of two elements
std::string dir(std::string_view path);                    // filepath.Dir
bool is_abs(std::string_view path);                        // filepath.IsAbs

// filepath.Match: true/false, or "syntax error in pattern" (ErrBadPattern).
std::expected<bool, std::string> match(std::string_view pattern, std::string_view name);

// filepath.Glob: matching paths, sorted per directory level; a pattern without metacharacters
// gives itself when it exists. An unreadable directory matches nothing, as in Go.
std::expected<std::vector<std::string>, std::string> glob(std::string_view pattern);

// os.ReadFile, with Go's error text: "open r.yml: no such file or directory".
Result<std::string> read_file(const std::string& path);

}  // namespace mlmon::ruletest::gopath
