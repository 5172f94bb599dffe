#include "ruletest/go_path.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <optional>

#include "core/file_io.hpp"
#include "promql/go_format.hpp"

namespace mlmon::ruletest::gopath {

namespace {

constexpr const char* kBadPattern = "syntax error in pattern";

char32_t next_rune(std::string_view& s) {
  const auto r = promql::go::decode_rune(s, 0);
  s.remove_prefix(std::max<uint32_t>(r.width, 1));
  return r.value;
}

// One character of a bracket class, with `\` escapes.
std::optional<char32_t> class_char(std::string_view& chunk) {
  if (chunk.empty() || chunk[0] == '-' || chunk[0] == ']') return std::nullopt;
  if (chunk[0] == '\\') {
    chunk.remove_prefix(1);
    if (chunk.empty()) return std::nullopt;
  }
  const auto r = promql::go::decode_rune(chunk, 0);
  if (r.value == promql::go::kRuneError && r.width == 1) return std::nullopt;
  chunk.remove_prefix(r.width);
  if (chunk.empty()) return std::nullopt;
  return r.value;
}

// Matches a chunk (no `*`) against the start of s. nullopt: bad pattern; otherwise whether it
// matched and what of s is left.
struct ChunkResult {
  bool ok = false;
  std::string_view rest;
};
std::optional<ChunkResult> match_chunk(std::string_view chunk, std::string_view s) {
  // After a mismatch the rest of the chunk is still read, to report a malformed pattern.
  bool failed = false;
  while (!chunk.empty()) {
    if (!failed && s.empty()) failed = true;
    const char c = chunk[0];
    if (c == '[') {
      char32_t r = 0;
      if (!failed) r = next_rune(s);
      chunk.remove_prefix(1);
      bool negated = false;
      if (!chunk.empty() && chunk[0] == '^') {
        negated = true;
        chunk.remove_prefix(1);
      }
      bool matched = false;
      int ranges = 0;
      for (;;) {
        if (!chunk.empty() && chunk[0] == ']' && ranges > 0) {
          chunk.remove_prefix(1);
          break;
        }
        const auto lo = class_char(chunk);
        if (!lo) return std::nullopt;
        char32_t hi = *lo;
        if (chunk[0] == '-') {
          chunk.remove_prefix(1);
          const auto h = class_char(chunk);
          if (!h) return std::nullopt;
          hi = *h;
        }
        if (*lo <= r && r <= hi) matched = true;
        ++ranges;
      }
      if (matched == negated) failed = true;
    } else if (c == '?') {
      if (!failed) {
        if (s[0] == '/') failed = true;
        next_rune(s);
      }
      chunk.remove_prefix(1);
    } else {
      if (c == '\\') {
        chunk.remove_prefix(1);
        if (chunk.empty()) return std::nullopt;
      }
      if (!failed) {
        if (chunk[0] != s[0]) failed = true;
        s.remove_prefix(1);
      }
      chunk.remove_prefix(1);
    }
  }
  if (failed) return ChunkResult{false, {}};
  return ChunkResult{true, s};
}

// Splits off the leading stars and the chunk up to the next star outside a bracket class.
struct Chunk {
  bool star = false;
  std::string_view chunk;
  std::string_view rest;
};
Chunk scan_chunk(std::string_view pattern) {
  Chunk out;
  while (!pattern.empty() && pattern[0] == '*') {
    pattern.remove_prefix(1);
    out.star = true;
  }
  bool in_range = false;
  std::size_t i = 0;
  for (; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '\\') {
      if (i + 1 < pattern.size()) ++i;
    } else if (c == '[') {
      in_range = true;
    } else if (c == ']') {
      in_range = false;
    } else if (c == '*' && !in_range) {
      break;
    }
  }
  out.chunk = pattern.substr(0, i);
  out.rest = pattern.substr(i);
  return out;
}

bool has_meta(std::string_view path) { return path.find_first_of("*?[\\") != std::string_view::npos; }

bool lexists(const std::string& path) {
  struct stat st{};
  return ::lstat(path.c_str(), &st) == 0;
}

// The entries of dir matching pattern, appended to out in sorted order.
std::optional<std::string> glob_dir(const std::string& dir, std::string_view pattern, std::vector<std::string>& out) {
  struct stat st{};
  if (::stat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) return std::nullopt;
  DIR* d = ::opendir(dir.c_str());
  if (d == nullptr) return std::nullopt;
  std::vector<std::string> names;
  while (const dirent* e = ::readdir(d)) {
    const std::string_view n = e->d_name;
    if (n != "." && n != "..") names.emplace_back(n);
  }
  ::closedir(d);
  std::sort(names.begin(), names.end());
  for (const std::string& n : names) {
    auto m = match(pattern, n);
    if (!m) return m.error();
    if (*m) out.push_back(join(dir, n));
  }
  return std::nullopt;
}

std::expected<std::vector<std::string>, std::string> glob_depth(std::string_view pattern, int depth) {
  MLMON_TRY(match(pattern, ""));
  std::vector<std::string> out;
  if (!has_meta(pattern)) {
    if (lexists(std::string(pattern))) out.emplace_back(pattern);
    return out;
  }
  const std::size_t slash = pattern.rfind('/');
  std::string directory(slash == std::string_view::npos ? std::string_view() : pattern.substr(0, slash + 1));
  const std::string_view file = slash == std::string_view::npos ? pattern : pattern.substr(slash + 1);
  // cleanGlobPath: "" is ".", "/" stays, otherwise without the trailing separator.
  if (directory.empty()) {
    directory = ".";
  } else if (directory != "/") {
    directory.pop_back();
  }
  if (!has_meta(directory)) {
    if (auto e = glob_dir(directory, file, out)) return std::unexpected(*e);
    return out;
  }
  if (directory == pattern || depth > 10000) return std::unexpected(std::string(kBadPattern));
  for (const std::string& d : MLMON_TRY(glob_depth(directory, depth + 1))) {
    if (auto e = glob_dir(d, file, out)) return std::unexpected(*e);
  }
  return out;
}

}  // namespace

std::string clean(std::string_view path) {
  if (path.empty()) return ".";
  const bool rooted = path[0] == '/';
  std::vector<std::string_view> parts;
  std::size_t i = 0;
  while (i < path.size()) {
    std::size_t j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    const std::string_view part = path.substr(i, j - i);
    i = j + 1;
    if (part.empty() || part == ".") continue;
    if (part == "..") {
      if (!parts.empty() && parts.back() != "..") {
        parts.pop_back();
      } else if (!rooted) {
        parts.push_back(part);
      }
      continue;
    }
    parts.push_back(part);
  }
  std::string out = rooted ? "/" : "";
  for (std::size_t k = 0; k < parts.size(); ++k) {
    if (k > 0) out += '/';
    out += parts[k];
  }
  return out.empty() ? "." : out;
}

std::string join(std::string_view a, std::string_view b) {
  if (a.empty() && b.empty()) return "";
  if (a.empty()) return clean(b);
  if (b.empty()) return clean(a);
  std::string joined(a);
  joined += '/';
  joined += b;
  return clean(joined);
}

std::string dir(std::string_view path) {
  const std::size_t slash = path.rfind('/');
  return clean(slash == std::string_view::npos ? std::string_view() : path.substr(0, slash + 1));
}

bool is_abs(std::string_view path) { return !path.empty() && path[0] == '/'; }

std::expected<bool, std::string> match(std::string_view pattern, std::string_view name) {
  while (!pattern.empty()) {
    const Chunk c = scan_chunk(pattern);
    if (c.star && c.chunk.empty()) return name.find('/') == std::string_view::npos;
    auto r = match_chunk(c.chunk, name);
    if (!r) return std::unexpected(std::string(kBadPattern));
    if (r->ok && (r->rest.empty() || !c.rest.empty())) {
      name = r->rest;
      pattern = c.rest;
      continue;
    }
    bool advanced = false;
    if (c.star) {
      // Let the star take more characters, never a separator.
      for (std::size_t i = 0; i < name.size() && name[i] != '/'; ++i) {
        auto t = match_chunk(c.chunk, name.substr(i + 1));
        if (!t) return std::unexpected(std::string(kBadPattern));
        if (t->ok) {
          if (c.rest.empty() && !t->rest.empty()) continue;
          name = t->rest;
          pattern = c.rest;
          advanced = true;
          break;
        }
      }
    }
    if (advanced) continue;
    // No match: the rest of the pattern must still be well-formed.
    while (!pattern.empty()) {
      const Chunk rest = scan_chunk(pattern);
      if (!match_chunk(rest.chunk, "")) return std::unexpected(std::string(kBadPattern));
      pattern = rest.rest;
    }
    return false;
  }
  return name.empty();
}

std::expected<std::vector<std::string>, std::string> glob(std::string_view pattern) { return glob_depth(pattern, 0); }

namespace {

// Go's syscall error strings are strerror's, starting in lower case.
std::string errno_text(int error) {
  std::string why = std::strerror(error);
  if (!why.empty() && why[0] >= 'A' && why[0] <= 'Z') why[0] = static_cast<char>(why[0] - 'A' + 'a');
  return why;
}

}  // namespace

Result<std::string> read_file(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return fail("open " + path + ": " + errno_text(errno));
  std::string text;
  char buf[1 << 16];
  for (;;) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0) {
      const int error = errno;
      ::close(fd);
      return fail("read " + path + ": " + errno_text(error));
    }
    if (n == 0) break;
    text.append(buf, static_cast<std::size_t>(n));
    if (text.size() > kMaxInputBytes) {
      ::close(fd);
      return fail("read " + path + ": larger than " + std::to_string(kMaxInputBytes >> 20) + " MiB, refused");
    }
  }
  ::close(fd);
  return text;
}

}  // namespace mlmon::ruletest::gopath
