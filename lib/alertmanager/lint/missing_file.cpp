#include <filesystem>

#include "alertmanager/check_ids.hpp"
#include "alertmanager/lint/check_list.hpp"
#include "core/go_quote.hpp"

namespace mlmon::alertmanager {

namespace {

// Alertmanager reads a `*_file` only when it sends a notification: a wrong path is found by the
// first alert, not when the config loads.
class MissingFileCheck final : public LintCheck {
 public:
  std::string_view id() const override { return ids::kMissingFile; }
  void run(const LintContext& ctx) const override {
    if (!ctx.options.check_files) return;
    namespace fs = std::filesystem;
    for (const FileReference& f : ctx.loaded.files) {
      if (f.is_template_glob) continue;                    // alertmanager/template-glob
      const std::string path = f.value->value;             // a copy: the filesystem calls below take strings
      if (path.find("${") != std::string::npos) continue;  // unexpanded: reported on its own
      const fs::path resolved = fs::path(path).is_absolute() ? fs::path(path) : fs::path(ctx.options.base_dir) / path;
      std::error_code ec;
      if (fs::exists(resolved, ec)) continue;
      std::string hint = fs::path(path).is_absolute() ? "Alertmanager reads it only when it sends a notification"
                         : f.resolved_against_config_dir
                             ? "Alertmanager resolves it against the config file's directory and reads it when it "
                               "sends a notification"
                             : "Alertmanager reads it relative to its own working directory, and only when it sends a "
                               "notification; checked here against the config file's directory";
      ctx.warn(f.value, f.field + ": file " + go::quote(resolved.lexically_normal().string()) + " does not exist",
               std::move(hint));
    }
  }
};

}  // namespace

std::unique_ptr<LintCheck> make_missing_file() { return std::make_unique<MissingFileCheck>(); }

}  // namespace mlmon::alertmanager
