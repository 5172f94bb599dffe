#pragma once
// Prometheus's toUpper, toLower (Go's strings.ToUpper/ToLower: Unicode simple case mappings,
// invalid UTF-8 becomes U+FFFD) and title (golang.org/x/text/cases Title with NoLower: the first
// cased letter of each word title-cased, the rest kept). Case mappings come from the C library's
// Unicode tables (C.UTF-8); without them only ASCII letters change case.
#include <string>
#include <string_view>

namespace mlmon::gotemplate {

std::string to_upper(std::string_view s);
std::string to_lower(std::string_view s);
std::string to_title(std::string_view s);

}  // namespace mlmon::gotemplate
