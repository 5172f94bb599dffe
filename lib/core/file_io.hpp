#pragma once
#include <cstddef>
#include <string>

#include "core/result.hpp"

namespace mlmon {

/// Inputs larger than this are refused rather than read (a guard against /dev/zero and mistakes).
inline constexpr std::size_t kMaxInputBytes = std::size_t{512} << 20;

/// Reads a whole file; "-" reads standard input. Errors name the path and the reason.
Result<std::string> read_file(const std::string& path);

/// Writes atomically: a temporary file in the same directory, fsync, then rename over the
/// target, keeping the target's permission bits (or `new_file_mode` for a new file).
/// On any failure the original is untouched and the temporary file removed.
Result<void> write_file_atomic(const std::string& path, std::string_view content, unsigned new_file_mode = 0644);

}  // namespace mlmon
