// Go's regexp syntax and messages on RE2.
#include "core/go_regexp.hpp"

#include <doctest/doctest.h>
#include <re2/re2.h>

namespace mlmon::go_regexp {

TEST_CASE("go_regexp::to_re2 spells Go 1.22's (?<name>re) as RE2's (?P<name>re), nothing else") {
  CHECK(to_re2("(?<name>a)") == "(?P<name>a)");
  CHECK(to_re2("x(?<a>1)|(?<b>2)") == "x(?P<a>1)|(?P<b>2)");
  CHECK(to_re2("(?P<name>a)") == "(?P<name>a)");
  // Lookbehind (which RE2 and Go reject with their own error), escapes and classes stay as written.
  CHECK(to_re2("(?<=a)") == "(?<=a)");
  CHECK(to_re2("(?<!a)") == "(?<!a)");
  CHECK(to_re2("\\(?<a>") == "\\(?<a>");
  CHECK(to_re2("[(?<a>]") == "[(?<a>]");
  CHECK(to_re2("[](?<a>]") == "[](?<a>]");
  CHECK(to_re2("[^](?<a>]x(?<b>y)") == "[^](?<a>]x(?P<b>y)");
  CHECK(to_re2("(?<") == "(?<");
  CHECK(to_re2("") == "");
}

TEST_CASE("go_regexp::error_message words RE2's errors as Go does") {
  RE2::Options options;
  options.set_log_errors(false);
  auto message = [&](const char* pattern) {
    const RE2 re(to_re2(pattern), options);
    REQUIRE_FALSE(re.ok());
    return error_message(re, re.error_arg(), pattern);
  };
  CHECK(message("(") == "error parsing regexp: missing closing ): `(`");
  CHECK(message("a)") == "error parsing regexp: unexpected ): `a)`");
  CHECK(message("[z-a]") == "error parsing regexp: invalid character class range: `z-a`");
  CHECK(message("a**") == "error parsing regexp: invalid nested repetition operator: `**`");
  CHECK(message("\\8") == "error parsing regexp: invalid escape sequence: `\\8`");
  CHECK(message("(?<=a)") == "error parsing regexp: invalid or unsupported Perl syntax: `(?<`");
  // Quoted as written, not in RE2's spelling (promtool 3.5.3 says the same).
  CHECK(message("(?<n>x") == "error parsing regexp: missing closing ): `(?<n>x`");
  CHECK(message("(?P<n>x") == "error parsing regexp: missing closing ): `(?P<n>x`");
}

TEST_CASE("go_regexp::go_only_error: what RE2 takes and Go refuses") {
  CHECK(go_only_error("a\\C") == "error parsing regexp: invalid escape sequence: `\\C`");
  CHECK(go_only_error("[\\C]") == "error parsing regexp: invalid escape sequence: `\\C`");
  CHECK(go_only_error("a\\\\C").empty());  // an escaped backslash, then C
  CHECK(go_only_error("abc").empty());
}

}  // namespace mlmon::go_regexp
