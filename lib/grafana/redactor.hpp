#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace mlmon::grafana {

/// Knows the run's secrets (token, password, the Authorization value) and blanks them out of any
/// text before it is printed. Defence in depth: messages are built without secrets in the first
/// place; this catches a server or library echoing one back.
class Redactor {
 public:
  /// Secrets shorter than kMinLength are not scrubbed: replacing "x" everywhere would garble output
  /// without protecting anything worth protecting.
  static constexpr std::size_t kMinLength = 6;

  void add_secret(std::string secret);
  std::string scrub(std::string_view text) const;
  bool empty() const { return secrets_.empty(); }

 private:
  std::vector<std::string> secrets_;  // longest first, so a secret inside another is handled
};

}  // namespace mlmon::grafana
