#!/usr/bin/env bash
# Structural checks of dashboards/ml_metrics.json (or \$1) with jq (the parts grafana/dashboard-linter does
# not cover, plus its datasource, unit, title and rate-interval rules), and PromQL validity of
# every target through `promtool check rules`.
# Exit: 0 pass, 1 failure, 77 jq missing (the PromQL step is skipped without promtool).
set -uo pipefail
# shellcheck source=tests/integration/lib.sh
source "$(dirname "$0")/lib.sh"
require_tool jq "needed to read the dashboard"

dashboard=${1:-"$repo_root/dashboards/ml_metrics.json"} # an argument checks another file
jq empty "$dashboard" || fail "$dashboard is not valid JSON"

# Each check: a description and a jq program that prints offending items (nothing = pass).
# Panels inside rows are included via [.panels[], .panels[].panels[]?].
checks=(
  'uid, title, schemaVersion|
   [select(.uid != "ml-platform-metrics" or .title != "ML Platform" or .schemaVersion != 39) | "\(.uid) \(.title) \(.schemaVersion)"][]'
  'datasource variable of type datasource for prometheus|
   [.templating.list[] | select(.name == "datasource")] | if length == 1 and .[0].type == "datasource" and .[0].query == "prometheus" then empty else "missing or wrong" end'
  'model query variable on ${datasource}|
   [.templating.list[] | select(.name == "model")] | if length == 1 and .[0].type == "query" and .[0].datasource.uid == "${datasource}" then empty else "missing or wrong" end'
  'panel ids unique|
   [.panels[], .panels[].panels[]?] | group_by(.id)[] | select(length > 1) | "id \(.[0].id) used \(length) times"'
  'every panel has a title, description and unit|
   [.panels[], .panels[].panels[]?][] | select(.type != "row") |
   select((.title // "") == "" or (.description // "") == "" or (.fieldConfig.defaults.unit // "") == "") | "panel \(.id)"'
  'gridPos within 24 columns|
   [.panels[], .panels[].panels[]?][] | .gridPos as $g |
   select($g.x < 0 or $g.y < 0 or $g.w < 1 or $g.h < 1 or $g.x + $g.w > 24) | "panel \(.id): \($g)"'
  'no overlapping panels|
   [.panels[], .panels[].panels[]?] | [.[] | {id, g: .gridPos}] as $p |
   [range(0; $p | length) as $i | range($i + 1; $p | length) as $j | [$p[$i], $p[$j]] |
    select(.[0].g.x < .[1].g.x + .[1].g.w and .[1].g.x < .[0].g.x + .[0].g.w and
           .[0].g.y < .[1].g.y + .[1].g.h and .[1].g.y < .[0].g.y + .[0].g.h) |
    "panels \(.[0].id) and \(.[1].id)"][]'
  'panel and target datasources use ${datasource}|
   [.panels[], .panels[].panels[]?][] | select(.type != "row") | . as $p |
   ([.datasource] + [.targets[]?.datasource])[] | select(. != {"type": "prometheus", "uid": "${datasource}"}) | "panel \($p.id): \(.)"'
  'every panel has targets with unique refIds|
   [.panels[], .panels[].panels[]?][] | select(.type != "row") |
   select((.targets // []) | length == 0 or ([.[].refId] | unique | length) != length) | "panel \(.id)"'
  'rate() ranges use $__rate_interval|
   [.panels[], .panels[].panels[]?][] | .id as $id | .targets[]?.expr |
   [scan("rate\\([^\\[]*\\[([^\\]]*)\\]")[0]] | map(select(. != "$__rate_interval")) | .[] | "panel \($id): [\(.)]"'
  'the $model variable is used|
   [[.panels[], .panels[].panels[]?][] | .targets[]?.expr | select(test("\\$model"))] | if length > 0 then empty else "unused" end'
  'threshold lines: latency 0.5 s, drift 0.1, Kafka lag 100000|
   [.panels[], .panels[].panels[]?][] |
   (if (.title | test("latency"; "i")) then 0.5 elif (.title | test("drift"; "i")) then 0.1
    elif (.title | test("kafka"; "i")) then 100000 else empty end) as $want |
   select(.fieldConfig.defaults.custom.thresholdsStyle.mode != "line" or
          (any(.fieldConfig.defaults.thresholds.steps[]; .value == $want and .color == "red") | not)) |
   "\(.title): no red line at \($want)"'
)

status=0
for check in "${checks[@]}"; do
  what=${check%%|*}
  program=${check#*|}
  if ! out=$(jq -r "$program" "$dashboard" 2>&1); then
    echo "FAIL $what: jq error: $out" >&2
    status=1
  elif [ -n "$out" ]; then
    echo "FAIL $what:" >&2
    sed 's/^/     /' <<<"$out" >&2
    status=1
  else
    echo "ok   $what"
  fi
done

# PromQL validity: wrap every target in a recording rule, with Grafana variables given sample values.
if command -v promtool >/dev/null 2>&1; then
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  jq '{groups: [{name: "dashboard-targets", rules: [
        [.panels[], .panels[].panels[]?][] | .targets[]?.expr
        | gsub("\\$__rate_interval"; "5m") | gsub("\\$model"; ".+")] | to_entries
        | map({record: "dashboard:target:\(.key)", expr: .value})}]}' "$dashboard" >"$work/targets.yml"
  if timeout 60 promtool check rules "$work/targets.yml" >"$work/out" 2>&1; then
    echo "ok   every target is valid PromQL ($(grep -o '[0-9]* rules' "$work/out"))"
  else
    echo "FAIL target PromQL:" >&2
    sed 's/^/     /' "$work/out" >&2
    status=1
  fi
else
  echo "skip PromQL check (promtool not found)"
fi

[ "$status" -eq 0 ] || fail "dashboard checks failed (see above)"
echo "PASS: dashboard structure"
