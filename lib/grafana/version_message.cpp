#include "grafana/version_message.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace mlmon::grafana {

namespace fs = std::filesystem;

namespace {

/// Small files only (HEAD, refs, packed-refs); nullopt-like empty string on any failure.
std::string read_small_file(const fs::path& path, std::size_t limit = std::size_t{16} << 20) {
  std::error_code ec;
  auto size = fs::file_size(path, ec);
  if (ec || size > limit) return {};
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string first_line(std::string_view text) {
  std::size_t end = text.find_first_of("\r\n");
  return std::string(text.substr(0, end));
}

bool is_commit_id(std::string_view text) {
  if (text.size() != 40 && text.size() != 64) return false;
  for (char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

/// The git directory for a work tree root: `.git` itself, or where a `.git` file points.
fs::path git_dir_of(const fs::path& dot_git) {
  std::error_code ec;
  if (fs::is_directory(dot_git, ec)) return dot_git;
  std::string line = first_line(read_small_file(dot_git, 4096));
  if (!line.starts_with("gitdir: ")) return {};
  fs::path target = line.substr(8);
  return target.is_absolute() ? target : dot_git.parent_path() / target;
}

std::string resolve_ref(const fs::path& git_dir, const std::string& ref) {
  // A linked work tree keeps HEAD in its own directory and refs in the common one.
  fs::path common = git_dir;
  if (std::string line = first_line(read_small_file(git_dir / "commondir", 4096)); !line.empty()) {
    common = fs::path(line).is_absolute() ? fs::path(line) : git_dir / line;
  }
  for (const fs::path& dir : {git_dir, common}) {
    std::string id = first_line(read_small_file(dir / ref, 4096));
    if (is_commit_id(id)) return id;
  }
  std::istringstream packed(read_small_file(common / "packed-refs"));
  std::string line;
  while (std::getline(packed, line)) {
    if (line.size() > 41 && line.compare(41, std::string::npos, ref) == 0 && is_commit_id(line.substr(0, 40))) {
      return line.substr(0, 40);
    }
  }
  return {};
}

}  // namespace

std::string version_message(std::string_view custom, std::string_view file, std::string_view commit) {
  std::string message;
  if (!custom.empty()) {
    message = custom.starts_with(kMessageMarker) ? std::string(custom) : fmt::format("{} {}", kMessageMarker, custom);
  } else if (!commit.empty()) {
    message = fmt::format("{} {} @ {}", kMessageMarker, file, commit);
  } else {
    message = fmt::format("{} {}", kMessageMarker, file);
  }
  if (message.size() > kMaxMessageBytes) {
    std::size_t cut = kMaxMessageBytes;
    while (cut > 0 && (static_cast<unsigned char>(message[cut]) & 0xC0) == 0x80) --cut;
    message.resize(cut);
  }
  return message;
}

bool is_mlmon_message(std::string_view message) { return message.starts_with(kMessageMarker); }

std::string git_head_commit(const std::string& path) {
  std::error_code ec;
  fs::path dir = fs::absolute(path, ec);
  if (ec) return {};
  if (!fs::is_directory(dir, ec)) dir = dir.parent_path();
  for (int level = 0; level < 128 && !dir.empty(); ++level) {
    fs::path dot_git = dir / ".git";
    if (fs::exists(dot_git, ec)) {
      fs::path git_dir = git_dir_of(dot_git);
      if (git_dir.empty()) return {};
      std::string head = first_line(read_small_file(git_dir / "HEAD", 4096));
      std::string id = head.starts_with("ref: ") ? resolve_ref(git_dir, head.substr(5)) : head;
      return is_commit_id(id) ? id.substr(0, 12) : std::string();
    }
    if (dir == dir.root_path()) break;
    dir = dir.parent_path();
  }
  return {};
}

}  // namespace mlmon::grafana
