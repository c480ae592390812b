#!/usr/bin/env bash
# The reader page in a real browser: Debian's headless Chromium driven by playwright-core
# (crates/warta-server/browser). Installs what it needs on a fresh machine, caches the npm
# packages under target/, starts `warta serve` on a free loopback port, runs `node --test`
# (whose `# pass N` / `# fail N` lines scripts/test.sh tallies) and saves screenshots under
# target/browser-screens/.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
suite=crates/warta-server/browser

if [ ! -x /usr/bin/chromium ]; then
  echo "installing Debian's chromium"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
fi
# Arabic, Hebrew and CJK glyphs for the fixtures (without them the screenshots show boxes).
if ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then
  echo "installing Noto fonts"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq fonts-noto-core fonts-noto-cjk >/dev/null
fi

# npm packages, reinstalled only when the lock file changes.
deps=target/browser-node
stamp=$(sha256sum "$suite/package-lock.json" | cut -d' ' -f1)
if [ "$(cat "$deps/.lock-sha256" 2>/dev/null)" != "$stamp" ]; then
  rm -rf "$deps"
  mkdir -p "$deps"
  cp "$suite/package.json" "$suite/package-lock.json" "$deps/"
  (cd "$deps" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
  echo "$stamp" >"$deps/.lock-sha256"
fi

cargo build --quiet -p warta
log=$(mktemp)
target/debug/warta serve --listen 127.0.0.1:0 2>"$log" &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -f "$log"' EXIT
address=
for _ in $(seq 100); do
  address=$(sed -n 's|.*listening on \(http://[^ ]*\).*|\1|p' "$log")
  [ -n "$address" ] && break
  sleep 0.1
done
if [ -z "$address" ]; then
  echo "warta serve did not start:" >&2
  cat "$log" >&2
  exit 1
fi

WARTA_URL=$address WARTA_ROOT=$root WARTA_NODE_MODULES=$root/$deps/node_modules \
  node --test --test-reporter=tap "$suite/reader.test.cjs"
