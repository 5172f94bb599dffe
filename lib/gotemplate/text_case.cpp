#include "gotemplate/text_case.hpp"

#include <locale.h>
#include <wctype.h>

#include <array>
#include <utility>

#include "core/unicode.hpp"

namespace mlmon::gotemplate {

namespace {

locale_t unicode_locale() {
  // newlocale does not touch the process's locale; the handle lives as long as the program.
  static const locale_t locale = newlocale(LC_CTYPE_MASK, "C.UTF-8", static_cast<locale_t>(nullptr));
  return locale;
}

char32_t simple_upper(char32_t r) {
  if (r < 0x80) return (r >= 'a' && r <= 'z') ? r - 32 : r;
  if (const locale_t l = unicode_locale()) return static_cast<char32_t>(towupper_l(static_cast<wint_t>(r), l));
  return r;
}

char32_t simple_lower(char32_t r) {
  if (r < 0x80) return (r >= 'A' && r <= 'Z') ? r + 32 : r;
  if (const locale_t l = unicode_locale()) return static_cast<char32_t>(towlower_l(static_cast<wint_t>(r), l));
  return r;
}

// strings.Map with a rune mapping: invalid UTF-8 comes out as U+FFFD.
template <class F>
std::string map_runes(std::string_view s, F mapping) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const auto decoded = unicode::decode(s, i);
    unicode::append_utf8(out, mapping(decoded.rune));
    i += decoded.width;
  }
  return out;
}

// Title-case mappings that differ from the simple uppercase (SpecialCasing.txt, and the
// digraphs whose title case is their own letter).
std::string_view special_title(char32_t r) {
  static constexpr std::array<std::pair<char32_t, std::string_view>, 23> table{{
      {0x00DF, "Ss"},           {0x0149, "\u02BCN"}, {0x01C4, "\u01C5"}, {0x01C5, "\u01C5"}, {0x01C6, "\u01C5"},
      {0x01C7, "\u01C8"},       {0x01C8, "\u01C8"},  {0x01C9, "\u01C8"}, {0x01CA, "\u01CB"}, {0x01CB, "\u01CB"},
      {0x01CC, "\u01CB"},       {0x01F0, "J\u030C"}, {0x01F1, "\u01F2"}, {0x01F2, "\u01F2"}, {0x01F3, "\u01F2"},
      {0x0587, "\u0535\u0582"}, {0xFB00, "Ff"},      {0xFB01, "Fi"},     {0xFB02, "Fl"},     {0xFB03, "Ffi"},
      {0xFB04, "Ffl"},          {0xFB05, "St"},      {0xFB06, "St"},
  }};
  for (const auto& [rune, title] : table) {
    if (rune == r) return title;
  }
  return {};
}

// x/text's approximation of Unicode word breaking for title casing.
enum class WordBreak { letter, mid, break_ };

WordBreak word_break(char32_t r) {
  switch (r) {
    // MidLetter, MidNumLet, Single_Quote.
    case 0x0027:
    case 0x002E:
    case 0x003A:
    case 0x00B7:
    case 0x0387:
    case 0x055F:
    case 0x05F4:
    case 0x2018:
    case 0x2019:
    case 0x2024:
    case 0x2027:
    case 0xFE13:
    case 0xFE52:
    case 0xFE55:
    case 0xFF07:
    case 0xFF0E:
    case 0xFF1A: return WordBreak::mid;
    // ExtendNumLet, Format, ZWJ, and the punctuation and symbols that are ALetter.
    case 0x005F:
    case 0x00AD:
    case 0x202F:
    case 0x203F:
    case 0x2040:
    case 0x2054:
    case 0xFE33:
    case 0xFE34:
    case 0xFE4D:
    case 0xFE4E:
    case 0xFE4F:
    case 0xFF3F:
    case 0x200D:
    case 0xFEFF:
    case 0x02ED:
    case 0x055E:
    case 0x058A:
    case 0x05F3:
    case 0xAB5B:
    case 0xFB29: return WordBreak::letter;
    default: break;
  }
  if (r == unicode::replacement_char) return WordBreak::break_;
  if ((r >= 0x02C2 && r <= 0x02C5) || (r >= 0x02D2 && r <= 0x02D7) || (r >= 0x02DE && r <= 0x02DF) ||
      (r >= 0x02E5 && r <= 0x02EB) || (r >= 0x02EF && r <= 0x02FF) || (r >= 0x055A && r <= 0x055C) ||
      (r >= 0xA708 && r <= 0xA716) || (r >= 0xA720 && r <= 0xA721) || (r >= 0xA789 && r <= 0xA78A)) {
    return WordBreak::letter;
  }
  if ((r >= 0x0300 && r <= 0x036F) || (r >= 0x0483 && r <= 0x0489) || (r >= 0x1AB0 && r <= 0x1AFF) ||
      (r >= 0x1DC0 && r <= 0x1DFF) || (r >= 0x200B && r <= 0x200F) || (r >= 0x2060 && r <= 0x2064) ||
      (r >= 0x20D0 && r <= 0x20FF) || (r >= 0xFE00 && r <= 0xFE0F) || (r >= 0xFE20 && r <= 0xFE2F)) {
    return WordBreak::letter;  // Extend (combining marks) and Format
  }
  if (unicode::is_letter_or_digit(r)) return WordBreak::letter;
  return WordBreak::break_;
}

bool is_cased(char32_t r) {
  if (r < 0x80) return (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z');
  if (!special_title(r).empty()) return true;
  if (simple_upper(r) != r || simple_lower(r) != r) return true;
  if (const locale_t l = unicode_locale())
    return iswupper_l(static_cast<wint_t>(r), l) || iswlower_l(static_cast<wint_t>(r), l);
  return false;
}

}  // namespace

std::string to_upper(std::string_view s) { return map_runes(s, simple_upper); }

std::string to_lower(std::string_view s) { return map_runes(s, simple_lower); }

std::string to_title(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool mid_word = false;  // false: the next cased letter starts a word
  bool previous_mid = false;
  for (std::size_t i = 0; i < s.size();) {
    const auto decoded = unicode::decode(s, i);
    const bool invalid = decoded.width == 1 && decoded.rune == unicode::replacement_char;
    const char32_t r = decoded.rune;
    const WordBreak category = invalid ? WordBreak::break_ : word_break(r);
    // Two mid-word characters in a row end the word.
    if (previous_mid && category == WordBreak::mid) mid_word = false;
    if (!invalid && is_cased(r)) {
      if (!mid_word) {
        if (const std::string_view title = special_title(r); !title.empty()) out += title;
        else unicode::append_utf8(out, simple_upper(r));
        mid_word = true;
      } else {
        out += s.substr(i, decoded.width);  // NoLower: the rest of the word is kept
      }
    } else {
      out += s.substr(i, decoded.width);
      if (category == WordBreak::break_) mid_word = false;
    }
    previous_mid = category == WordBreak::mid;
    i += decoded.width;
  }
  return out;
}

}  // namespace mlmon::gotemplate
