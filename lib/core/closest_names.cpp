#include "core/closest_names.hpp"

#include <algorithm>
#include <cctype>
#include <set>

namespace mlmon {

namespace {

// Names longer than this are not compared (the table is quadratic in length).
constexpr std::size_t kMaxCompared = 256;

char lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

std::string to_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = lower(c);
  return out;
}

}  // namespace

std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t cap) {
  const std::size_t n = a.size();
  const std::size_t m = b.size();
  if ((n > m ? n - m : m - n) > cap) return cap + 1;
  // Three rows of the dynamic-programming table (the one before the previous for swaps).
  std::vector<std::size_t> before(m + 1), prev(m + 1), row(m + 1);
  for (std::size_t j = 0; j <= m; ++j) prev[j] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    row[0] = i;
    std::size_t row_min = row[0];
    for (std::size_t j = 1; j <= m; ++j) {
      const bool same = lower(a[i - 1]) == lower(b[j - 1]);
      row[j] = std::min({prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (same ? 0 : 1)});
      if (i > 1 && j > 1 && lower(a[i - 1]) == lower(b[j - 2]) && lower(a[i - 2]) == lower(b[j - 1])) {
        row[j] = std::min(row[j], before[j - 2] + 1);
      }
      row_min = std::min(row_min, row[j]);
    }
    if (row_min > cap) return cap + 1;
    std::swap(before, prev);
    std::swap(prev, row);
  }
  return std::min(prev[m], cap + 1);
}

std::vector<std::string> closest_names(std::string_view wanted, const std::vector<std::string>& known,
                                       std::size_t limit) {
  if (wanted.empty() || wanted.size() > kMaxCompared) return {};
  const std::string wanted_lower = to_lower(wanted);
  const std::size_t cap = std::max<std::size_t>(2, wanted.size() / 3);
  // (score, name): score is the edit distance; a containment match scores just above the cap.
  std::set<std::pair<std::size_t, std::string>> ranked;
  std::set<std::string> seen;
  for (const std::string& name : known) {
    if (name.size() > kMaxCompared || !seen.insert(name).second) continue;
    std::size_t score = edit_distance(wanted, name, cap);
    if (score > cap) {
      const std::string name_lower = to_lower(name);
      const bool contains =
          std::min(name.size(), wanted.size()) >= 4 &&
          (name_lower.find(wanted_lower) != std::string::npos || wanted_lower.find(name_lower) != std::string::npos);
      if (!contains) continue;
      score = cap + 1;
    }
    ranked.emplace(score, name);
  }
  std::vector<std::string> out;
  for (const auto& [score, name] : ranked) {
    if (out.size() == limit) break;
    out.push_back(name);
  }
  return out;
}

}  // namespace mlmon
