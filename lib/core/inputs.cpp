#include "core/inputs.hpp"

#include <glob.h>

#include <algorithm>
#include <filesystem>

namespace mlmon {

namespace {

namespace fs = std::filesystem;

bool has_extension(const fs::path& p, const std::vector<std::string>& extensions) {
  const std::string name = p.filename().string();
  return std::any_of(extensions.begin(), extensions.end(),
                     [&](const std::string& ext) { return name.size() > ext.size() && name.ends_with(ext); });
}

Result<void> add_directory(const fs::path& dir, const std::vector<std::string>& extensions,
                           std::vector<std::string>& out) {
  std::vector<std::string> found;
  std::error_code ec;
  // Hidden folders (.git, .cache) and build trees are never configuration.
  auto it = fs::recursive_directory_iterator(dir, fs::directory_options::skip_permission_denied, ec);
  if (ec) return fail(dir.string() + ": cannot list directory: " + ec.message());
  for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) return fail(dir.string() + ": cannot list directory: " + ec.message());
    const fs::path& p = it->path();
    const std::string name = p.filename().string();
    if (it->is_directory(ec)) {
      if (name.starts_with(".") || name == "node_modules" || name.starts_with("build")) it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file(ec) && has_extension(p, extensions)) found.push_back(p.string());
  }
  std::sort(found.begin(), found.end());
  out.insert(out.end(), found.begin(), found.end());
  return {};
}

}  // namespace

Result<std::vector<std::string>> expand_inputs(const std::vector<std::string>& inputs,
                                               const std::vector<std::string>& extensions) {
  std::vector<std::string> out;
  for (const std::string& input : inputs) {
    if (input == "-") {
      out.push_back(input);
      continue;
    }
    std::error_code ec;
    if (fs::is_directory(input, ec)) {
      auto added = add_directory(input, extensions, out);
      if (!added) return std::unexpected(added.error());
      continue;
    }
    if (fs::exists(input, ec)) {
      out.push_back(input);
      continue;
    }
    if (input.find_first_of("*?[") != std::string::npos) {
      glob_t matches{};
      const int rc = ::glob(input.c_str(), 0, nullptr, &matches);
      if (rc == 0) {
        for (std::size_t i = 0; i < matches.gl_pathc; ++i) out.emplace_back(matches.gl_pathv[i]);
      }
      ::globfree(&matches);
      if (rc != 0) return fail(input + ": no file matches this pattern");
      continue;
    }
    return fail(input + ": no such file or directory");
  }
  return out;
}

}  // namespace mlmon
