#pragma once
#include <string>
#include <vector>

namespace mlmon::thresholds {

/// A file to replace: the content it was planned from, and the new content.
struct FileWrite {
  std::string path;
  std::string old_text;
  std::string new_text;
};

/// Writes every file or none. First each file is checked: a regular file (not a symbolic link),
/// writable (mode bits, so even root does not overwrite a read-only file), in a writable
/// directory, and still holding `old_text` (else it changed on disk since it was read). Then
/// each is replaced atomically (temporary file beside it, fsync, rename, mode kept); if one
/// write fails, the files already written get their old content back. Returns every problem;
/// empty on success.
std::vector<std::string> write_files(const std::vector<FileWrite>& files);

}  // namespace mlmon::thresholds
