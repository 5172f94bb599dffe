#pragma once
#include <string>
#include <string_view>

namespace mlmon::thresholds {

/// `diff -u` output between two versions of a file, `context` lines around each change; empty
/// when the texts are equal. Lines are compared with their endings, so a CRLF file shows its
/// `\r` bytes unchanged, and a last line without a newline is marked `\ No newline at end of file`.
/// `label` names the file in the `---`/`+++` header lines.
std::string unified_diff(std::string_view old_text, std::string_view new_text, std::string_view label, int context = 3);

}  // namespace mlmon::thresholds
