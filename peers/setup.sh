#!/usr/bin/env bash
# Installs every peer at a pinned version: a Python venv (peers/.venv), the Rust runner
# (release build) and the Node runner's packages. Safe to run again.
set -euo pipefail
PEERS="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

TRAFILATURA_VERSION=2.3.1
HTMLDATE_VERSION=1.11.0
READABILITY_LXML_VERSION=0.9

if [ ! -x "$PEERS/.venv/bin/python" ]; then
  python3 -m venv "$PEERS/.venv"
fi
"$PEERS/.venv/bin/pip" install --quiet --upgrade pip
"$PEERS/.venv/bin/pip" install --quiet "trafilatura==$TRAFILATURA_VERSION" "htmldate==$HTMLDATE_VERSION" \
  "readability-lxml==$READABILITY_LXML_VERSION"

# Crate versions are pinned with '=' in peers/rust/Cargo.toml.
cargo build --release --quiet --manifest-path "$PEERS/rust/Cargo.toml"

if command -v npm >/dev/null; then
  (cd "$PEERS/readability-js" && npm ci --no-audit --no-fund --silent)
else
  echo "setup.sh: npm not found, skipping readability-js" >&2
fi
