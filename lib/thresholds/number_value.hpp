#pragma once
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace mlmon::thresholds {

/// A new threshold as the user wrote it, validated as a PromQL number literal.
struct NumberValue {
  std::string text;          ///< as given, surrounding spaces removed (may carry a sign)
  double value = 0;          ///< in seconds when is_duration
  bool is_duration = false;  ///< written as a duration ("26h"), which PromQL 3 accepts as a number
};

/// Validates VALUE as PromQL reads a number: an optional sign, then a decimal (`0.25`, `.5`,
/// `100000`, `1_000`), exponent (`1e5`), hex (`0x1f`), `Inf`/`NaN`, or a duration (`26h`, in
/// seconds). Errors quote the value and say what is expected.
Result<NumberValue> parse_number_value(std::string_view raw);

/// How `old_text` (a number token as written in the expression, without its sign) is written,
/// so the new value can be written the same way.
enum class NumberStyle { Integer, Decimal, Exponent, Hex, Duration, Special };
NumberStyle number_style(std::string_view old_text, bool old_is_duration);

/// The text to write for the magnitude of `value` (the caller writes the sign) in the style of
/// `old_text`, where the value allows it: `100000` → `150000` even for VALUE `1.5e5`; `1e5` →
/// `2e5`; `0x1f` → `0x20`; `10m` → `15m`; `1_000` → `2_500`; an integer style given `0.5` or
/// a duration style given `0.25` writes `0.5`/`0.25`. Otherwise VALUE's own text is kept.
std::string format_like(std::string_view old_text, bool old_is_duration, const NumberValue& value);

}  // namespace mlmon::thresholds
