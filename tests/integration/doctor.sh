#!/usr/bin/env bash
# mlmon doctor against real servers: Prometheus 3.x and Alertmanager 0.33 (the reference builds;
# bookworm's 2.42 / 0.25 as a noted fallback), a test exporter and a webhook of this script's own,
# all on 127.0.0.1 with free ports and temp storage. Each scenario starts what it needs, breaks one
# thing, and asserts the exact line doctor prints for it (durations and counters, which depend on
# timing, masked as <T> and <N>). The healthy scenario (the shipped rules, template and dashboard)
# reports nothing and exits 0, and every request doctor sent through a logging proxy is a GET.
# Exit: 0 pass, 1 failure, 77 tools missing (mlmon too). MLMON: the mlmon binary (default
# build/apps/mlmon). DOCTOR_SHOW=1 prints each of doctor's reports.
set -uo pipefail
# shellcheck source=tests/integration/lib.sh
source "$(dirname "$0")/lib.sh"

mlmon_bin=${MLMON:-$repo_root/build/apps/mlmon}
[ -x "$mlmon_bin" ] ||
  skip "mlmon not built at $mlmon_bin (build it: make build, or cmake --build build --target mlmon; or set MLMON)"
prometheus_bin=$(newest_tool prometheus) || exit $?
alertmanager_bin=$(newest_tool alertmanager prometheus-alertmanager) || exit $?
require_tool curl "needed to query the servers"
require_tool jq "needed to read the API answers"
require_tool python3 "needed for the exporter, the webhook and the proxy"

readonly scenario_timeout=30 # seconds a scenario may wait for the stack to reach its state

start_process_scope
status=0
failures=()

# --- Helpers of this script's own: exporter, webhook, proxy -----------------------------------
# The exporter serves each scrape job's metrics on its own path (rules/METRICS.md), healthy values
# by default; MODE=no-drift-score leaves model_drift_score out.
cat >"$work/exporter.py" <<'PY'
import http.server, sys, time
START = time.time()
MODE = sys.argv[2]
MODEL = 'model="fraud-detector"'
BUCKETS = ["0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "10", "+Inf"]
def prediction():
    n = int((time.time() - START) * 20) + 1
    out = ["# TYPE prediction_latency_seconds histogram"]
    for le in BUCKETS:  # every request under 10 ms: p99 far below the 0.5 s threshold
        out.append('prediction_latency_seconds_bucket{%s,le="%s"} %d' % (MODEL, le, n))
    out += ["prediction_latency_seconds_sum{%s} %.3f" % (MODEL, n * 0.005),
            "prediction_latency_seconds_count{%s} %d" % (MODEL, n),
            "# TYPE predictions_total counter", "predictions_total{%s} %d" % (MODEL, n),
            "# TYPE prediction_errors_total counter", 'prediction_errors_total{%s,error_type="model"} 0' % MODEL]
    return out
def drift():
    if MODE == "no-drift-score":
        return ["# TYPE drift_monitor_checks_total counter", "drift_monitor_checks_total 1"]
    return ["# TYPE model_drift_score gauge", 'model_drift_score{%s,feature="amount"} 0.02' % MODEL]
def kafka():
    return ["# TYPE kafka_consumergroup_lag gauge",
            'kafka_consumergroup_lag{consumergroup="scorer",topic="transactions",partition="0"} 12']
def pushgateway():  # what a Spark job pushed, as the Pushgateway exposes it (job = the Spark job)
    now = time.time()
    job = 'job="nightly-features",instance=""'
    return ["spark_job_duration_seconds{%s} 640" % job, "spark_records_processed_total{%s} 120000" % job,
            "spark_job_last_success_timestamp_seconds{%s} %.0f" % (job, now - 3600),
            "spark_job_last_failure_timestamp_seconds{%s} %.0f" % (job, now - 7200),
            "push_time_seconds{%s} %.0f" % (job, now - 3600)]
PATHS = {"/prediction": prediction, "/drift": drift, "/kafka": kafka, "/pushgateway": pushgateway}
class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        make = PATHS.get(self.path)
        body = ("\n".join(make()) + "\n").encode() if make else b"ok\n"
        self.send_response(200 if make or self.path == "/" else 404)
        self.send_header("Content-Type", "text/plain; version=0.0.4")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *args):
        pass
http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
PY

# The webhook receiver: answers every POST with STATUS, counts them in FILE.
cat >"$work/webhook.py" <<'PY'
import http.server, sys
STATUS, OUT = int(sys.argv[2]), sys.argv[3]
class Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        with open(OUT, "a") as f:
            f.write("POST %s\n" % self.path)
        self.send_response(STATUS)
        self.send_header("Content-Length", "0")
        self.end_headers()
    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()
    def log_message(self, *args):
        pass
http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
PY

# A logging reverse proxy: forwards any method to UPSTREAM and writes "METHOD PATH" to LOG, so the
# test sees what doctor sends whatever doctor says about itself.
cat >"$work/proxy.py" <<'PY'
import http.server, sys, urllib.request, urllib.error
PORT, UPSTREAM, LOG = int(sys.argv[1]), sys.argv[2], sys.argv[3]
class Handler(http.server.BaseHTTPRequestHandler):
    def forward(self):
        with open(LOG, "a") as f:
            f.write("%s %s\n" % (self.command, self.path))
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        request = urllib.request.Request(UPSTREAM + self.path, data=body, method=self.command)
        for name in ("Authorization", "Content-Type", "Accept"):
            if self.headers.get(name):
                request.add_header(name, self.headers[name])
        try:
            reply = urllib.request.urlopen(request, timeout=10)
            status, data, kind = reply.status, reply.read(), reply.headers.get("Content-Type", "")
        except urllib.error.HTTPError as e:
            status, data, kind = e.code, e.read(), e.headers.get("Content-Type", "")
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = do_OPTIONS = forward
    def log_message(self, *args):
        pass
http.server.ThreadingHTTPServer(("127.0.0.1", PORT), Handler).serve_forever()
PY

# --- Scenario plumbing --------------------------------------------------------------------------
scenario_pids=()

# start NAME READY_URL COMMAND...: runs COMMAND in the background (log in $sdir/NAME.log), waits
# until READY_URL answers.
start() {
  local name=$1 url=$2 pid deadline=$((SECONDS + startup_timeout))
  shift 2
  "$@" >"$sdir/$name.log" 2>&1 &
  pid=$!
  pids+=($pid)
  scenario_pids+=($pid)
  # lib.sh's wait_ready, polling faster: these servers start in a second or two.
  while ! curl --silent --fail --noproxy '*' --max-time 2 --output /dev/null "$url"; do
    if ! kill -0 "$pid" 2>/dev/null || ((SECONDS >= deadline)); then
      tail -n 30 "$sdir/$name.log" >&2
      fail "$name did not start"
    fi
    sleep 0.1
  done
}

stop_scenario() {
  local pid i
  for pid in "${scenario_pids[@]}"; do kill "$pid" 2>/dev/null; done
  for pid in "${scenario_pids[@]}"; do
    for ((i = 0; i < 50; i++)); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
  done
  scenario_pids=()
}

# new_repo: a copy of the shipped config (rules, template, dashboard) in $repo, as a user's clone.
new_repo() {
  repo="$sdir/repo"
  mkdir -p "$repo/rules" "$repo/dashboards"
  cp "$rules_dir/ml-platform.recording.yml" "$rules_dir/ml-platform.rules.yml" "$rules_dir/alertmanager.yml.tmpl" \
    "$repo/rules/"
  cp "$repo_root/dashboards/ml_metrics.json" "$repo/dashboards/"
}

start_exporter() { # MODE
  exporter_port=$(free_port) || fail "could not pick a port"
  start exporter "http://127.0.0.1:$exporter_port/" python3 "$work/exporter.py" "$exporter_port" "$1"
}

# start_alertmanager CONFIG: with the reference build's default templates, on a free port.
start_alertmanager() {
  am_port=$(free_port) || fail "could not pick a port"
  add_reference_templates "$1" "$alertmanager_bin"
  rm -rf "$sdir/am-data" && mkdir -p "$sdir/am-data"
  start alertmanager "http://127.0.0.1:$am_port/-/ready" "$alertmanager_bin" --config.file="$1" \
    --storage.path="$sdir/am-data" --web.listen-address="127.0.0.1:$am_port" --cluster.listen-address=
}

# render_shipped_template OUT: the repository's template with dummy secrets (as real_servers.sh).
render_shipped_template() { render_alertmanager_config "$1" || fail "rendering the Alertmanager template failed"; }

# start_prometheus RULE_FILES ALERTING JOBS: RULE_FILES space-separated paths; ALERTING yes or no;
# JOBS lines of "name host:port path".
start_prometheus() {
  local rule_files=$1 alerting=$2 jobs=$3 file name address path
  prom_port=$(free_port) || fail "could not pick a port"
  {
    printf 'global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\n  evaluation_interval: 1s\n'
    printf '  external_labels:\n    platform: ml-platform\nrule_files:\n'
    for file in $rule_files; do printf '  - %s\n' "$file"; done
    if [ "$alerting" = yes ]; then
      printf "alerting:\n  alertmanagers:\n    - static_configs:\n        - targets: ['127.0.0.1:%s']\n" "$am_port"
    fi
    printf 'scrape_configs:\n'
    while read -r name address path; do
      [ -n "$name" ] || continue
      printf "  - job_name: %s\n    metrics_path: %s\n" "$name" "$path"
      [ "$name" = pushgateway ] && printf '    honor_labels: true\n'
      printf "    static_configs:\n      - targets: ['%s']\n" "$address"
    done <<<"$jobs"
  } >"$sdir/prometheus.yml"
  rm -rf "$sdir/prom-data" && mkdir -p "$sdir/prom-data"
  # An alert that fires at the first evaluation, before the Alertmanager is discovered, is resent
  # only after --rules.alert.resend-delay (1m by default): 1s keeps the scenarios short.
  start prometheus "http://127.0.0.1:$prom_port/-/ready" "$prometheus_bin" --config.file="$sdir/prometheus.yml" \
    --storage.tsdb.path="$sdir/prom-data" --web.listen-address="127.0.0.1:$prom_port" --rules.alert.resend-delay=1s
}

# The scrape jobs of deploy/prometheus.yml that the rules select, all served by the exporter.
platform_jobs() {
  printf 'prediction-service 127.0.0.1:%s /prediction\n' "$exporter_port"
  printf 'drift-monitor %s /drift\n' "${1:-127.0.0.1:$exporter_port}"
  printf 'kafka-exporter 127.0.0.1:%s /kafka\n' "$exporter_port"
  printf 'pushgateway 127.0.0.1:%s /pushgateway\n' "$exporter_port"
}

# wait_for DESCRIPTION COMMAND...: polls COMMAND (every 0.2 s) until it succeeds; false on timeout.
wait_for() {
  local what=$1 deadline=$((SECONDS + scenario_timeout))
  shift
  while ((SECONDS < deadline)); do
    "$@" >/dev/null 2>&1 && return 0
    sleep 0.2
  done
  echo "     timed out waiting for: $what" >&2
  return 1
}

prom_api() { http_get "http://127.0.0.1:$prom_port$1"; }

# Every loaded rule evaluated at least once.
rules_evaluated() {
  [ "$(prom_api /api/v1/rules | jq '[.data.groups[].rules[] | select(.health == "unknown")] | length')" = 0 ]
}

# Each name has a series now.
series_exist() {
  local name
  for name in "$@"; do
    [ "$(prom_api "/api/v1/query?query=count($name)" | jq '.data.result | length')" = 1 ] || return 1
  done
}

# settle [RECORDED...]: every target scraped once, every rule evaluated, and each RECORDED series
# present (rate() needs two scrapes): the stack as it runs after its first seconds, so that a
# scenario's findings are its fault's, not the startup's.
settle() {
  local state
  state="$(declare -f http_get prom_api rules_evaluated series_exist); prom_port=$prom_port"
  wait_for "every target scraped" bash -c "$state; prom_api /api/v1/targets |
    jq -e '(.data.activeTargets | length > 0) and ([.data.activeTargets[] | select(.health == \"unknown\")] | length == 0)'" &&
    wait_for "every rule evaluated" bash -c "$state; rules_evaluated" &&
    { [ $# = 0 ] || wait_for "recorded series: $*" bash -c "$state; series_exist $*"; }
}

# The recording rules' outputs that a healthy exporter makes appear.
readonly recorded="model:prediction_latency_seconds:p99_rate5m model:prediction_errors:ratio_rate5m consumergroup_topic:kafka_consumergroup_lag:sum"

# run_doctor ARGS...: doctor on $repo (from inside it, so paths print as rules/...), against this
# scenario's servers; sets doctor_out and doctor_code.
run_doctor() {
  doctor_out=$(cd "$repo" && "$mlmon_bin" doctor . --prometheus "http://127.0.0.1:$prom_port" \
    --alertmanager "http://127.0.0.1:$am_port" --skip grafana --retries 0 --color never "$@" 2>"$sdir/doctor.err")
  doctor_code=$?
  [ -z "${DOCTOR_SHOW:-}" ] || { echo "--- doctor, exit $doctor_code"; cat <<<"$doctor_out"; } >&2
}

# Durations and counters depend on timing: "12s ago" -> "<T> ago", "3 of 4 failed" -> "<N> of <N> failed".
masked() {
  sed -E -e 's/[0-9]+[dhms]([0-9]+[dhms])? ago/<T> ago/g' -e 's/down for [0-9]+[dhms]([0-9]+[dhms])?/down for <T>/g' \
    -e 's/: [0-9]+ of [0-9]+ failed/: <N> of <N> failed/g' <<<"$doctor_out"
}

# expect_line SCENARIO LINE PROBLEMS: doctor's (masked) output has LINE exactly, exit 1, and PROBLEMS
# findings at warning or above in all (the fault's own, and what follows from it).
expect_line() {
  local scenario=$1 line=$2 problems=$3 got
  got=$(grep -cE '^  (error|warning) ' <<<"$doctor_out")
  if grep -qxF -- "$line" <<<"$(masked)" && [ "$doctor_code" = 1 ] && [ "$got" = "$problems" ]; then
    echo "ok   $scenario"
  else
    echo "FAIL $scenario: expected exit 1, $problems problems and the line" >&2
    echo "     $line" >&2
    echo "     got exit $doctor_code, $got problems:" >&2
    sed 's/^/     | /' <<<"$doctor_out" >&2
    sed 's/^/     stderr: /' "$sdir/doctor.err" >&2
    status=1
  fi
}

scenario_failed() {
  echo "FAIL $1: the stack did not reach its state" >&2
  status=1
}

# --- Healthy: the shipped config, nothing to report --------------------------------------------
scenario_healthy() {
  new_repo healthy
  start_exporter healthy
  render_shipped_template "$sdir/am-healthy.yml"
  start_alertmanager "$sdir/am-healthy.yml"
  start_prometheus "$repo/rules/ml-platform.recording.yml $repo/rules/ml-platform.rules.yml" yes "$(platform_jobs)"
  if ! settle $recorded || ! wait_for "Prometheus sending to Alertmanager" bash -c \
    "curl -sf --noproxy '*' http://127.0.0.1:$prom_port/api/v1/alertmanagers | jq -e '.data.activeAlertmanagers | length == 1'"; then
    scenario_failed healthy
    stop_scenario
    return
  fi
  local started=$EPOCHREALTIME
  run_doctor
  local finished=$EPOCHREALTIME
  if [ "$doctor_code" = 0 ] && ! grep -qE '^  (error|warning|info) ' <<<"$doctor_out" &&
    grep -qx 'no problems found' <<<"$doctor_out"; then
    echo "ok   healthy: nothing reported, exit 0 (doctor took $(awk "BEGIN {printf \"%.3f\", $finished - $started}") s)"
  else
    echo "FAIL healthy: expected exit 0 and no finding" >&2
    sed 's/^/     | /' <<<"$doctor_out" >&2
    status=1
  fi

  # The same run through logging proxies: what doctor sends, seen from outside.
  local proxy_log="$sdir/proxy.log" prom_proxy am_proxy
  : >"$proxy_log"
  prom_proxy=$(free_port) && am_proxy=$(free_port) || fail "could not pick a port"
  start prom-proxy "http://127.0.0.1:$prom_proxy/-/ready" python3 "$work/proxy.py" "$prom_proxy" \
    "http://127.0.0.1:$prom_port" "$proxy_log"
  start am-proxy "http://127.0.0.1:$am_proxy/-/ready" python3 "$work/proxy.py" "$am_proxy" \
    "http://127.0.0.1:$am_port" "$proxy_log"
  grep -v -e '^GET /-/ready$' "$proxy_log" >"$proxy_log.readiness" # wait_ready's own probes
  : >"$proxy_log"
  doctor_out=$(cd "$repo" && "$mlmon_bin" doctor . --prometheus "http://127.0.0.1:$prom_proxy" \
    --alertmanager "http://127.0.0.1:$am_proxy" --skip grafana --retries 0 2>"$sdir/doctor.err")
  doctor_code=$?
  local requests others
  requests=$(wc -l <"$proxy_log")
  others=$(grep -vE '^GET |^POST /api/v1/(query|query_range|series|labels|label/[^/]+/values)([?]|$)' "$proxy_log")
  if [ "$doctor_code" = 0 ] && [ "$requests" -gt 10 ] && [ -z "$others" ]; then
    echo "ok   read-only: all $requests requests through the proxies are GET"
  else
    echo "FAIL read-only: exit $doctor_code, $requests requests, not read-only:" >&2
    sed 's/^/     /' <<<"$others" >&2
    status=1
  fi
  stop_scenario
}

# --- Each fault on its own ----------------------------------------------------------------------
scenario_target_down() {
  new_repo target-down
  start_exporter healthy
  render_shipped_template "$sdir/am.yml"
  start_alertmanager "$sdir/am.yml"
  local closed
  closed=$(free_port) || fail "could not pick a port"
  start_prometheus "$repo/rules/ml-platform.recording.yml $repo/rules/ml-platform.rules.yml" yes \
    "$(platform_jobs "127.0.0.1:$closed")"
  settle $recorded || { scenario_failed "a down target"; stop_scenario; return; }
  run_doctor
  expect_line "a down target" "  error    target drift-monitor 127.0.0.1:$closed is down (never up since Prometheus started <T> ago): Get \"http://127.0.0.1:$closed/drift\": dial tcp 127.0.0.1:$closed: connect: connection refused [doctor/target-down]" 2
  stop_scenario
}

scenario_metric_missing() {
  new_repo metric-missing
  start_exporter no-drift-score
  render_shipped_template "$sdir/am.yml"
  start_alertmanager "$sdir/am.yml"
  start_prometheus "$repo/rules/ml-platform.recording.yml $repo/rules/ml-platform.rules.yml" yes "$(platform_jobs)"
  settle $recorded || { scenario_failed "a metric no target exports"; stop_scenario; return; }
  run_doctor
  expect_line "a metric the rules use that no target exports" '  warning  rules/ml-platform.rules.yml:72:15: no series for metric model_drift_score in the last 5m; needed by alert "ModelDriftDetected", panel "Model drift score" [doctor/metric-missing]' 1
  stop_scenario
}

scenario_rule_changed() {
  new_repo rule-changed
  start_exporter healthy
  render_shipped_template "$sdir/am.yml"
  start_alertmanager "$sdir/am.yml"
  start_prometheus "$repo/rules/ml-platform.recording.yml $repo/rules/ml-platform.rules.yml" yes "$(platform_jobs)"
  settle $recorded || { scenario_failed "a rule changed in git"; stop_scenario; return; }
  # The file changes in git; Prometheus keeps what it loaded until it is reloaded.
  "$mlmon_bin" set-threshold HighPredictionLatency 0.3 "$repo/rules/ml-platform.rules.yml" >/dev/null ||
    fail "mlmon set-threshold failed"
  run_doctor
  expect_line "a rule changed in git but not reloaded" '  error    rules/ml-platform.rules.yml:14:9: alert "HighPredictionLatency" (group "ml-platform-prediction.alerts") differs: threshold: 0.3 in git, 0.5 in Prometheus [doctor/rule-differs]' 1
  stop_scenario
}

scenario_group_missing() {
  new_repo group-missing
  start_exporter healthy
  render_shipped_template "$sdir/am.yml"
  start_alertmanager "$sdir/am.yml"
  start_prometheus "$repo/rules/ml-platform.rules.yml" yes "$(platform_jobs)"
  settle || { scenario_failed "a group missing"; stop_scenario; return; }
  run_doctor
  expect_line "a group missing from Prometheus" '  error    rules/ml-platform.recording.yml:23:11: group "ml-platform-kafka.recording" is not loaded in Prometheus [doctor/group-missing]' 2
  stop_scenario
}

scenario_rule_error() {
  new_repo rule-error
  # Two series that differ only in their name: recording them under one name is an error.
  cat >"$repo/rules/errors.rules.yml" <<'YAML'
groups:
  - name: errors
    rules:
      - record: job:up_or_samples:last
        expr: '{__name__=~"up|scrape_samples_scraped", job="kafka-exporter"}'
YAML
  start_exporter healthy
  render_shipped_template "$sdir/am.yml"
  start_alertmanager "$sdir/am.yml"
  start_prometheus "$repo/rules/ml-platform.recording.yml $repo/rules/ml-platform.rules.yml $repo/rules/errors.rules.yml" \
    yes "$(platform_jobs)"
  settle $recorded || { scenario_failed "a rule evaluating with an error"; stop_scenario; return; }
  run_doctor
  expect_line "a rule evaluating with an error" '  error    rules/errors.rules.yml:4:9: record "job:up_or_samples:last" (group "errors") fails to evaluate: vector contains metrics with the same labelset after applying rule labels [doctor/rule-error]' 1
  stop_scenario
}

# An alert that fires at its first evaluation, for the scenarios about what happens next.
always_firing_rules() {
  cat >"$1" <<'YAML'
groups:
  - name: doctor-test
    rules:
      - alert: AlwaysFiring
        expr: vector(1)
        labels:
          severity: warning
          service: doctor-test
        annotations:
          summary: Fires at once
          description: 'A test alert. Action: nothing, it is a test.'
YAML
}

scenario_silenced() {
  new_repo silenced
  always_firing_rules "$repo/rules/test.rules.yml"
  start_exporter healthy
  render_shipped_template "$sdir/am.yml"
  start_alertmanager "$sdir/am.yml"
  # The silence first (the test writes; doctor only reads).
  curl -sf --noproxy '*' -X POST -H 'Content-Type: application/json' "http://127.0.0.1:$am_port/api/v2/silences" \
    -d '{"matchers": [{"name": "alertname", "value": "AlwaysFiring", "isRegex": false, "isEqual": true}],
         "startsAt": "2020-01-01T00:00:00Z", "endsAt": "2099-01-01T00:00:00Z", "createdBy": "doctor-test",
         "comment": "planned maintenance"}' >/dev/null || fail "could not create the silence"
  start_prometheus "$repo/rules/ml-platform.recording.yml $repo/rules/ml-platform.rules.yml $repo/rules/test.rules.yml" \
    yes "$(platform_jobs)"
  settle $recorded || { scenario_failed "a firing alert silenced"; stop_scenario; return; }
  wait_for "Alertmanager holding the alert, silenced" bash -c "curl -sf --noproxy '*' \
    http://127.0.0.1:$am_port/api/v2/alerts | jq -e '[.[] | select(.status.state == \"suppressed\")] | length == 1'" ||
    { scenario_failed "a firing alert silenced"; stop_scenario; return; }
  run_doctor
  expect_line "a firing alert silenced" '  warning  firing alert "AlwaysFiring" {service="doctor-test", severity="warning"} is silenced in Alertmanager (by doctor-test: "planned maintenance") [doctor/alert-silenced]' 2
  stop_scenario
}

scenario_config_drift() {
  new_repo config-drift
  start_exporter healthy
  render_shipped_template "$sdir/am.yml"
  # Deployed from an older template: the critical route repeats every 2h.
  sed -i 's/^      repeat_interval: 1h$/      repeat_interval: 2h/' "$sdir/am.yml"
  grep -q '^      repeat_interval: 2h$' "$sdir/am.yml" || fail "could not change repeat_interval in the rendered config"
  start_alertmanager "$sdir/am.yml"
  start_prometheus "$repo/rules/ml-platform.recording.yml $repo/rules/ml-platform.rules.yml" yes "$(platform_jobs)"
  settle $recorded || { scenario_failed "an Alertmanager config that differs"; stop_scenario; return; }
  run_doctor
  expect_line "an Alertmanager config that differs from the template" '  error    rules/alertmanager.yml.tmpl:31:24: route 1 {severity="critical"}: repeat_interval 1h in git, 2h in Alertmanager [doctor/alertmanager-config-drift]' 1
  stop_scenario
}

scenario_webhook_500() {
  repo="$sdir/repo"
  mkdir -p "$repo/rules"
  always_firing_rules "$repo/rules/test.rules.yml"
  # The team's own Alertmanager template: everything to a webhook.
  cat >"$repo/rules/alertmanager.yml.tmpl" <<'YAML'
route:
  receiver: team-webhook
  group_by: [alertname]
  group_wait: 0s
  group_interval: 1s
receivers:
  - name: team-webhook
    webhook_configs:
      - url: '${WEBHOOK_URL}'
        send_resolved: false
YAML
  local webhook_port
  webhook_port=$(free_port) || fail "could not pick a port"
  : >"$sdir/webhook-posts.log"
  start webhook "http://127.0.0.1:$webhook_port/" python3 "$work/webhook.py" "$webhook_port" 500 "$sdir/webhook-posts.log"
  WEBHOOK_URL="http://127.0.0.1:$webhook_port/hook" "$mlmon_bin" render-alertmanager "$repo/rules/alertmanager.yml.tmpl" \
    -o "$sdir/am-webhook.yml" 2>/dev/null || fail "rendering the webhook template failed"
  start_alertmanager "$sdir/am-webhook.yml"
  start_prometheus "$repo/rules/test.rules.yml" yes ""
  wait_for "a failed webhook notification counted" bash -c "curl -sf --noproxy '*' http://127.0.0.1:$am_port/metrics |
    grep -E '^alertmanager_notifications_failed_total\{integration=\"webhook\",reason=\"serverError\"\} [1-9]'" ||
    { scenario_failed "a webhook receiver answering 500"; stop_scenario; return; }
  run_doctor
  expect_line "a webhook receiver answering 500" '  error    webhook notifications are failing for receiver "team-webhook" (serverError): <N> of <N> failed since Alertmanager started <T> ago [doctor/notifications-failing]' 2
  stop_scenario
}

scenario_no_alertmanager() {
  new_repo no-alertmanager
  start_exporter healthy
  render_shipped_template "$sdir/am.yml"
  start_alertmanager "$sdir/am.yml"
  start_prometheus "$repo/rules/ml-platform.recording.yml $repo/rules/ml-platform.rules.yml" no "$(platform_jobs)"
  settle $recorded || { scenario_failed "no Alertmanager"; stop_scenario; return; }
  run_doctor
  expect_line "Prometheus with no Alertmanager configured" '  error    Prometheus has no Alertmanager to send alerts to [doctor/no-alertmanager]' 1
  stop_scenario
}

# Each scenario in a subshell of its own, with its own folder ($sdir), ports and processes, stopped
# when it ends; three at a time (Prometheus takes ~5 s to discover its targets, mostly waiting).
readonly parallel=3
run_scenario() { # FUNCTION
  sdir="$work/$1"
  mkdir -p "$sdir"
  trap stop_scenario EXIT
  "$1"
  exit "$status"
}

started=$SECONDS
scenarios=(scenario_healthy scenario_target_down scenario_metric_missing scenario_rule_changed scenario_group_missing
  scenario_rule_error scenario_silenced scenario_config_drift scenario_webhook_500 scenario_no_alertmanager)
declare -A scenario_pid=()
running=0
for scenario in "${scenarios[@]}"; do
  if ((running >= parallel)); then
    wait -n
    ((running--))
  fi
  (run_scenario "$scenario") >"$work/$scenario.out" 2>&1 &
  scenario_pid[$scenario]=$!
  pids+=($!)
  ((running++))
done
for scenario in "${scenarios[@]}"; do
  wait "${scenario_pid[$scenario]}" || { status=1; failures+=("${scenario#scenario_}"); }
  cat "$work/$scenario.out"
done
echo "     $((SECONDS - started)) s for all scenarios"
# Every expectation ran: the healthy scenario's two and one per fault.
passed=$(cat "$work"/scenario_*.out | grep -c '^ok ')
[ "$status" -ne 0 ] || [ "$passed" = 11 ] || fail "$passed expectations passed, 11 expected"

[ "$status" -eq 0 ] || fail "doctor scenarios failed: ${failures[*]}"
echo "PASS: mlmon doctor finds each fault with its exact line, and nothing on the healthy stack"
