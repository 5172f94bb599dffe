#!/usr/bin/env bash
# Renders rules/alertmanager.yml.tmpl with dummy secrets, validates it with `"$amtool" check-config`
# (with and without the optional PagerDuty key), and checks every case of
# rules/alertmanager-routes.cases.yml with `"$amtool" config routes test --verify.receivers`.
# Exit: 0 pass, 1 failure, 77 amtool missing.
set -uo pipefail
# shellcheck source=tests/integration/lib.sh
source "$(dirname "$0")/lib.sh"
amtool=$(newest_tool amtool) || exit $?

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0

for variant in default-pagerduty-key with-pagerduty-key; do
  key=""
  [ "$variant" = with-pagerduty-key ] && key=dummy-pagerduty-service-key
  config="$work/alertmanager-$variant.yml"
  render_alertmanager_config "$config" "$key" || fail "rendering the template failed ($variant)"
  echo "== amtool check-config ($variant)"
  if ! timeout 30 "$amtool" check-config "$config"; then
    status=1
  fi
done
config="$work/alertmanager-with-pagerduty-key.yml"
grep -q "service_key: 'dummy-pagerduty-service-key'" "$config" || fail "PAGERDUTY_SERVICE_KEY was not substituted"
grep -q "service_key: 'pagerduty-not-configured'" "$work/alertmanager-default-pagerduty-key.yml" ||
  fail "the PAGERDUTY_SERVICE_KEY default was not used"

# Rendering must refuse a missing required secret.
if env -u SMTP_PASSWORD SLACK_WEBHOOK_URL=https://hooks.slack.com/x \
    "$repo_root/deploy/render-alertmanager-config.sh" "$rules_dir/alertmanager.yml.tmpl" "$work/bad.yml" 2>/dev/null; then
  echo "FAIL: rendering without SMTP_PASSWORD succeeded" >&2
  status=1
fi

# The cases file is a YAML list of one-line flow mappings:
#   - {labels: {alertname: X, severity: critical, service: Y}, receivers: [a, b]}
cases="$rules_dir/alertmanager-routes.cases.yml"
echo "== "$amtool" config routes test (cases from ${cases#"$repo_root"/})"
count=0
seen_receivers=""
while IFS= read -r line; do
  case $line in
    '#'* | '') continue ;;
    '- {labels: {'*'}, receivers: ['*']}') ;;
    *) echo "FAIL: cannot read case: $line" >&2; status=1; continue ;;
  esac
  labels=$(sed -E 's/^- \{labels: \{([^}]*)\}.*/\1/; s/: /=/g; s/, / /g' <<<"$line")
  expected=$(sed -E 's/.*receivers: \[([^]]*)\]\}$/\1/; s/, /,/g' <<<"$line")
  # shellcheck disable=SC2086 # one argument per label=value pair
  if got=$(timeout 30 "$amtool" config routes test --config.file="$config" --verify.receivers="$expected" $labels 2>/dev/null); then
    echo "ok   $labels -> $got"
  else
    echo "FAIL $labels -> got '${got%%$'\n'*}', expected '$expected'" >&2
    status=1
  fi
  seen_receivers="$seen_receivers,$expected,"
  count=$((count + 1))
done <"$cases"
[ "$count" -gt 0 ] || fail "no cases in $cases"

# Every receiver of the routing tree must be reached by at least one case.
for receiver in $(sed -nE 's/^[[:space:]]*(- )?receiver: *([A-Za-z0-9_-]+).*/\2/p' "$config" | sort -u); do
  case $seen_receivers in
    *",$receiver,"*) ;;
    *) echo "FAIL: no routing case reaches receiver $receiver" >&2; status=1 ;;
  esac
done

[ "$status" -eq 0 ] || fail "Alertmanager config checks failed (see above)"
echo "PASS: config valid, $count routing cases"
