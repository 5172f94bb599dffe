#include "thresholds/unified_diff.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

namespace mlmon::thresholds {

namespace {

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t nl = text.find('\n', start);
    const std::size_t end = nl == std::string_view::npos ? text.size() : nl + 1;
    lines.push_back(text.substr(start, end - start));
    start = end;
  }
  return lines;
}

enum class Op : char { Keep = ' ', Remove = '-', Add = '+' };

struct Step {
  Op op;
  std::string_view line;
};

// Beyond this many differing lines the middle is shown as one removal and one addition: the
// diffs mlmon prints change a handful of lines, and this keeps memory bounded on any input.
constexpr int kMaxEditDistance = 1000;

// Myers' O(ND) shortest edit script between a and b (both already stripped of their common
// prefix and suffix), or a plain remove-all/add-all when they differ in too many lines.
std::vector<Step> edit_script(const std::vector<std::string_view>& a, const std::vector<std::string_view>& b) {
  const int n = static_cast<int>(a.size());
  const int m = static_cast<int>(b.size());
  const int max_d = std::min(n + m, kMaxEditDistance);
  const int offset = max_d + 1;
  std::vector<int> v(2 * static_cast<std::size_t>(max_d) + 3, 0);
  std::vector<std::vector<int>> trace;
  int found = -1;
  for (int d = 0; d <= max_d && found < 0; ++d) {
    trace.push_back(v);
    for (int k = -d; k <= d; k += 2) {
      int x =
          (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1])) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      int y = x - k;
      while (x < n && y < m && a[x] == b[y]) ++x, ++y;
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
  }
  std::vector<Step> steps;
  if (found < 0) {
    for (auto line : a) steps.push_back({Op::Remove, line});
    for (auto line : b) steps.push_back({Op::Add, line});
    return steps;
  }
  // Walk back through the saved frontiers; trace[d] is the frontier before step d.
  int x = n;
  int y = m;
  for (int d = found; d > 0; --d) {
    const std::vector<int>& prev = trace[d];
    const int k = x - y;
    const bool down = k == -d || (k != d && prev[offset + k - 1] < prev[offset + k + 1]);
    const int prev_k = down ? k + 1 : k - 1;
    const int prev_x = prev[offset + prev_k];
    const int prev_y = prev_x - prev_k;
    while (x > prev_x && y > prev_y) {
      steps.push_back({Op::Keep, a[--x]});
      --y;
    }
    if (down) {
      steps.push_back({Op::Add, b[--y]});
    } else {
      steps.push_back({Op::Remove, a[--x]});
    }
  }
  while (x > 0 && y > 0) {
    steps.push_back({Op::Keep, a[--x]});
    --y;
  }
  std::reverse(steps.begin(), steps.end());
  return steps;
}

void append_line(std::string& out, Op op, std::string_view line) {
  out += static_cast<char>(op);
  if (!line.empty() && line.back() == '\n') {
    out.append(line);
  } else {
    out.append(line);
    out += "\n\\ No newline at end of file\n";
  }
}

// GNU diff: a one-line range is just its start; an empty range names the line before it.
std::string hunk_range(int start, int count) {
  if (count == 1) return fmt::format("{}", start + 1);
  return fmt::format("{},{}", count == 0 ? start : start + 1, count);
}

}  // namespace

std::string unified_diff(std::string_view old_text, std::string_view new_text, std::string_view label, int context) {
  if (old_text == new_text) return {};
  const auto a = split_lines(old_text);
  const auto b = split_lines(new_text);
  std::size_t prefix = 0;
  while (prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix]) ++prefix;
  std::size_t suffix = 0;
  while (suffix < a.size() - prefix && suffix < b.size() - prefix &&
         a[a.size() - 1 - suffix] == b[b.size() - 1 - suffix]) {
    ++suffix;
  }
  std::vector<Step> steps;
  for (std::size_t i = 0; i < prefix; ++i) steps.push_back({Op::Keep, a[i]});
  const std::vector<std::string_view> a_mid(a.begin() + prefix, a.end() - suffix);
  const std::vector<std::string_view> b_mid(b.begin() + prefix, b.end() - suffix);
  for (const Step& s : edit_script(a_mid, b_mid)) steps.push_back(s);
  for (std::size_t i = a.size() - suffix; i < a.size(); ++i) steps.push_back({Op::Keep, a[i]});

  std::string out = fmt::format("--- {}\n+++ {}\n", label, label);
  const int total = static_cast<int>(steps.size());
  // a_at[j], b_at[j]: 0-based line numbers in each text where step j starts.
  std::vector<int> a_at(total + 1, 0);
  std::vector<int> b_at(total + 1, 0);
  for (int j = 0; j < total; ++j) {
    a_at[j + 1] = a_at[j] + (steps[j].op != Op::Add ? 1 : 0);
    b_at[j + 1] = b_at[j] + (steps[j].op != Op::Remove ? 1 : 0);
  }
  int i = 0;
  while (i < total) {
    if (steps[i].op == Op::Keep) {
      ++i;
      continue;
    }
    // A hunk: `context` unchanged lines before the change, then changes until a run of more
    // than 2*context unchanged lines (or the end), then `context` unchanged lines.
    const int begin = std::max(0, i - context);
    int end = i;
    while (end < total) {
      if (steps[end].op != Op::Keep) {
        ++end;
        continue;
      }
      int run = 0;
      while (end + run < total && steps[end + run].op == Op::Keep) ++run;
      if (end + run >= total || run > 2 * context) {
        end += std::min(run, context);
        break;
      }
      end += run;
    }
    out += fmt::format("@@ -{} +{} @@\n", hunk_range(a_at[begin], a_at[end] - a_at[begin]),
                       hunk_range(b_at[begin], b_at[end] - b_at[begin]));
    for (int j = begin; j < end; ++j) append_line(out, steps[j].op, steps[j].line);
    i = end;
  }
  return out;
}

}  // namespace mlmon::thresholds
