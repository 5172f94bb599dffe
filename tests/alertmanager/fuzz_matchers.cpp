// libFuzzer target for the label matcher parsers (-DMLMON_FUZZ=ON, clang).
// Property: whatever a parser (UTF-8, classic, Alertmanager's fallback) accepts in valid UTF-8,
// printed as Alertmanager prints matchers, parses back with the UTF-8 parser and the same parser
// to the same matchers; no input crashes or hangs a parser.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "alertmanager/labels.hpp"
#include "alertmanager/matcher.hpp"
#include "core/unicode.hpp"

namespace {

using namespace mlmon::alertmanager;

[[noreturn]] void fail(const char* what, std::string_view input, const std::string& printed,
                       const std::string& detail) {
  std::fprintf(stderr, "%s\n  input:   %.*s\n  printed: %s\n  %s\n", what, static_cast<int>(input.size()), input.data(),
               printed.c_str(), detail.c_str());
  std::abort();
}

bool same(const Matchers& a, const Matchers& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (!a[i].same_as(b[i])) return false;
  }
  return true;
}

/// `single`: the parser reads one matcher without braces, so it gets one printed that way.
void round_trip(std::string_view input, MatchersParse (*parser)(std::string_view), const char* name, bool single) {
  const MatchersParse first = parser(input);
  // Two things do not survive printing and reading back, in Alertmanager either: invalid UTF-8
  // (Go's strconv.Unquote reads each invalid byte of a quoted value as U+FFFD), and an empty
  // name (`""="r"` parses, and Alertmanager's String() prints it as `="r"`, which does not).
  if (!first.ok() || first.matchers.empty() || !mlmon::unicode::valid_utf8(input)) return;
  for (const Matcher& m : first.matchers) {
    if (m.name.empty()) return;
  }
  if (single && first.matchers.size() != 1) fail("one matcher expected", input, "", to_string(first.matchers));
  const std::string printed = single ? first.matchers.front().to_string() : to_string(first.matchers);
  for (auto [again_parser, again_name] : {std::pair{parser, name}, std::pair{&parse_matchers_utf8, "utf8"}}) {
    const MatchersParse again = again_parser(printed);
    const std::string what = std::string(name) + " → print → " + again_name;
    if (!again.ok()) fail((what + " fails").c_str(), input, printed, again.error);
    if (!same(first.matchers, again.matchers)) {
      fail((what + " differs").c_str(), input, printed, to_string(again.matchers));
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  round_trip(input, &parse_matchers_utf8, "utf8", false);
  round_trip(input, &parse_matchers_classic, "classic", false);
  round_trip(input, &parse_matchers, "fallback", false);
  // One matcher: amtool's label arguments, and the classic single-matcher form.
  round_trip(input, &parse_matcher, "single", true);
  round_trip(input, &parse_matcher_classic, "classic single", true);
  return 0;
}
