#include "core/rfc3339.hpp"

#include "core/civil_date.hpp"

namespace mlmon {

namespace {

// `count` decimal digits at `pos`, into `out`; false when there are fewer.
bool digits(std::string_view text, std::size_t pos, std::size_t count, int& out) {
  if (pos + count > text.size()) return false;
  out = 0;
  for (std::size_t i = pos; i < pos + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    out = out * 10 + (text[i] - '0');
  }
  return true;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

std::optional<Rfc3339Time> parse_rfc3339(std::string_view text, Rfc3339Mode mode) {
  const bool lenient = mode == Rfc3339Mode::lenient;
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (!digits(text, 0, 4, year) || text.size() < 20 || text[4] != '-' || !digits(text, 5, 2, month) || text[7] != '-' ||
      !digits(text, 8, 2, day) || !(text[10] == 'T' || (lenient && text[10] == 't')) || !digits(text, 11, 2, hour) ||
      text[13] != ':' || !digits(text, 14, 2, minute) || text[16] != ':' || !digits(text, 17, 2, second)) {
    return std::nullopt;
  }
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > (lenient ? 60 : 59)) {
    return std::nullopt;
  }
  if (!lenient && day > days_in_month(year, month)) return std::nullopt;
  Rfc3339Time out;
  std::size_t pos = 19;
  if (pos < text.size() && (text[pos] == '.' || (!lenient && text[pos] == ','))) {
    ++pos;
    const std::size_t start = pos;
    std::int32_t nano_scale = 100'000'000;
    double scale = 0.1;
    for (; pos < text.size() && is_digit(text[pos]); ++pos) {
      const int digit = text[pos] - '0';
      out.nanos += digit * nano_scale;  // 0 from the tenth digit on
      nano_scale /= 10;
      out.fraction += digit * scale;
      scale /= 10;
    }
    if (pos == start) return std::nullopt;
  }
  int offset = 0;
  if (pos < text.size() && (text[pos] == 'Z' || (lenient && text[pos] == 'z'))) {
    ++pos;
  } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
    int oh = 0, om = 0;
    if (!digits(text, pos + 1, 2, oh) || pos + 3 >= text.size() || text[pos + 3] != ':' ||
        !digits(text, pos + 4, 2, om)) {
      return std::nullopt;
    }
    if (!lenient && (oh > 23 || om > 59)) return std::nullopt;
    offset = (oh * 60 + om) * 60 * (text[pos] == '-' ? -1 : 1);
    pos += 6;
  } else {
    return std::nullopt;
  }
  if (pos != text.size()) return std::nullopt;
  out.seconds = days_from_civil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second - offset;
  return out;
}

}  // namespace mlmon
