#!/usr/bin/env bash
# Sets up and runs every peer over every benchmark set, one peer at a time so that the
# timings are not disturbed by each other. Output: peers/out/<tool>/<set>.jsonl; log: peers/out/run-all.log.
#
#   peers/run-all.sh [--set NAME]... [--limit N] [--tools "trafilatura rs-trafilatura ..."] [--no-setup]
#
# Tools: trafilatura htmldate readability-lxml rs-trafilatura trafilatura-rs dom_smoothie readability-js
set -euo pipefail
PEERS="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

TOOLS="trafilatura htmldate readability-lxml rs-trafilatura trafilatura-rs dom_smoothie readability-js"
SETUP=1
PASS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --set | --limit) PASS+=("$1" "$2"); shift 2 ;;
    --tools) TOOLS="$2"; shift 2 ;;
    --no-setup) SETUP=0; shift ;;
    *) echo "run-all.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done

mkdir -p "$PEERS/out"
LOG="$PEERS/out/run-all.log"
# The load average goes in the log: wall-clock timings mean little on a busy machine.
log() { echo "[$(date -u +%H:%M:%S)] $* (load $(cut -d' ' -f1-3 /proc/loadavg))" | tee -a "$LOG" >&2; }

if [ "$SETUP" = 1 ]; then
  log "setup"
  "$PEERS/setup.sh" 2>&1 | tee -a "$LOG"
fi

RUST_BIN="${CARGO_TARGET_DIR:-$PEERS/rust/target}/release/rust-peers"
for tool in $TOOLS; do
  log "start $tool ${PASS[*]:-}"
  case "$tool" in
    trafilatura | htmldate | readability-lxml)
      "$PEERS/.venv/bin/python" "$PEERS/trafilatura/run.py" --tool "$tool" ${PASS[@]+"${PASS[@]}"} ;;
    rs-trafilatura | trafilatura-rs | dom_smoothie)
      "$RUST_BIN" --tool "$tool" ${PASS[@]+"${PASS[@]}"} ;;
    readability-js)
      node "$PEERS/readability-js/run.mjs" ${PASS[@]+"${PASS[@]}"} ;;
    *) log "unknown tool $tool"; exit 2 ;;
  esac 2>&1 | tee -a "$LOG"
  log "done $tool"
done
