#pragma once
#include <string>
#include <string_view>

namespace mlmon::yaml {

/// The string as Go's strconv.Quote (and fmt's %q / %#v) prints it: double quotes, `\"`, `\\`,
/// `\n`-style escapes for control characters, `\x..` for invalid UTF-8 bytes, other characters
/// as they are. For messages in Go tools' own words, e.g. `mapping key "x" already defined`.
std::string go_quote(std::string_view text);

}  // namespace mlmon::yaml
