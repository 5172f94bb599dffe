// Validators of routes, inhibition rules, receivers and time intervals (config/config.go,
// config/common/inhibitrule.go, timeinterval/timeinterval.go).
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <set>
#include <string>

#include "alertmanager/check_ids.hpp"
#include "alertmanager/checker.hpp"
#include "alertmanager/duration.hpp"
#include "alertmanager/labels.hpp"
#include "alertmanager/matcher.hpp"
#include "alertmanager/node_util.hpp"
#include "alertmanager/validators.hpp"
#include "core/go_quote.hpp"
#include "core/result.hpp"

namespace mlmon::alertmanager::validators {

namespace {

bool is_zero_duration(const Node* node) {
  if (node == nullptr || !node->is_scalar()) return false;
  const auto value = parse_model_duration(node->value);
  return value.has_value() && *value == 0;
}

void check_label_map_keys(Checker& ck, const Node* map) {
  if (map == nullptr || !map->is_map()) return;
  for (const yaml::Entry& e : map->entries) {
    const std::string name = scalar_text(e.key);
    if (!is_classic_label_name(name)) {
      ck.fail(e.key, ids::kLabelName, "invalid label name " + go::quote(name));
    }
  }
}

Matchers parse_all(Checker& ck, const Node* list) {
  Matchers out;
  if (list == nullptr || !list->is_seq()) return out;
  for (const Node* item : list->items) {
    const MatchersParse& p = ck.matchers_of(item);
    if (p.ok()) out.insert(out.end(), p.matchers.begin(), p.matchers.end());
  }
  return out;
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

int weekday_index(const std::string& name) {
  static const char* kDays[] = {"sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"};
  for (int i = 0; i < 7; ++i) {
    if (name == kDays[i]) return i;
  }
  return -1;
}

int month_index(const std::string& name) {
  static const char* kMonths[] = {"january", "february", "march",     "april",   "may",      "june",
                                  "july",    "august",   "september", "october", "november", "december"};
  for (int i = 0; i < 12; ++i) {
    if (name == kMonths[i]) return i + 1;
  }
  return -1;
}

std::string month_name(int month) {
  static const char* kMonths[] = {"january", "february", "march",     "april",   "may",      "june",
                                  "july",    "august",   "september", "october", "november", "december"};
  return month >= 1 && month <= 12 ? kMonths[month - 1] : "";
}

// Go's strconv.Atoi, with its error text.
Result<int> atoi(const std::string& text) {
  std::size_t i = 0;
  bool negative = false;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) negative = text[i++] == '-';
  if (i == text.size()) return fail("strconv.Atoi: parsing " + go::quote(text) + ": invalid syntax");
  long long value = 0;
  for (; i < text.size(); ++i) {
    if (text[i] < '0' || text[i] > '9') return fail("strconv.Atoi: parsing " + go::quote(text) + ": invalid syntax");
    value = value * 10 + (text[i] - '0');
    if (value > (1LL << 62)) return fail("strconv.Atoi: parsing " + go::quote(text) + ": value out of range");
  }
  return static_cast<int>(std::clamp<long long>(negative ? -value : value, -(1LL << 30), 1LL << 30));
}

enum class RangeKind { Weekday, DayOfMonth, Month, Year };

Result<int> member(RangeKind kind, const std::string& text) {
  switch (kind) {
    case RangeKind::Weekday:
      if (const int day = weekday_index(text); day >= 0) return day;
      return fail(text + " is not a valid weekday");
    case RangeKind::Month:
      if (const int month = month_index(text); month >= 0) return month;
      if (auto number = atoi(text)) return *number;
      return fail(text + " is not a valid month");
    default: return atoi(text);
  }
}

// timeinterval's stringableRangeFromString plus each range type's checks.
Result<void> parse_range(RangeKind kind, const std::string& raw) {
  const std::string in = lower(raw);
  int begin = 0;
  int end = 0;
  if (in.find(':') != std::string::npos) {
    const std::size_t colon = in.find(':');
    if (in.find(':', colon + 1) != std::string::npos) return fail("couldn't parse range " + in + ", invalid format");
    begin = MLMON_TRY(member(kind, in.substr(0, colon)));
    end = MLMON_TRY(member(kind, in.substr(colon + 1)));
  } else {
    begin = MLMON_TRY(member(kind, in));
    end = begin;
  }
  switch (kind) {
    case RangeKind::Weekday:
      if (begin > end) return fail("start day cannot be before end day");
      break;
    case RangeKind::DayOfMonth:
      if (begin == 0 || begin < -31 || begin > 31) {
        return fail(std::to_string(begin) + " is not a valid day of the month: out of range");
      } else if (end == 0 || end < -31 || end > 31) {
        return fail(std::to_string(end) + " is not a valid day of the month: out of range");
      } else if (begin < 0 && end > 0) {
        return fail("end day must be negative if start day is negative");
      } else if ((begin < 0 ? 28 + begin : begin) > (end < 0 ? 28 + end : end)) {
        return fail("end day " + std::to_string(end) + " is always before start day " + std::to_string(begin));
      }
      break;
    case RangeKind::Month:
      if (begin > end) return fail("end month " + month_name(end) + " is before start month " + month_name(begin));
      break;
    case RangeKind::Year:
      if (begin > end) {
        return fail("end year " + std::to_string(end) + " is before start year " + std::to_string(begin));
      }
      break;
  }
  return {};
}

void check_ranges(Checker& ck, const Node* list, RangeKind kind) {
  if (list == nullptr || !list->is_seq()) return;
  for (const Node* item : list->items) {
    if (!item->is_scalar() && !item->is_null()) continue;
    if (auto ok = parse_range(kind, scalar_text(item)); !ok) {
      ck.report(item, Phase::Decode, ids::kTimeInterval, ok.error().message);
    }
  }
}

// "HH:MM" from 00:00 to 24:00, as timeinterval's validTime regex.
bool parse_clock(const std::string& text, int& minutes) {
  if (text == "24:00") {
    minutes = 24 * 60;
    return true;
  }
  if (text.size() != 5 || text[2] != ':') return false;
  for (int i : {0, 1, 3, 4}) {
    if (!std::isdigit(static_cast<unsigned char>(text[static_cast<std::size_t>(i)]))) return false;
  }
  const int h = (text[0] - '0') * 10 + (text[1] - '0');
  const int m = (text[3] - '0') * 10 + (text[4] - '0');
  if (h > 23 || m > 59) return false;
  minutes = h * 60 + m;
  return true;
}

bool time_zone_exists(const std::string& name) {
  if (name.empty() || name == "UTC" || name == "Local") return true;
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path root = "/usr/share/zoneinfo";
  if (!fs::is_directory(root, ec)) return true;  // nothing to judge against
  if (name.find("..") != std::string::npos || name.front() == '/' || name.front() == '\\') return false;
  return fs::is_regular_file(root / name, ec);
}

}  // namespace

void route(Checker& ck, const Node& r) {
  check_label_map_keys(ck, field_node(&r, "match"));

  const Node* group_by = field_node(&r, "group_by");
  if (group_by != nullptr && group_by->is_seq()) {
    bool all = false;
    std::vector<const Node*> names;
    for (const Node* item : group_by->items) {
      const std::string name = scalar_text(item);
      if (name == "...") {
        all = true;
      } else if (!is_utf8_label_name(name)) {
        ck.fail(item, ids::kGroupBy, "invalid label name " + go::quote(name) + " in group_by list");
      } else {
        names.push_back(item);
      }
    }
    if (all && !names.empty()) {
      ck.fail(group_by, ids::kGroupBy, "cannot have wildcard group_by (`...`) and other labels at the same time");
    }
    std::set<std::string, std::less<>> seen;
    for (const Node* item : names) {
      if (!seen.insert(item->value).second) {
        ck.fail(item, ids::kGroupBy, "duplicated label " + go::quote(item->value) + " in group_by");
      }
    }
  }
  if (const Node* n = field_node(&r, "group_interval"); is_zero_duration(n)) {
    ck.fail(n, ids::kRoute, "group_interval cannot be zero");
  }
  if (const Node* n = field_node(&r, "repeat_interval"); is_zero_duration(n)) {
    ck.fail(n, ids::kRoute, "repeat_interval cannot be zero");
  }
  if (const Node* labels = field_node(&r, "labels"); labels != nullptr && labels->is_map()) {
    for (const yaml::Entry& e : labels->entries) {
      if (!is_utf8_label_name(scalar_text(e.key))) {
        ck.fail(e.key, ids::kLabelName, "invalid label name " + go::quote(scalar_text(e.key)) + " in route labels");
      }
    }
  }
}

void inhibit_rule(Checker& ck, const Node& r) {
  const Node* sources = field_node(&r, "sources");
  if (is_nonempty_collection(sources) &&
      (is_nonempty_collection(field_node(&r, "source_match")) ||
       is_nonempty_collection(field_node(&r, "source_match_re")) ||
       is_nonempty_collection(field_node(&r, "source_matchers")) || is_nonempty_collection(field_node(&r, "equal")))) {
    ck.fail(sources, ids::kInhibitRule,
            "sources cannot be combined with source_match, source_match_re, source_matchers, or equal");
  }
  if (sources != nullptr && sources->is_seq()) {
    for (std::size_t i = 0; i < sources->items.size(); ++i) {
      const Node* source = sources->items[i];
      const std::string prefix = "source " + std::to_string(i) + ": ";
      const Matchers matchers = parse_all(ck, field_node(source, "matchers"));
      if (matchers.empty()) {
        ck.fail(source, ids::kInhibitRule, prefix + "matchers must not be empty");
      } else if (std::all_of(matchers.begin(), matchers.end(), [](const Matcher& m) { return m.matches(""); })) {
        ck.fail(source, ids::kInhibitRule, prefix + "at least one matcher must not match the empty string");
      }
      if (const Node* equal = field_node(source, "equal"); equal != nullptr && equal->is_seq()) {
        for (const Node* item : equal->items) {
          if (!is_utf8_label_name(scalar_text(item))) {
            ck.fail(item, ids::kLabelName,
                    "invalid label name " + go::quote(scalar_text(item)) + " in source equal list");
          }
        }
      }
    }
  }
  check_label_map_keys(ck, field_node(&r, "source_match"));
  check_label_map_keys(ck, field_node(&r, "target_match"));
  if (const Node* equal = field_node(&r, "equal"); equal != nullptr && equal->is_seq()) {
    for (const Node* item : equal->items) {
      if (!is_utf8_label_name(scalar_text(item))) {
        ck.fail(item, ids::kLabelName, "invalid label name " + go::quote(scalar_text(item)) + " in equal list");
      }
    }
  }
}

void receiver(Checker& ck, const Node& r) {
  const std::string name = text_of(&r, "name");
  if (name.empty()) {
    ck.fail(field_node(&r, "name") ? field_node(&r, "name") : &r, ids::kReceiver, "missing name in receiver");
    return;
  }
  if (const Node* label = field_node(field_node(&r, "labels"), "name"); label != nullptr && label->value != name) {
    ck.fail(label, ids::kReceiver,
            "receiver label \"name\" must match receiver name " + go::quote(name) + ", got " + go::quote(label->value));
  }
}

void time_interval(Checker& ck, const Node& t) {
  if (text_of(&t, "name").empty()) ck.fail(&t, ids::kTimeInterval, "missing name in time interval");
}

void mute_time_interval(Checker& ck, const Node& t) {
  if (text_of(&t, "name").empty()) ck.fail(&t, ids::kTimeInterval, "missing name in mute time interval");
}

void time_interval_spec(Checker& ck, const Node& t) {
  check_ranges(ck, field_node(&t, "weekdays"), RangeKind::Weekday);
  check_ranges(ck, field_node(&t, "days_of_month"), RangeKind::DayOfMonth);
  check_ranges(ck, field_node(&t, "months"), RangeKind::Month);
  check_ranges(ck, field_node(&t, "years"), RangeKind::Year);
  if (const Node* location = field_node(&t, "location"); location != nullptr && location->is_scalar()) {
    if (!time_zone_exists(location->value)) {
      ck.report(location, Phase::Decode, ids::kTimeInterval, "unknown time zone " + location->value);
    }
  }
}

void time_range(Checker& ck, const Node& t) {
  const std::string start = text_of(&t, "start_time");
  const std::string end = text_of(&t, "end_time");
  if (start.empty() || end.empty()) {
    ck.fail(&t, ids::kTimeInterval, "both start and end times must be provided");
    return;
  }
  int start_minutes = 0;
  int end_minutes = 0;
  if (!parse_clock(start, start_minutes)) {
    ck.fail(field_node(&t, "start_time"), ids::kTimeInterval, "couldn't parse timestamp " + start + ", invalid format");
    return;
  }
  if (!parse_clock(end, end_minutes)) {
    ck.fail(field_node(&t, "end_time"), ids::kTimeInterval, "couldn't parse timestamp " + end + ", invalid format");
    return;
  }
  if (start_minutes >= end_minutes) {
    ck.fail(&t, ids::kTimeInterval, "start time cannot be equal or greater than end time");
  }
}

}  // namespace mlmon::alertmanager::validators
