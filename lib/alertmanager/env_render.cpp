#include "alertmanager/env_render.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <set>

#include "alertmanager/check_ids.hpp"
#include "alertmanager/lint.hpp"
#include "yaml/document.hpp"

namespace mlmon::alertmanager {

namespace {

using yaml::Node;

struct Scalar {
  const Node* node;
  bool is_key;
};

void collect(const Node* n, bool is_key, int depth, std::vector<Scalar>& out, std::set<const Node*>& seen) {
  if (n == nullptr || depth > 512 || !seen.insert(n).second) return;
  if (n->is_scalar()) {
    out.push_back({n, is_key});
    return;
  }
  for (const Node* item : n->items) collect(item, false, depth + 1, out, seen);
  for (const yaml::Entry& e : n->entries) {
    if (e.merged) continue;
    collect(e.key, true, depth + 1, out, seen);
    collect(e.value, false, depth + 1, out, seen);
  }
}

std::string escape_double_quoted(std::string_view value) {
  std::string out;
  for (const char c : value) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '"': out += "\\\""; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned char>(c));
          out += buf;
        } else {
          out += c;
        }
    }
  }
  return out;
}

// Would this text, placed inside an unquoted scalar, read back as the same text?
bool plain_safe(std::string_view value, bool at_start, bool at_end, bool in_flow) {
  if (value.empty()) return true;
  if (value.find_first_of("\n\r\t") != std::string_view::npos) return false;
  if (value.find(": ") != std::string_view::npos || value.find(" #") != std::string_view::npos) return false;
  if (at_end && (value.back() == ' ' || value.back() == ':')) return false;
  if (at_start && (value.front() == ' ' ||
                   std::string_view("-?:,[]{}#&*!|>'\"%@`").find(value.front()) != std::string_view::npos)) {
    return false;
  }
  if (in_flow && value.find_first_of(",[]{}") != std::string_view::npos) return false;
  return true;
}

constexpr std::string_view kRenderedMarker = "# Rendered by mlmon render-alertmanager";

Diagnostic problem(const SourceFile& source, std::size_t offset, std::string_view rule, std::string message,
                   std::string hint = {}) {
  return make_diagnostic(Severity::Error, rule, source.path(), source.position_of(offset), std::move(message),
                         std::move(hint));
}

}  // namespace

bool RenderedTemplate::ok() const {
  return std::none_of(problems.begin(), problems.end(),
                      [](const Diagnostic& d) { return d.severity == Severity::Error; });
}

std::size_t RenderedTemplate::count(ValueSource source) const {
  return static_cast<std::size_t>(
      std::count_if(sources.begin(), sources.end(), [&](const auto& entry) { return entry.second == source; }));
}

std::size_t RenderedTemplate::template_offset(std::size_t rendered_offset) const {
  // Outside the replacements the two texts differ only by a shift: the last one before decides it.
  std::size_t rendered_anchor = 0;
  std::size_t template_anchor = 0;
  for (const Replacement& r : replacements) {
    if (rendered_offset < r.rendered_begin) break;
    if (rendered_offset < r.rendered_end) return r.template_begin;
    rendered_anchor = r.rendered_end;
    template_anchor = r.template_end;
  }
  return template_anchor + (rendered_offset - rendered_anchor);
}

EnvLookup process_environment() {
  return [](std::string_view name) -> std::optional<std::string> {
    const char* v = std::getenv(std::string(name).c_str());
    if (v == nullptr) return std::nullopt;
    return std::string(v);
  };
}

std::string rendered_header(std::string_view template_path) {
  std::string shown;
  for (const char c : template_path) shown += static_cast<unsigned char>(c) < 0x20 || c == 0x7f ? '?' : c;
  return std::string(kRenderedMarker) + " from " + shown + "; edit the template, not this file.\n";
}

bool is_rendered_output(std::string_view text) { return text.starts_with(kRenderedMarker); }

namespace {

// `placeholder`, when given, is the value of every required variable (the environment unused).
RenderedTemplate render(const SourceFile& source, const EnvLookup& env, const std::string* placeholder) {
  RenderedTemplate result;
  auto shared = std::make_shared<SourceFile>(source.path(), source.text());
  const yaml::Document doc = yaml::load(shared);
  for (const Diagnostic& d : doc.problems) {
    if (d.severity == Severity::Error) result.problems.push_back(d);
  }
  if (!result.ok()) return result;

  std::vector<Scalar> scalars;
  std::set<const Node*> seen;
  collect(doc.root, false, 0, scalars, seen);
  std::sort(scalars.begin(), scalars.end(),
            [](const Scalar& a, const Scalar& b) { return a.node->offset < b.node->offset; });

  const std::string& text = source.text();
  std::size_t copied = 0;
  for (const Scalar& s : scalars) {
    const Node& node = *s.node;
    const std::size_t begin = node.offset;
    if (node.end <= begin || node.end > text.size()) continue;
    const std::string_view raw(text.data() + begin, node.end - begin);
    // References and "$${" escapes (a literal "${": one '$' dropped), in order.
    std::vector<EnvReference> events = find_env_references(raw);
    for (std::size_t p = raw.find("$${"); p != std::string_view::npos; p = raw.find("$${", p + 3)) {
      EnvReference escape;
      escape.offset = p;
      escape.length = 1;
      events.push_back(escape);
    }
    std::sort(events.begin(), events.end(),
              [](const EnvReference& a, const EnvReference& b) { return a.offset < b.offset; });
    for (const EnvReference& ref : events) {
      const std::size_t at = begin + ref.offset;
      if (at < copied) continue;
      // Copies the template up to `at`, then writes `value` in place of `length` template bytes.
      auto replace = [&](std::size_t length, const std::string& value, ValueSource source) {
        result.text.append(text, copied, at - copied);
        const std::size_t start = result.text.size();
        result.text += value;
        result.replacements.push_back({at, at + length, start, result.text.size()});
        if (!value.empty()) {
          auto& ranges = source == ValueSource::Environment ? result.expanded : result.template_values;
          ranges.emplace_back(start, result.text.size());
        }
        copied = at + length;
      };
      if (ref.name.empty()) {
        replace(1, "", ValueSource::Default);
        continue;
      }
      const std::string ref_text = "${" + ref.name + (ref.has_default ? ":-...}" : "}");
      const std::optional<std::string> value = placeholder != nullptr ? std::nullopt : env(ref.name);
      std::string chosen;
      if (value.has_value() && !value->empty()) {
        chosen = *value;
        result.sources[ref.name] = ValueSource::Environment;
      } else if (ref.has_default) {
        // The default is template text, already written in the quoting around it.
        result.sources[ref.name] = ValueSource::Default;
        replace(ref.length, ref.default_value, ValueSource::Default);
        continue;
      } else if (placeholder != nullptr) {
        chosen = *placeholder;
        result.sources[ref.name] = ValueSource::Placeholder;
      } else {
        result.problems.push_back(
            problem(source, at, ids::kEnvMissing,
                    "required variable " + ref.name + (value.has_value() ? " is empty" : " is not set"),
                    "export " + ref.name + ", or write ${" + ref.name + ":-default} to make it optional"));
        const bool listed = std::any_of(result.missing.begin(), result.missing.end(),
                                        [&](const MissingVariable& m) { return m.name == ref.name; });
        if (!listed) result.missing.push_back({ref.name, value.has_value()});
        continue;
      }
      std::string written;
      switch (node.style) {
        case yaml::ScalarStyle::DoubleQuoted: written = escape_double_quoted(chosen); break;
        case yaml::ScalarStyle::SingleQuoted:
          if (chosen.find_first_of("\n\r") != std::string::npos) {
            result.problems.push_back(
                problem(source, at, ids::kEnvUnsafe,
                        "the value of " + ref.name + " has a line break, which a single-quoted YAML value cannot hold",
                        "use double quotes around " + ref_text + " in the template"));
            continue;
          }
          for (const char c : chosen) written += c == '\'' ? std::string("''") : std::string(1, c);
          break;
        case yaml::ScalarStyle::Literal:
        case yaml::ScalarStyle::Folded: {
          // Continuation lines take the indentation of the line holding the reference.
          const std::size_t line_start = text.rfind('\n', at) == std::string::npos ? 0 : text.rfind('\n', at) + 1;
          std::size_t indent_end = line_start;
          while (indent_end < text.size() && text[indent_end] == ' ') ++indent_end;
          const std::string indent(indent_end - line_start, ' ');
          for (const char c : chosen) {
            written += c;
            if (c == '\n') written += indent;
          }
          break;
        }
        case yaml::ScalarStyle::Plain: {
          const bool at_start = ref.offset == 0;
          const bool at_end = ref.offset + ref.length == raw.size();
          if (!plain_safe(chosen, at_start, at_end, node.in_flow)) {
            result.problems.push_back(
                problem(source, at, ids::kEnvUnsafe,
                        "the value of " + ref.name + " would change the YAML structure in an unquoted value",
                        "quote the reference in the template: \"" + ref_text + "\""));
            continue;
          }
          written = chosen;
          break;
        }
      }
      replace(ref.length, written, result.sources[ref.name]);
    }
  }
  result.text.append(text, copied, std::string::npos);
  return result;
}

}  // namespace

RenderedTemplate render_env_template(const SourceFile& source, const EnvLookup& env) {
  return render(source, env, nullptr);
}

RenderedTemplate render_with_placeholders(const SourceFile& source, const std::string& placeholder) {
  return render(source, EnvLookup{}, &placeholder);
}

}  // namespace mlmon::alertmanager
