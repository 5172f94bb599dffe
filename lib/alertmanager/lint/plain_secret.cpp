#include <algorithm>
#include <array>
#include <cctype>

#include "alertmanager/check_ids.hpp"
#include "alertmanager/lint/check_list.hpp"
#include "alertmanager/values.hpp"

namespace mlmon::alertmanager {

namespace {

bool url_has_credentials(const std::string& text) {
  const Result<ParsedUrl> parsed = parse_go_url(text);
  if (!parsed) return false;
  const ParsedUrl& url = *parsed;
  if (url.has_userinfo_password) return true;
  std::string host = url.host;
  std::transform(host.begin(), host.end(), host.begin(), [](unsigned char c) { return std::tolower(c); });
  // Webhook services whose URL path is the token.
  if (host == "hooks.slack.com" || host.ends_with("discord.com") || host.ends_with("discordapp.com") ||
      host.ends_with("webhook.office.com") || host == "outlook.office.com" || host == "chat.googleapis.com" ||
      host.ends_with("logic.azure.com") || host == "api.telegram.org") {
    return url.path.size() > 1 || !url.query.empty();
  }
  static constexpr std::array<std::string_view, 12> kKeys{"token",     "key",      "secret",       "sig",
                                                          "signature", "password", "passwd",       "auth",
                                                          "apikey",    "api_key",  "access_token", "code"};
  std::string query = url.query;
  std::transform(query.begin(), query.end(), query.begin(), [](unsigned char c) { return std::tolower(c); });
  std::size_t start = 0;
  while (start <= query.size()) {
    const std::size_t amp = query.find('&', start);
    const std::string param = query.substr(start, amp == std::string::npos ? std::string::npos : amp - start);
    const std::string key = param.substr(0, param.find('='));
    for (std::string_view k : kKeys) {
      if (key == k || key.ends_with("_" + std::string(k)) || key.ends_with(std::string(k))) return true;
    }
    if (amp == std::string::npos) break;
    start = amp + 1;
  }
  return false;
}

// A secret written in the config ends up in the repository. The message names the field, never
// the value.
class PlainSecretCheck final : public LintCheck {
 public:
  std::string_view id() const override { return ids::kPlainSecret; }
  void run(const LintContext& ctx) const override {
    if (ctx.rendered_output) return;  // render-alertmanager's output: its template is checked instead
    for (const SecretValue& s : ctx.loaded.secrets) {
      if (s.value == nullptr || !s.value->is_scalar()) continue;
      const yaml::ScalarText& v = s.value->value;
      if (v.empty() || v == "<secret>" || v.find("${") != std::string::npos || v.find("{{") != std::string::npos)
        continue;
      if (ctx.loaded.is_rendered_value(s.value)) continue;  // rendered from the environment or a default on purpose
      if (s.is_url && !url_has_credentials(v)) continue;
      const std::string what = s.is_url ? "a URL with credentials" : "a secret";
      // In a template the way out is a reference right here; in a config, a template to render.
      const std::string reference =
          ctx.options.in_template ? "write a ${VAR} reference in its place in the template"
                                  : "keep a ${VAR} reference in a template rendered by 'mlmon render-alertmanager'";
      ctx.warn(s.key != nullptr ? s.key : s.value, s.field + " holds " + what + " in plain text",
               s.has_file_twin ? "read it from a file with " + s.field + "_file, or " + reference
                               : reference + " (Alertmanager has no " + s.field + "_file here)");
    }
  }
};

}  // namespace

std::unique_ptr<LintCheck> make_plain_secret() { return std::make_unique<PlainSecretCheck>(); }

}  // namespace mlmon::alertmanager
