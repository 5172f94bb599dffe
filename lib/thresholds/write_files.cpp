#include "thresholds/write_files.hpp"

#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "core/file_io.hpp"

namespace mlmon::thresholds {

namespace {

// Why `file` may not be replaced now, or "" when it may.
std::string refusal(const FileWrite& file) {
  struct stat st{};
  if (::lstat(file.path.c_str(), &st) != 0) return fmt::format("{}: cannot stat: {}", file.path, std::strerror(errno));
  if (S_ISLNK(st.st_mode)) {
    std::error_code ec;
    const auto target = std::filesystem::canonical(file.path, ec);
    return fmt::format("{}: is a symbolic link; run the command on the file it points to{}", file.path,
                       ec ? "" : " (" + target.string() + ")");
  }
  if (!S_ISREG(st.st_mode)) return fmt::format("{}: not a regular file", file.path);
  if ((st.st_mode & 0222) == 0 || ::access(file.path.c_str(), W_OK) != 0) {
    return fmt::format("{}: the file is read-only", file.path);
  }
  const std::filesystem::path dir = std::filesystem::path(file.path).has_parent_path()
                                        ? std::filesystem::path(file.path).parent_path()
                                        : std::filesystem::path(".");
  if (::access(dir.c_str(), W_OK) != 0) {
    return fmt::format("{}: cannot write in directory {}: {}", file.path, dir.string(), std::strerror(errno));
  }
  auto current = read_file(file.path);
  if (!current) return current.error().message;
  if (*current != file.old_text)
    return fmt::format("{}: the file changed on disk since it was read; run again", file.path);
  return {};
}

}  // namespace

std::vector<std::string> write_files(const std::vector<FileWrite>& files) {
  std::vector<std::string> problems;
  for (const FileWrite& file : files) {
    if (auto why = refusal(file); !why.empty()) problems.push_back(std::move(why));
  }
  if (!problems.empty()) return problems;
  for (std::size_t i = 0; i < files.size(); ++i) {
    // Checked again right before the write, to narrow the window for a concurrent editor.
    std::string why = refusal(files[i]);
    if (why.empty()) {
      if (auto written = write_file_atomic(files[i].path, files[i].new_text); !written) why = written.error().message;
    }
    if (why.empty()) continue;
    problems.push_back(std::move(why));
    for (std::size_t j = 0; j < i; ++j) {
      if (auto restored = write_file_atomic(files[j].path, files[j].old_text); !restored) {
        problems.push_back(fmt::format("{} (while restoring it after the failure above)", restored.error().message));
      } else {
        problems.push_back(fmt::format("{}: restored to its previous content", files[j].path));
      }
    }
    break;
  }
  return problems;
}

}  // namespace mlmon::thresholds
