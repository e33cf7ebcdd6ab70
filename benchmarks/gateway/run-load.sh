#!/usr/bin/env bash
# Gateway load run, side by side: direct to the mock (floor), the llmux gateway (auth, rate limits and spend
# logging on) and Portkey's gateway 1.15.2, all on loopback. Usage (from the repo root, after
# `./mvnw -q -pl benchmarks,gateway -am package -DskipTests`):
#   benchmarks/gateway/run-load.sh [-quick]          side by side: direct, llmux, Portkey
#   benchmarks/gateway/run-load.sh soak [-quick]     llmux alone for 10 minutes (90 s quick), RSS read throughout
# Set GATEWAY_JAR to skip llmux (empty) or point elsewhere; set PORTKEY_DIR to where
# `npm install @portkey-ai/gateway@1.15.2` was run (skipped when absent). LLMUX_JAVA_OPTS adds JVM options to the
# llmux gateway (e.g. a JFR recording); the harness's -modes closed,open,stream and -upstreams instant,slow pick phases.
# LLMUX_PORT (4000) and MOCK_PORT (18080) move the gateway and the mock, so two runs can share the machine.
# GATEWAY_JAR_B / LLMUX_JAVA_OPTS_B add a second llmux gateway (port LLMUX_PORT+1) measured right after the first
# in every phase: an A/B comparison under the same machine load; LLMUX_GC / LLMUX_GC_B replace the collector options
# (default "-XX:+UseParallelGC -Xmn96m") and CONFIG_B gives the second gateway its own config file.
# HARNESS_JAVA_OPTS goes to the harness: -Dload.trace=/tmp/t writes each measured phase's requests (start offset µs,
# latency µs) to files such as /tmp/t-llmux-open500.csv, to see whether slow requests cluster in time.
# LLMUX_TASKSET / HARNESS_TASKSET prefix the gateways' and the harness's java commands (e.g. "taskset -c 1").
# By default the gateways run with -Xmn96m: a young generation of 96 of the 160 MB lets per-request garbage (and the
# spend log's database pages) die young; with the default third, young pauses came often and full collections of
# promoted garbage every few seconds under load. The heap is committed and touched at start (-Xms = -Xmx,
# AlwaysPreTouch) and freed native memory is handed back to the OS every 5 s (TrimNativeHeapInterval): without these
# RSS crept up for minutes (first touch of old-generation pages, glibc keeping freed malloc arenas), which a soak
# cannot tell from a leak.
set -euo pipefail
cd "$(dirname "$0")/../.."
BENCH_JAR=benchmarks/target/benchmarks.jar
GATEWAY_JAR=${GATEWAY_JAR-$(ls gateway/target/llmux-gateway-*.jar 2>/dev/null | grep -v original | head -1 || true)}
PORTKEY_DIR=${PORTKEY_DIR-/tmp/portkey}
WORK=$(mktemp -d)
PIDS=()
cleanup() { for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
HARNESS=load
if [ "${1:-}" = soak ]; then HARNESS=soak; shift; PORTKEY_DIR=/nonexistent; fi
ARGS=("$@")
LLMUX_PORT=${LLMUX_PORT:-4000}
LLMUX_GC=${LLMUX_GC:--XX:+UseParallelGC -Xmn96m}
MOCK_PORT=${MOCK_PORT:-18080}
CONFIG=benchmarks/gateway/llmux-gateway-bench.yaml
if [ "$MOCK_PORT" != 18080 ]; then
  sed "s/127.0.0.1:18080/127.0.0.1:$MOCK_PORT/" "$CONFIG" > "$WORK/llmux-gateway-bench.yaml"
  CONFIG=$WORK/llmux-gateway-bench.yaml
  ARGS+=(-mock-port "$MOCK_PORT")
fi
[[ "$CONFIG" = /* ]] || CONFIG=$PWD/$CONFIG
[ -z "$GATEWAY_JAR" ] || [[ "$GATEWAY_JAR" = /* ]] || GATEWAY_JAR=$PWD/$GATEWAY_JAR
wait_http() { for _ in $(seq 1 120); do curl -s -o /dev/null "$1" && return 0; sleep 0.5; done; echo "no answer from $1" >&2; return 1; }

# start_llmux NAME JAR PORT GC JAVA_OPTS [CONFIG]: one gateway in its own folder (its H2 store), then a virtual key
start_llmux() {
  local name=$1 jar=$2 port=$3 gc=$4 opts=$5 config=${6:-$CONFIG} dir="$WORK/$1"
  mkdir -p "$dir"
  (cd "$dir" && exec ${LLMUX_TASKSET:-} java $gc -Xms160m -Xmx160m -XX:+AlwaysPreTouch -XX:TrimNativeHeapInterval=5000 $opts -jar "$jar" --config "$config" --port "$port" > "$WORK/$name.log" 2>&1) &
  PIDS+=($!); STARTED_PID=$!
  wait_http "http://127.0.0.1:$port/health/liveliness"
  STARTED_KEY=$(curl -s -X POST "http://127.0.0.1:$port/key/generate" -H 'Authorization: Bearer sk-bench-master' \
        -H 'Content-Type: application/json' -d '{"rpm_limit":10000000,"tpm_limit":10000000000}' \
        | sed -n 's/.*"key":"\([^"]*\)".*/\1/p')
  [ -n "$STARTED_KEY" ] || { echo "could not generate a virtual key on $name" >&2; exit 1; }
}
if [ -n "$GATEWAY_JAR" ] && [ -f "$GATEWAY_JAR" ]; then
  start_llmux llmux "$GATEWAY_JAR" "$LLMUX_PORT" "$LLMUX_GC" "${LLMUX_JAVA_OPTS:-}"
  ARGS+=(-llmux "http://127.0.0.1:$LLMUX_PORT" -llmux-key "$STARTED_KEY" -llmux-pid "$STARTED_PID")
  # A/B: GATEWAY_JAR_B and/or LLMUX_JAVA_OPTS_B start a second gateway ("llmux-b") measured in the same phases
  if [ -n "${GATEWAY_JAR_B:-}" ] || [ -n "${LLMUX_JAVA_OPTS_B:-}" ] || [ -n "${LLMUX_GC_B:-}" ] || [ -n "${CONFIG_B:-}" ]; then
    JAR_B=${GATEWAY_JAR_B:-$GATEWAY_JAR}
    [[ "$JAR_B" = /* ]] || JAR_B=$PWD/$JAR_B
    start_llmux llmux-b "$JAR_B" "$((LLMUX_PORT + 1))" "${LLMUX_GC_B:-$LLMUX_GC}" "${LLMUX_JAVA_OPTS_B:-}" "${CONFIG_B:-$CONFIG}"
    ARGS+=(-llmux-b "http://127.0.0.1:$((LLMUX_PORT + 1))" -llmux-b-key "$STARTED_KEY" -llmux-b-pid "$STARTED_PID")
  fi
fi
if [ -x "$PORTKEY_DIR/node_modules/.bin/gateway" ]; then
  (cd "$PORTKEY_DIR" && exec node_modules/.bin/gateway > "$WORK/portkey.log" 2>&1) &
  PIDS+=($!)
  wait_http http://127.0.0.1:8787/
  PORTKEY_PID=$(pgrep -P "${PIDS[-1]}" node || echo "${PIDS[-1]}")
  ARGS+=(-portkey http://127.0.0.1:8787 -portkey-pid "$PORTKEY_PID")
fi
${HARNESS_TASKSET:-} java ${HARNESS_JAVA_OPTS:-} -jar "$BENCH_JAR" "$HARNESS" "${ARGS[@]}"
