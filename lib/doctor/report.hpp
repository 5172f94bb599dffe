#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.hpp"

namespace mlmon::doctor {

/// The checklist's sections, in the order of the monitoring guide's troubleshooting.
enum class Section : std::uint8_t { Up, Metrics, Alerts, AlertmanagerConfig, Grafana };
inline constexpr Section kSections[] = {Section::Up, Section::Metrics, Section::Alerts, Section::AlertmanagerConfig,
                                        Section::Grafana};
/// "Up", "No metrics showing", "Alerts not firing", "Alertmanager config", "Grafana".
std::string_view title(Section section);
/// "up", "metrics", "alerts", "alertmanager-config", "grafana": for JSON.
std::string_view id(Section section);

enum class Component : std::uint8_t { Prometheus, Alertmanager, Grafana };
inline constexpr Component kComponents[] = {Component::Prometheus, Component::Alertmanager, Component::Grafana};
std::string_view name(Component component);  ///< "Prometheus"
std::string_view key(Component component);   ///< "prometheus"

/// How a component answered the Up checks.
struct ComponentStatus {
  enum class State : std::uint8_t {
    Ok,           ///< healthy and ready: every check that needs it runs
    Skipped,      ///< --skip, or not configured and nothing at the guide's default address
    Unreachable,  ///< no answer
    Unhealthy,    ///< answers, but not healthy or not ready
  };
  Component component = Component::Prometheus;
  State state = State::Skipped;
  std::string url;
  std::string version;  ///< when the component said
  std::string detail;   ///< why skipped / what failed
};
std::string_view to_string(ComponentStatus::State state);  ///< "ok", "skipped", "unreachable", "unhealthy"

struct Finding {
  Section section = Section::Up;
  Diagnostic diagnostic;
};

/// A check that found nothing says what it verified: the checklist's "ok" lines.
struct Note {
  Section section = Section::Up;
  std::string text;
  bool skipped = false;  ///< not checked (its component is skipped or did not answer)
};

struct DoctorReport {
  std::vector<ComponentStatus> components;
  std::vector<Finding> findings;
  std::vector<Note> notes;

  void add(Section section, Diagnostic diagnostic) { findings.push_back({section, std::move(diagnostic)}); }
  void ok(Section section, std::string text) { notes.push_back({section, std::move(text), false}); }
  void skipped(Section section, std::string text) { notes.push_back({section, std::move(text), true}); }
  const ComponentStatus* component(Component c) const;
  /// At least one component answered (else the run is exit 2: nothing to diagnose).
  bool any_reachable() const;
  /// Findings at warning or above: what makes the run exit 1.
  std::size_t problems() const;
  std::size_t count(Severity severity) const;
};

}  // namespace mlmon::doctor
