#include "core/file_io.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <iterator>

namespace mlmon {

namespace {

std::string errno_text() { return std::strerror(errno); }

/// `size_hint`: the file's size when known, so the text is allocated once (growing it by doubling
/// would hold up to twice the file in memory).
Result<std::string> read_fd(int fd, const std::string& path, std::size_t size_hint = 0) {
  std::string data;
  data.reserve(std::min<std::size_t>(size_hint, kMaxInputBytes) + 1);
  char buffer[1 << 16];
  for (;;) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      return fail(path + ": cannot read: " + errno_text());
    }
    data.append(buffer, static_cast<std::size_t>(n));
    if (data.size() > kMaxInputBytes) {
      return fail(path + ": file is larger than " + std::to_string(kMaxInputBytes >> 20) + " MiB; refusing to read it");
    }
  }
  return data;
}

}  // namespace

Result<std::string> read_file(const std::string& path) {
  if (path == "-") return read_fd(STDIN_FILENO, "<stdin>");
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return fail(path + ": cannot open: " + errno_text());
  struct stat st{};
  if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    ::close(fd);
    return fail(path + ": is a directory, not a file");
  }
  const bool regular = S_ISREG(st.st_mode);
  auto result = read_fd(fd, path, regular ? static_cast<std::size_t>(st.st_size) : 0);
  ::close(fd);
  return result;
}

Result<void> write_file_atomic(const std::string& path, std::string_view content, unsigned new_file_mode) {
  namespace fs = std::filesystem;
  const fs::path target(path);
  mode_t mode = static_cast<mode_t>(new_file_mode);
  struct stat st{};
  if (::stat(path.c_str(), &st) == 0) {
    if (!S_ISREG(st.st_mode)) return fail(path + ": not a regular file; refusing to replace it");
    mode = st.st_mode & 07777;
  }
  const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  std::string temp = (dir / ("." + target.filename().string() + ".mlmon-XXXXXX")).string();
  const int fd = ::mkstemp(temp.data());
  if (fd < 0) return fail(path + ": cannot create a temporary file beside it: " + errno_text());
  auto abandon = [&](std::string why) {
    ::close(fd);
    ::unlink(temp.c_str());
    return fail(path + ": " + why + "; the original is unchanged");
  };
  std::size_t written = 0;
  while (written < content.size()) {
    const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      return abandon("cannot write: " + errno_text());
    }
    written += static_cast<std::size_t>(n);
  }
  if (::fchmod(fd, mode) != 0) return abandon("cannot set permissions: " + errno_text());
  if (::fsync(fd) != 0) return abandon("cannot flush to disk: " + errno_text());
  if (::close(fd) != 0) {
    ::unlink(temp.c_str());
    return fail(path + ": cannot close the temporary file: " + errno_text() + "; the original is unchanged");
  }
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    const std::string why = errno_text();
    ::unlink(temp.c_str());
    return fail(path + ": cannot replace the file: " + why + "; the original is unchanged");
  }
  // The rename is durable only once the directory entry is flushed too.
  const int dir_fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd >= 0) {
    ::fsync(dir_fd);
    ::close(dir_fd);
  }
  return {};
}

}  // namespace mlmon
