#include "core/unicode.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace mlmon::unicode {

namespace {

using Range = std::pair<char32_t, char32_t>;  // inclusive

// Code points above U+007F that are neither letters nor decimal digits (punctuation, symbols,
// marks, spaces, controls, private use). Sorted; anything not listed counts as a letter.
constexpr std::array non_alnum_ranges{
    Range{0x0080, 0x00A9},   Range{0x00AB, 0x00B4},   Range{0x00B6, 0x00B9},   Range{0x00BB, 0x00BF},
    Range{0x00D7, 0x00D7},   Range{0x00F7, 0x00F7},   Range{0x02C2, 0x02C5},   Range{0x02D2, 0x02DF},
    Range{0x02E5, 0x02EB},   Range{0x02ED, 0x02ED},   Range{0x02EF, 0x036F},   Range{0x0375, 0x0375},
    Range{0x037E, 0x037E},   Range{0x0384, 0x0385},   Range{0x0387, 0x0387},   Range{0x03F6, 0x03F6},
    Range{0x0482, 0x0489},   Range{0x055A, 0x055F},   Range{0x0589, 0x058F},   Range{0x0591, 0x05CF},
    Range{0x05F3, 0x061F},   Range{0x064B, 0x065F},   Range{0x066A, 0x066D},   Range{0x0670, 0x0670},
    Range{0x06D4, 0x06D4},   Range{0x06D6, 0x06E4},   Range{0x06E7, 0x06ED},   Range{0x06FD, 0x06FE},
    Range{0x0700, 0x070F},   Range{0x0900, 0x0903},   Range{0x093A, 0x093C},   Range{0x093E, 0x094F},
    Range{0x0951, 0x0957},   Range{0x0962, 0x0965},   Range{0x0970, 0x0970},   Range{0x1680, 0x1680},
    Range{0x1AB0, 0x1AFF},   Range{0x1DC0, 0x1DFF},   Range{0x1FBD, 0x1FBD},   Range{0x1FBF, 0x1FC1},
    Range{0x1FCD, 0x1FCF},   Range{0x1FDD, 0x1FDF},   Range{0x1FED, 0x1FEF},   Range{0x1FFD, 0x1FFE},
    Range{0x2000, 0x2070},   Range{0x2072, 0x207E},   Range{0x2080, 0x208F},   Range{0x209D, 0x2101},
    Range{0x2103, 0x2106},   Range{0x2108, 0x2109},   Range{0x2114, 0x2114},   Range{0x2116, 0x2118},
    Range{0x211E, 0x2123},   Range{0x2125, 0x2125},   Range{0x2127, 0x2127},   Range{0x2129, 0x2129},
    Range{0x212E, 0x212E},   Range{0x213A, 0x213B},   Range{0x2140, 0x2144},   Range{0x214A, 0x214D},
    Range{0x214F, 0x2182},   Range{0x2185, 0x2BFF},   Range{0x2CE5, 0x2CEA},   Range{0x2CEF, 0x2CF1},
    Range{0x2CF9, 0x2CFF},   Range{0x2E00, 0x2FFF},   Range{0x3000, 0x3004},   Range{0x3007, 0x3030},
    Range{0x3036, 0x303A},   Range{0x303D, 0x3040},   Range{0x3099, 0x309C},   Range{0x30A0, 0x30A0},
    Range{0x30FB, 0x30FB},   Range{0x3190, 0x319F},   Range{0x31C0, 0x31EF},   Range{0x3200, 0x33FF},
    Range{0x4DC0, 0x4DFF},   Range{0xA490, 0xA4CF},   Range{0xA4FE, 0xA4FF},   Range{0xA60D, 0xA60F},
    Range{0xA66F, 0xA67E},   Range{0xA69E, 0xA69F},   Range{0xA6F0, 0xA6F7},   Range{0xA700, 0xA716},
    Range{0xA720, 0xA721},   Range{0xA789, 0xA78A},   Range{0xA828, 0xA83F},   Range{0xD800, 0xF8FF},
    Range{0xFB1E, 0xFB1E},   Range{0xFB29, 0xFB29},   Range{0xFD3E, 0xFD4F},   Range{0xFDFC, 0xFDFF},
    Range{0xFE00, 0xFE6F},   Range{0xFEFF, 0xFEFF},   Range{0xFF01, 0xFF0F},   Range{0xFF1A, 0xFF20},
    Range{0xFF3B, 0xFF40},   Range{0xFF5B, 0xFF65},   Range{0xFFE0, 0xFFFF},   Range{0x10100, 0x1013F},
    Range{0x1D000, 0x1D24F}, Range{0x1D300, 0x1D37F}, Range{0x1EC70, 0x1ECBF}, Range{0x1ED00, 0x1ED4F},
    Range{0x1EEF0, 0x1EEF1}, Range{0x1F000, 0x1FBEF}, Range{0x1FBFA, 0x1FFFF}, Range{0xE0000, 0x10FFFF},
};

// Code points above U+007E that strconv.IsPrint rejects: controls, format characters,
// separators other than U+0020, surrogates, private use and the last noncharacters.
constexpr std::array non_print_ranges{
    Range{0x007F, 0x00A0}, Range{0x00AD, 0x00AD},   Range{0x0600, 0x0605},    Range{0x061C, 0x061C},
    Range{0x06DD, 0x06DD}, Range{0x070F, 0x070F},   Range{0x180E, 0x180E},    Range{0x1680, 0x1680},
    Range{0x2000, 0x200F}, Range{0x2028, 0x202F},   Range{0x205F, 0x2064},    Range{0x2066, 0x206F},
    Range{0x3000, 0x3000}, Range{0xD800, 0xF8FF},   Range{0xFEFF, 0xFEFF},    Range{0xFFF9, 0xFFFB},
    Range{0xFFFE, 0xFFFF}, Range{0xE0000, 0xE0FFF}, Range{0xF0000, 0x10FFFF},
};

template <std::size_t N>
bool in_ranges(const std::array<Range, N>& ranges, char32_t r) {
  auto it = std::upper_bound(ranges.begin(), ranges.end(), r,
                             [](char32_t value, const Range& range) { return value < range.first; });
  return it != ranges.begin() && r <= std::prev(it)->second;
}

}  // namespace

DecodedRune decode(std::string_view s, std::size_t pos) {
  if (pos >= s.size()) return {0, 0};
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
  const unsigned char b0 = byte(pos);
  if (b0 < 0x80) return {b0, 1};
  std::size_t need = 0;
  char32_t r = 0;
  char32_t min = 0;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    need = 1;
    r = b0 & 0x1F;
    min = 0x80;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    need = 2;
    r = b0 & 0x0F;
    min = 0x800;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    need = 3;
    r = b0 & 0x07;
    min = 0x10000;
  } else return {replacement_char, 1};
  if (pos + need >= s.size()) return {replacement_char, 1};
  for (std::size_t i = 1; i <= need; ++i) {
    const unsigned char b = byte(pos + i);
    if ((b & 0xC0) != 0x80) return {replacement_char, 1};
    r = (r << 6) | (b & 0x3F);
  }
  if (r < min || r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF)) return {replacement_char, 1};
  return {r, need + 1};
}

bool valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {  // ASCII, most of what label names and values hold
      ++i;
      continue;
    }
    const DecodedRune r = decode(s, i);
    if (r.rune == replacement_char && r.width == 1) return false;  // an encoded U+FFFD is 3 bytes
    i += r.width;
  }
  return true;
}

DecodedRune decode_last(std::string_view s, std::size_t end) {
  if (end == 0) return {0, 0};
  const auto is_continuation = [&](std::size_t i) { return (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80; };
  // Like Go: step back to the nearest non-continuation byte (at most 4 bytes) and decode from
  // there; if that rune does not end exactly at `end`, the last byte is an invalid rune.
  std::size_t start = end - 1;
  while (start > 0 && end - start < 4 && is_continuation(start)) --start;
  const DecodedRune d = decode(s, start);
  if (start + d.width == end) return d;
  return {replacement_char, 1};
}

void append_utf8(std::string& out, char32_t r) {
  if (r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF)) r = replacement_char;
  if (r < 0x80) {
    out += static_cast<char>(r);
  } else if (r < 0x800) {
    out += static_cast<char>(0xC0 | (r >> 6));
    out += static_cast<char>(0x80 | (r & 0x3F));
  } else if (r < 0x10000) {
    out += static_cast<char>(0xE0 | (r >> 12));
    out += static_cast<char>(0x80 | ((r >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (r & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (r >> 18));
    out += static_cast<char>(0x80 | ((r >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((r >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (r & 0x3F));
  }
}

bool is_letter_or_digit(char32_t r) {
  if (r < 0x80) return (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9');
  if (r == replacement_char) return false;
  return !in_ranges(non_alnum_ranges, r);
}

bool is_print(char32_t r) {
  if (r < 0x80) return r >= 0x20 && r < 0x7F;
  return r <= 0x10FFFF && !in_ranges(non_print_ranges, r);
}

bool is_space(char32_t r) {
  switch (r) {
    case '\t':
    case '\n':
    case '\v':
    case '\f':
    case '\r':
    case ' ':
    case 0x85:
    case 0xA0:
    case 0x1680:
    case 0x2028:
    case 0x2029:
    case 0x202F:
    case 0x205F:
    case 0x3000: return true;
    default: return r >= 0x2000 && r <= 0x200A;
  }
}

}  // namespace mlmon::unicode
