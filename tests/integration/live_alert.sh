#!/usr/bin/env bash
# Proven live: a test exporter serves prediction latency above 0.5 s, a real Prometheus runs the
# shipped rules (HighPredictionLatency's for: shortened to 5s in a copy) and sends to a real
# Alertmanager with the rendered template, whose Slack receiver posts to a local webhook sink.
# Passes when Prometheus reports HighPredictionLatency firing AND the sink got the Slack message.
# Everything listens on 127.0.0.1 (free ports, temp dirs) and is always stopped.
# Exit: 0 pass, 1 failure, 77 tools missing (mlmon too). MLMON: path of the mlmon binary (default
# build/apps/mlmon).
set -uo pipefail
# shellcheck source=tests/integration/lib.sh
source "$(dirname "$0")/lib.sh"

mlmon_bin=${MLMON:-$repo_root/build/apps/mlmon}
# The test proves mlmon's own edit live: without the binary it is skipped, not faked with sed.
[ -x "$mlmon_bin" ] ||
  skip "mlmon not built at $mlmon_bin (build it: make build, or cmake --build build --target mlmon; or set MLMON)"
prometheus_bin=$(newest_tool prometheus) || exit $?
alertmanager_bin=$(newest_tool alertmanager prometheus-alertmanager) || exit $?
require_tool curl "needed to query the servers"
require_tool jq "needed to read the API answers"
require_tool python3 "needed for the test exporter and the webhook sink"

readonly alert_timeout=90   # seconds, from Prometheus ready to alert firing and delivered

start_process_scope

# --- Test exporter: the prediction service's metrics (rules/METRICS.md) -----------------------
# Every observation lands in the (0.5, 1] bucket, so histogram_quantile(0.99, rate(...)) is about
# 0.995 s. Counts grow with elapsed time (20 requests/s), so rate() is non-zero from the 2nd scrape.
cat >"$work/exporter.py" <<'PY'
import http.server, sys, time
START = time.time()
BUCKETS = ["0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "10", "+Inf"]
MODEL = 'model="fraud-detector"'
class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        n = int((time.time() - START) * 20) + 1
        lines = ["# HELP prediction_latency_seconds Prediction latency",
                 "# TYPE prediction_latency_seconds histogram"]
        for le in BUCKETS:
            count = 0 if float(le) <= 0.5 else n
            lines.append('prediction_latency_seconds_bucket{%s,le="%s"} %d' % (MODEL, le, count))
        lines += ["prediction_latency_seconds_sum{%s} %.3f" % (MODEL, n * 0.9),
                  "prediction_latency_seconds_count{%s} %d" % (MODEL, n),
                  "# HELP predictions_total Prediction requests", "# TYPE predictions_total counter",
                  "predictions_total{%s} %d" % (MODEL, n),
                  "# HELP prediction_errors_total Failed predictions", "# TYPE prediction_errors_total counter",
                  'prediction_errors_total{%s,error_type="model"} 0' % MODEL]
        body = ("\n".join(lines) + "\n").encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain; version=0.0.4")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *args):
        pass
http.server.HTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
PY

# --- Webhook sink: one line per POST, "POST <path> <body on one line>" ------------------------
cat >"$work/sink.py" <<'PY'
import http.server, sys
OUT = sys.argv[2]
class Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode("utf-8", "replace")
        with open(OUT, "a") as f:
            f.write("POST %s %s\n" % (self.path, body.strip().replace("\n", " ")))
        self.send_response(200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")
    def do_GET(self):  # readiness probe
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()
    def log_message(self, *args):
        pass
http.server.HTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
PY

exporter_port=$(free_port) || fail "could not pick a port"
python3 "$work/exporter.py" "$exporter_port" >"$work/exporter.log" 2>&1 &
pids+=($!)
wait_ready exporter "$!" "http://127.0.0.1:$exporter_port/metrics" "$work/exporter.log"

sink_port=$(free_port) || fail "could not pick a port"
sink_file="$work/sink.log"
: >"$sink_file"
python3 "$work/sink.py" "$sink_port" "$sink_file" >"$work/sink-server.log" 2>&1 &
pids+=($!)
wait_ready sink "$!" "http://127.0.0.1:$sink_port/" "$work/sink-server.log"

# --- Alertmanager with the shipped template ---------------------------------------------------
am_port=$(free_port) || fail "could not pick a port"
am_config="$work/alertmanager.yml"
SLACK_WEBHOOK_URL="http://127.0.0.1:$sink_port/slack" \
SMTP_PASSWORD='dummy-smtp-password' \
PAGERDUTY_SERVICE_KEY='' \
  "$repo_root/deploy/render-alertmanager-config.sh" "$rules_dir/alertmanager.yml.tmpl" "$am_config" ||
  fail "rendering the Alertmanager template failed"
# Two edits of the rendered copy, neither reachable through template variables:
# - group_wait 30s -> 1s, so the first notification leaves soon after the alert arrives;
# - the smarthost is not a variable, and warnings also go to ml-team-email: point it at a closed
#   loopback port so the e-mail attempt fails locally instead of leaving the machine.
closed_port=$(free_port) || fail "could not pick a port"
sed -i -e 's/^\(  group_wait:\) 30s$/\1 1s/' \
  -e "s/^\(  smtp_smarthost:\) .*/\1 '127.0.0.1:$closed_port'/" "$am_config"
grep -q '^  group_wait: 1s$' "$am_config" || fail "could not shorten group_wait in the rendered config"
grep -q "^  smtp_smarthost: '127.0.0.1:$closed_port'$" "$am_config" || fail "could not redirect smtp_smarthost"
add_reference_templates "$am_config" "$alertmanager_bin"
mkdir -p "$work/alertmanager-data"
"$alertmanager_bin" \
  --config.file="$am_config" \
  --storage.path="$work/alertmanager-data" \
  --web.listen-address="127.0.0.1:$am_port" \
  --cluster.listen-address= \
  >"$work/alertmanager.log" 2>&1 &
pids+=($!)
wait_ready alertmanager "$!" "http://127.0.0.1:$am_port/-/ready" "$work/alertmanager.log"

# --- Rules: a copy with HighPredictionLatency's for: 5m shortened to 5s -----------------------
mkdir -p "$work/rules"
cp "$rules_dir/ml-platform.recording.yml" "$rules_dir/ml-platform.rules.yml" "$work/rules/"
alert_rules="$work/rules/ml-platform.rules.yml"
"$mlmon_bin" set-threshold --for 5s HighPredictionLatency "$alert_rules" ||
  fail "mlmon set-threshold --for 5s HighPredictionLatency failed"
changed=$(diff "$rules_dir/ml-platform.rules.yml" "$alert_rules" | grep -c '^[<>]')
if [ "$changed" != 2 ] || ! grep -q '^        for: 5s$' "$alert_rules"; then
  fail "expected exactly HighPredictionLatency's for: to become 5s in the copy"
fi

# --- Prometheus --------------------------------------------------------------------------------
prom_port=$(free_port) || fail "could not pick a port"
cat >"$work/prometheus.yml" <<YAML
global:
  scrape_interval: 1s
  scrape_timeout: 1s
  evaluation_interval: 1s
rule_files:
  - $work/rules/ml-platform.recording.yml
  - $work/rules/ml-platform.rules.yml
alerting:
  alertmanagers:
    - static_configs:
        - targets: ['127.0.0.1:$am_port']
scrape_configs:
  # The job name the rules and METRICS.md use for the prediction service.
  - job_name: prediction-service
    static_configs:
      - targets: ['127.0.0.1:$exporter_port']
YAML
mkdir -p "$work/prometheus-data"
"$prometheus_bin" \
  --config.file="$work/prometheus.yml" \
  --storage.tsdb.path="$work/prometheus-data" \
  --web.listen-address="127.0.0.1:$prom_port" \
  >"$work/prometheus.log" 2>&1 &
pids+=($!)
wait_ready prometheus "$!" "http://127.0.0.1:$prom_port/-/ready" "$work/prometheus.log"

# --- Wait for the alert: firing in Prometheus and delivered to the Slack sink -----------------
readonly expected_title='[FIRING:1] HighPredictionLatency (prediction-service, warning)'
firing="" delivered="" alerts_json="" started=$SECONDS
deadline=$((SECONDS + alert_timeout))
while ((SECONDS < deadline)); do
  alerts_json=$(http_get "http://127.0.0.1:$prom_port/api/v1/alerts") || alerts_json=""
  if [ -z "$firing" ] && [ -n "$alerts_json" ]; then
    firing=$(jq -c '.data.alerts[] | select(.labels.alertname == "HighPredictionLatency" and .state == "firing")' \
      <<<"$alerts_json" 2>/dev/null)
    [ -n "$firing" ] && echo "Prometheus: HighPredictionLatency firing after $((SECONDS - started))s: $firing"
  fi
  if [ -z "$delivered" ]; then
    delivered=$(sed -n 's|^POST /slack ||p' "$sink_file" |
      jq -c --arg title "$expected_title" 'select(.attachments[]?.title == $title)' 2>/dev/null | head -n 1)
    [ -n "$delivered" ] && echo "Sink: Slack payload after $((SECONDS - started))s: $delivered"
  fi
  [ -n "$firing" ] && [ -n "$delivered" ] && break
  sleep 1
done

status=0
if [ -z "$firing" ]; then
  echo "FAIL Prometheus never reported HighPredictionLatency firing within ${alert_timeout}s" >&2
  status=1
fi
if [ -z "$delivered" ]; then
  echo "FAIL no Slack payload titled '$expected_title' reached the sink within ${alert_timeout}s" >&2
  status=1
elif [ "$(jq -r '.channel' <<<"$delivered")" != '#ml-alerts' ]; then
  echo "FAIL Slack payload not for #ml-alerts" >&2
  status=1
fi
if [ "$status" -ne 0 ]; then
  {
    echo "--- Prometheus /api/v1/alerts ---"
    jq -c '.data.alerts[]? | {alertname: .labels.alertname, state, value}' <<<"$alerts_json" 2>/dev/null ||
      echo "$alerts_json"
    echo "--- p99 recording rule ---"
    http_get "http://127.0.0.1:$prom_port/api/v1/query?query=model:prediction_latency_seconds:p99_rate5m" ||
      true
    echo
    echo "--- sink (POSTs received) ---"
    cat "$sink_file"
    echo "--- Alertmanager alerts ---"
    http_get "http://127.0.0.1:$am_port/api/v2/alerts" || true
    echo
    echo "--- Alertmanager log (tail) ---"
    tail -n 20 "$work/alertmanager.log"
    echo "--- Prometheus log (tail) ---"
    tail -n 20 "$work/prometheus.log"
  } >&2
  fail "the alert was not proven live (see above)"
fi
echo "PASS: HighPredictionLatency fires in Prometheus and reaches Slack through Alertmanager"
