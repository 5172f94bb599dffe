#pragma once
// Go's rules for the spelling of number literals that strconv and its users share.
#include <string_view>

namespace mlmon::go {

/// strconv's underscoreOK: underscores only between digits, or between a base prefix (0b, 0o, 0x)
/// and a digit; a leading sign is allowed. Whether the rest is a number is the caller's business.
bool underscores_ok(std::string_view s);

}  // namespace mlmon::go
