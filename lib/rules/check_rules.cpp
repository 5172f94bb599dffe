#include "rules/check_rules.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <utility>

#include "core/ordered_worker.hpp"
#include "rules/checks/check.hpp"
#include "rules/suppressions.hpp"

namespace mlmon::rules {

bool is_lint_check(std::string_view rule_id) {
  const auto& checks = rule_checks();
  return std::any_of(checks.begin(), checks.end(), [&](const auto& c) { return c->info().id == rule_id; });
}

RulesPolicy policy_from(const project::Config& config) {
  RulesPolicy policy;
  if (config.required_labels) policy.required_labels = *config.required_labels;
  if (config.required_annotations) policy.required_annotations = *config.required_annotations;
  return policy;
}

namespace {

/// Groups read but not yet checked when a file is checked on two cores: enough to keep both busy,
/// few enough that memory still holds a handful of groups, not the file.
constexpr std::size_t kGroupsInFlight = 1;

/// Says where lint could not look, so that a clean lint of the rest does not read as a clean file.
Diagnostic lint_skipped(const SourceFile& source, std::string message) {
  return make_diagnostic(Severity::Info, "rules/lint-skipped", source.path(), Position{}, std::move(message));
}

/// check-rules on one file, fed one group at a time: decoding, Prometheus's validations, and the
/// lint checks on each rule while its YAML and expression exist. Lint findings wait until the
/// file is known to pass Prometheus's validation, as promtool lints only files it would load.
class FileCheck {
 public:
  FileCheck(const SourceFilePtr& source, const CheckRulesOptions& options, const project::Config& config,
            std::vector<Diagnostic>& out)
      : source_(source),
        options_(options),
        config_(config),
        out_(out),
        policy_(policy_from(config)),
        validator_(*source, options.validate, out),
        suppressions_(*source) {
    if (!options.lint) return;
    for (const auto& check : rule_checks()) {
      const CheckInfo& info = check->info();
      if (!config.enabled(info.id)) continue;
      std::unique_ptr<CheckState>& state = states_.emplace_back(check->new_state());
      checks_.push_back(check.get());
      contexts_.push_back(
          CheckContext{policy_, state.get(),
                       [this, &info](const yaml::Node* at, std::optional<std::size_t> value_offset, std::string message,
                                     std::string hint) {
                         Position pos;
                         if (at != nullptr)
                           pos = value_offset ? source_->position_of(at->source_offset(*value_offset)) : at->pos();
                         findings_.push_back(make_diagnostic(info.default_severity, info.id, source_->path(), pos,
                                                             std::move(message), std::move(hint)));
                       }});
    }
  }

  /// An item of the file's `groups:` sequence.
  void add_group(const yaml::Node& item) {
    const std::optional<Group> group = decode_group(item, *source_, options_.load, out_);
    if (!group) {
      ++undecoded_groups_;
      return;
    }
    rules_ += group->rules.size();
    validator_.validate_group(*group, [this](const ParsedRule& rule) {
      for (std::size_t i = 0; i < checks_.size(); ++i) checks_[i]->run_rule(contexts_[i], rule);
    });
    if (options_.lint) {
      for (const Rule& rule : group->rules) suppressions_.add_rule(rule);
    }
  }

  /// Adds the lint findings (also when Prometheus's validations failed: a file with four mistakes
  /// shows all four at once) and says where lint could not look; returns the number of rules.
  std::size_t finish() {
    if (options_.lint) {
      project::apply_config(config_, findings_, &is_lint_check);
      suppressions_.apply(findings_, &is_lint_check);
      out_.insert(out_.end(), std::make_move_iterator(findings_.begin()), std::make_move_iterator(findings_.end()));
      for (Diagnostic& d : suppressions_.take_problems()) out_.push_back(std::move(d));
      if (undecoded_groups_ > 0) {
        lint_skipped(
            fmt::format("lint checks did not run on {} that did not decode; fix the errors above and run "
                        "again",
                        undecoded_groups_ == 1 ? std::string("1 group") : fmt::format("{} groups", undecoded_groups_)));
      }
    }
    findings_.clear();
    return rules_;
  }

  /// The file could not be read as rule groups at all (YAML or schema errors at the top).
  void lint_impossible(std::string_view why) {
    if (options_.lint) lint_skipped(fmt::format("lint checks did not run on this file: {}", why));
  }

 private:
  void lint_skipped(std::string message) { out_.push_back(rules::lint_skipped(*source_, std::move(message))); }

  const SourceFilePtr& source_;
  const CheckRulesOptions& options_;
  const project::Config& config_;
  std::vector<Diagnostic>& out_;
  RulesPolicy policy_;
  RuleValidator validator_;
  InlineSuppressions suppressions_;
  std::vector<const RuleCheck*> checks_;
  std::vector<std::unique_ptr<CheckState>> states_;
  std::vector<CheckContext> contexts_;
  std::vector<Diagnostic> findings_;
  std::size_t rules_ = 0;
  std::size_t undecoded_groups_ = 0;
};

/// The groups of a document that has them all.
std::size_t check_document(const yaml::Document& document, const SourceFilePtr& source,
                           const CheckRulesOptions& options, const project::Config& config,
                           std::vector<Diagnostic>& out) {
  FileCheck check(source, options, config, out);
  const std::size_t before = out.size();
  if (const yaml::Node* groups = decode_groups_holder(document.root, *source, options.load, out)) {
    for (const yaml::Node* item : groups->items) check.add_group(*item);
  } else if (std::any_of(out.begin() + static_cast<std::ptrdiff_t>(before), out.end(),
                         [](const Diagnostic& d) { return d.severity == Severity::Error; })) {
    check.lint_impossible("its rule groups could not be read");
  }
  return check.finish();
}

/// The documents of a manifest file (load_rule_documents()): each PrometheusRule is checked as a
/// file of its own, as the Prometheus Operator gets each one; other kinds of resource are skipped.
std::size_t check_manifests(const std::vector<yaml::Document>& documents, const SourceFilePtr& source,
                            const CheckRulesOptions& options, const project::Config& config,
                            std::vector<Diagnostic>& out) {
  std::size_t rules = 0;
  for (const yaml::Document& document : documents) {
    out.insert(out.end(), document.problems.begin(), document.problems.end());
    if (document.ok() && holds_prometheus_rule(document)) {
      rules += check_document(document, source, options, config, out);
    } else if (!document.ok() && options.lint) {
      out.push_back(lint_skipped(*source, "lint checks did not run on the resource with the YAML error"));
    }
  }
  return rules;
}

}  // namespace

std::size_t check_rule_source(const SourceFilePtr& source, const CheckRulesOptions& options,
                              const project::Config& config, std::vector<Diagnostic>& out) {
  return check_rule_source(source, options, config, out, KindGate{});
}

std::size_t check_rule_source(const SourceFilePtr& source, const CheckRulesOptions& options,
                              const project::Config& config, std::vector<Diagnostic>& out, const KindGate& gate) {
  const std::size_t first_problem = out.size();
  if (options.stream) {
    // A group at a time: memory holds one group's YAML, not the file's (10,000 rules are 40 MB
    // of nodes). Only for plain block YAML; anything else is read whole below.
    FileCheck check(source, options, config, out);
    const auto take_group = [&](const yaml::Node& item) {
      if (gate.on_item) gate.on_item(item);
      check.add_group(item);
    };
    std::optional<yaml::Document> skeleton;
    if (options.pipeline && source->text().size() >= options.pipeline_min_bytes) {
      // A big file on two cores: this thread reads groups, a worker checks them in file order.
      auto consume = [&](const yaml::StreamedItem& group) { take_group(*group.item); };
      OrderedWorker<yaml::StreamedItem, decltype(consume)> worker(consume, kGroupsInFlight);
      skeleton = yaml::load_streaming_owned(source, "groups",
                                            [&](yaml::StreamedItem&& group) { worker.push(std::move(group)); });
      worker.finish();  // before anything reads `out`, which the worker writes
    } else {
      skeleton = yaml::load_streaming(source, "groups", take_group);
    }
    if (gate.proceed && !gate.proceed(skeleton ? &*skeleton : nullptr)) {
      out.erase(out.begin() + static_cast<std::ptrdiff_t>(first_problem), out.end());
      return 0;
    }
    // A PrometheusRule keeps its groups under `spec:`; a top-level `groups:` is not read there.
    const bool manifest = skeleton && holds_prometheus_rule(*skeleton);
    if (skeleton && !manifest) {
      out.insert(out.end(), skeleton->problems.begin(), skeleton->problems.end());
      const std::size_t before = out.size();
      if (const yaml::Node* groups = decode_groups_holder(skeleton->root, *source, options.load, out)) {
        for (const yaml::Node* item : groups->items)
          check.add_group(*item);  // not streamed: `groups` was no block sequence
      } else if (std::any_of(out.begin() + static_cast<std::ptrdiff_t>(before), out.end(),
                             [](const Diagnostic& d) { return d.severity == Severity::Error; })) {
        check.lint_impossible("its rule groups could not be read");
      }
      return check.finish();
    }
  } else if (gate.proceed && !gate.proceed(nullptr)) {
    return 0;
  }
  // Start over: what the streamed groups produced would be reported twice.
  out.erase(out.begin() + static_cast<std::ptrdiff_t>(first_problem), out.end());

  std::vector<yaml::Document> documents = load_rule_documents(source);
  if (documents.size() > 1) return check_manifests(documents, source, options, config, out);
  const yaml::Document& document = documents.front();
  const bool yaml_ok = document.ok();
  out.insert(out.end(), document.problems.begin(), document.problems.end());
  if (!yaml_ok) {
    if (options.lint)
      out.push_back(lint_skipped(*source, "lint checks did not run on this file: it is not valid YAML"));
    return 0;
  }
  return check_document(document, source, options, config, out);
}

}  // namespace mlmon::rules
