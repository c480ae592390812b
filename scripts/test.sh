#!/usr/bin/env bash
# The project's one test command (README, `.ci/run`): the Rust workspace, then each front's own
# suite in scripts/test.d/ (Python bindings, browser). Each part installs what it needs and
# caches it under target/. A part that fails does not stop the others; the exit code is 1 if any
# failed. The last line totals every runner's results (cargo, pytest, node's test runner).
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p target
log=target/test-all.log
: >"$log"
status=0

run_part() {
  echo "== $*" | tee -a "$log"
  "$@" 2>&1 | tee -a "$log"
  local code=${PIPESTATUS[0]}
  if [ "$code" -ne 0 ]; then
    echo "== FAILED ($code): $*" | tee -a "$log"
    status=1
  fi
}

# --no-fail-fast: one failing test binary must not hide the results of the others.
run_part cargo test --workspace --no-fail-fast
for part in scripts/test.d/*.sh; do
  [ -e "$part" ] || continue
  run_part bash "$part"
done

# cargo: "test result: ok. 12 passed; 0 failed; …"; pytest: "==== 3 failed, 10 passed in 2s ====";
# node --test: "# pass 5" / "# fail 0".
awk '
  /^test result:/ {
    for (i = 1; i < NF; i++) {
      if ($(i+1) ~ /^passed/) passed += $i
      if ($(i+1) ~ /^failed/) failed += $i
      if ($(i+1) ~ /^ignored/) skipped += $i
    }
  }
  /^=+ .* in [0-9.]+s/ {
    for (i = 1; i < NF; i++) {
      if ($(i+1) ~ /^passed/) passed += $i
      if ($(i+1) ~ /^failed/ || $(i+1) ~ /^errors?/) failed += $i
      if ($(i+1) ~ /^skipped/) skipped += $i
    }
  }
  /^# pass [0-9]+$/ { passed += $3 }
  /^# fail [0-9]+$/ { failed += $3 }
  END { printf "tests: %d passed, %d failed, %d skipped\n", passed, failed, skipped }
' "$log"
exit $status
