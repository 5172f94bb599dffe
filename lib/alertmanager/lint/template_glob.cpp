#include <glob.h>

#include <filesystem>

#include "alertmanager/check_ids.hpp"
#include "alertmanager/lint/check_list.hpp"
#include "core/go_quote.hpp"

namespace mlmon::alertmanager {

namespace {

// A `templates` glob that matches nothing loads no templates, and Alertmanager says nothing.
class TemplateGlobCheck final : public LintCheck {
 public:
  std::string_view id() const override { return ids::kTemplateGlob; }
  void run(const LintContext& ctx) const override {
    if (!ctx.options.check_files) return;
    namespace fs = std::filesystem;
    for (const FileReference& f : ctx.loaded.files) {
      if (!f.is_template_glob) continue;                   // a `*_file`: alertmanager/missing-file
      const std::string path = f.value->value;             // a copy: the filesystem calls below take strings
      if (path.find("${") != std::string::npos) continue;  // unexpanded: reported on its own
      const fs::path resolved = fs::path(path).is_absolute() ? fs::path(path) : fs::path(ctx.options.base_dir) / path;
      glob_t g{};
      const int rc = ::glob(resolved.c_str(), 0, nullptr, &g);
      const bool none = rc != 0 || g.gl_pathc == 0;
      globfree(&g);
      if (none) {
        ctx.warn(f.value, "template glob " + go::quote(path) + " matches no file",
                 "Alertmanager accepts it silently and loads no templates from it; relative globs are resolved "
                 "against the config file's directory");
      }
    }
  }
};

}  // namespace

std::unique_ptr<LintCheck> make_template_glob() { return std::make_unique<TemplateGlobCheck>(); }

}  // namespace mlmon::alertmanager
