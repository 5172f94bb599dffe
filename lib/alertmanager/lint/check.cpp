#include "alertmanager/lint/check.hpp"

#include <algorithm>

namespace mlmon::alertmanager {

void LintContext::warn(const yaml::Node* at, std::string message, std::string hint) const {
  warn_at(at != nullptr ? at->pos() : Position{}, std::move(message), std::move(hint));
}

void LintContext::warn_at(Position pos, std::string message, std::string hint) const {
  out.push_back(
      make_diagnostic(Severity::Warning, id, loaded.document.source->path(), pos, std::move(message), std::move(hint)));
}

void CrossCheckContext::warn(std::string message, std::string hint) const {
  out.push_back(make_diagnostic(Severity::Warning, id, alert.file, alert.pos, std::move(message), std::move(hint)));
}

std::string line_of(const yaml::Node* n) { return n != nullptr ? std::to_string(n->pos().line) : "?"; }

bool matchers_cover(const Matchers& earlier, const Matchers& later) {
  return std::all_of(earlier.begin(), earlier.end(), [&](const Matcher& m) {
    if (m.type == MatchType::Regexp && m.regex && m.regex->matches_everything()) return true;
    return std::any_of(later.begin(), later.end(), [&](const Matcher& l) { return l.same_as(m); });
  });
}

bool reaches_only_blackholes(const Config& config, const std::vector<const Route*>& routes) {
  return std::all_of(routes.begin(), routes.end(), [&](const Route* r) {
    const Receiver* receiver = config.find_receiver(r->effective_receiver);
    return receiver != nullptr && receiver->is_blackhole();
  });
}

}  // namespace mlmon::alertmanager
