#!/usr/bin/env bash
# Gateway load run, side by side: direct to the mock (floor), the llmux gateway (auth, rate limits and spend
# logging on) and Portkey's gateway 1.15.2, all on loopback. Usage (from the repo root, after
# `./mvnw -q -pl benchmarks,gateway -am package -DskipTests`):
#   benchmarks/gateway/run-load.sh [-quick]          side by side: direct, llmux, Portkey
#   benchmarks/gateway/run-load.sh soak [-quick]     llmux alone for 10 minutes (90 s quick), RSS read throughout
# Set GATEWAY_JAR to skip llmux (empty) or point elsewhere; set PORTKEY_DIR to where
# `npm install @portkey-ai/gateway@1.15.2` was run (skipped when absent). LLMUX_JAVA_OPTS replaces the gateway's JVM
# options (default: the README's production line).
set -euo pipefail
cd "$(dirname "$0")/../.."
BENCH_JAR=benchmarks/target/benchmarks.jar
GATEWAY_JAR=${GATEWAY_JAR-$(ls gateway/target/llmux-gateway-*.jar 2>/dev/null | grep -v original | head -1 || true)}
PORTKEY_DIR=${PORTKEY_DIR-/tmp/portkey}
LLMUX_JAVA_OPTS=${LLMUX_JAVA_OPTS:--XX:+UseParallelGC -Xms160m -Xmx160m -XX:+AlwaysPreTouch -XX:TrimNativeHeapInterval=5000}
WORK=$(mktemp -d)
PIDS=()
cleanup() { for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
HARNESS=load
if [ "${1:-}" = soak ]; then HARNESS=soak; shift; PORTKEY_DIR=/nonexistent; fi
ARGS=("$@")
wait_http() { for _ in $(seq 1 120); do curl -s -o /dev/null "$1" && return 0; sleep 0.5; done; echo "no answer from $1" >&2; return 1; }

if [ -n "$GATEWAY_JAR" ] && [ -f "$GATEWAY_JAR" ]; then
  (cd "$WORK" && exec java $LLMUX_JAVA_OPTS -jar "$OLDPWD/$GATEWAY_JAR" --config "$OLDPWD/benchmarks/gateway/llmux-gateway-bench.yaml" --port 4000 > "$WORK/llmux.log" 2>&1) &
  PIDS+=($!); LLMUX_PID=$!
  wait_http http://127.0.0.1:4000/health/liveliness
  KEY=$(curl -s -X POST http://127.0.0.1:4000/key/generate -H 'Authorization: Bearer sk-bench-master' \
        -H 'Content-Type: application/json' -d '{"rpm_limit":10000000,"tpm_limit":10000000000}' \
        | sed -n 's/.*"key":"\([^"]*\)".*/\1/p')
  [ -n "$KEY" ] || { echo "could not generate a virtual key" >&2; exit 1; }
  ARGS+=(-llmux http://127.0.0.1:4000 -llmux-key "$KEY" -llmux-pid "$LLMUX_PID")
fi
if [ -x "$PORTKEY_DIR/node_modules/.bin/gateway" ]; then
  (cd "$PORTKEY_DIR" && exec node_modules/.bin/gateway > "$WORK/portkey.log" 2>&1) &
  PIDS+=($!)
  wait_http http://127.0.0.1:8787/
  PORTKEY_PID=$(pgrep -P "${PIDS[-1]}" node || echo "${PIDS[-1]}")
  ARGS+=(-portkey http://127.0.0.1:8787 -portkey-pid "$PORTKEY_PID")
fi
java -jar "$BENCH_JAR" "$HARNESS" "${ARGS[@]}"
