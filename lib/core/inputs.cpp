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

// Hidden folders (.git, .cache), node_modules and build trees are never configuration, and a
// build tree may hold copies of it. A build tree is `build/` or any folder CMake configured:
// a name prefix would also skip a user's `buildkite/` rules without a word.
bool skipped_folder(const fs::path& dir) {
  const std::string name = dir.filename().string();
  if (name.starts_with(".") || name == "node_modules" || name == "build") return true;
  std::error_code ec;
  return fs::exists(dir / "CMakeCache.txt", ec);
}

// ".yml or .yaml", ".yml, .yaml or .json": for the message about a folder without any.
std::string extension_list(const std::vector<std::string>& extensions) {
  std::string list;
  for (std::size_t i = 0; i < extensions.size(); ++i) {
    if (i > 0) list += i + 1 == extensions.size() ? " or " : ", ";
    list += extensions[i];
  }
  return list;
}

Result<void> add_directory(const fs::path& dir, const std::vector<std::string>& extensions,
                           std::vector<InputFile>& out) {
  std::vector<std::string> found;
  std::error_code ec;
  auto it = fs::recursive_directory_iterator(dir, fs::directory_options::skip_permission_denied, ec);
  if (ec) return fail(dir.string() + ": cannot list directory: " + ec.message());
  for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) return fail(dir.string() + ": cannot list directory: " + ec.message());
    const fs::path& p = it->path();
    if (it->is_directory(ec)) {
      if (skipped_folder(p)) it.disable_recursion_pending();
      continue;
    }
    // Hidden files, like hidden folders, are tools' own settings (.gitlab-ci.yml,
    // .pre-commit-hooks.yaml, .mlmon.yml), never monitoring config.
    if (it->is_regular_file(ec) && has_extension(p, extensions) && !p.filename().string().starts_with(".")) {
      found.push_back(p.string());
    }
  }
  // A folder given on purpose that holds nothing to check is a mistake (a typo, a moved folder),
  // not a clean run: CI would pass while checking nothing.
  if (found.empty()) {
    return fail(dir.string() + ": no " + extension_list(extensions) +
                " files in this directory (hidden files and folders, node_modules and build folders are skipped)");
  }
  std::sort(found.begin(), found.end());
  for (std::string& path : found) out.push_back(InputFile{std::move(path), true});
  return {};
}

// One command-line input that exists: a directory is searched, anything else is taken as given.
Result<void> add_existing(const std::string& input, const std::vector<std::string>& extensions,
                          std::vector<InputFile>& out) {
  std::error_code ec;
  if (fs::is_directory(input, ec)) return add_directory(input, extensions, out);
  out.push_back(InputFile{input, false});
  return {};
}

}  // namespace

Result<std::vector<InputFile>> expand_input_files(const std::vector<std::string>& inputs,
                                                  const std::vector<std::string>& extensions) {
  std::vector<InputFile> out;
  for (const std::string& input : inputs) {
    if (input == "-") {
      out.push_back(InputFile{input, false});
      continue;
    }
    std::error_code ec;
    if (fs::exists(input, ec)) {
      MLMON_TRY(add_existing(input, extensions, out));
      continue;
    }
    if (input.find_first_of("*?[") != std::string::npos) {
      glob_t matches{};
      const int rc = ::glob(input.c_str(), 0, nullptr, &matches);
      std::vector<std::string> matched;
      if (rc == 0) matched.assign(matches.gl_pathv, matches.gl_pathv + matches.gl_pathc);
      ::globfree(&matches);
      if (rc != 0) return fail(input + ": no file matches this pattern");
      // As if the shell had expanded it: each match is an input of its own.
      for (const std::string& match : matched) {
        MLMON_TRY(add_existing(match, extensions, out));
      }
      continue;
    }
    return fail(input + ": no such file or directory");
  }
  return out;
}

Result<std::vector<std::string>> expand_inputs(const std::vector<std::string>& inputs,
                                               const std::vector<std::string>& extensions) {
  auto files = MLMON_TRY(expand_input_files(inputs, extensions));
  std::vector<std::string> paths;
  paths.reserve(files.size());
  for (InputFile& f : files) paths.push_back(std::move(f.path));
  return paths;
}

}  // namespace mlmon
