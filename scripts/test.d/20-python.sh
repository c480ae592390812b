#!/usr/bin/env bash
# The Python binding's suite (crates/warta-py): builds the `warta` wheel and the CLI, installs
# the wheel into a venv under target/ with pytest, datatrove, pyspark and ray, and runs pytest
# (API tests, and each engine step against the CLI's output). Works on a fresh machine: installs
# Java 17 from Debian's packages when `java` is absent. The venv is built once and reused while
# crates/warta-py/requirements-test.txt and the Python version are unchanged.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
py_crate=crates/warta-py
venv=target/py-venv
python=${PYTHON:-python3}

if ! command -v java >/dev/null 2>&1; then
  echo "python part: installing Java 17 for PySpark"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq openjdk-17-jre-headless >/dev/null
fi

key=$({ cat "$py_crate/requirements-test.txt"; "$python" -VV; } | sha256sum | cut -d' ' -f1)
if [ "$(cat "$venv/.requirements-key" 2>/dev/null)" != "$key" ]; then
  echo "python part: building the venv in $venv"
  rm -rf "$venv"
  "$python" -m venv "$venv"
  "$venv/bin/pip" install -q --upgrade pip
  "$venv/bin/pip" install -q -r "$py_crate/requirements-test.txt"
  echo "$key" >"$venv/.requirements-key"
else
  echo "python part: reusing the venv in $venv"
fi
export PATH="$root/$venv/bin:$PATH" VIRTUAL_ENV="$root/$venv"

# Debug builds: `cargo test --workspace` has just built the CLI and every dependency so, and
# the tests extract a handful of pages. The test hooks are built in for the tests that make a
# page panic or stall (never in a released wheel).
cargo build -q -p warta
rm -rf target/py-wheels
maturin build --quiet --profile dev --features test-hooks -m "$py_crate/Cargo.toml" --out target/py-wheels
wheel=$(ls target/py-wheels/warta-*.whl)
case "$wheel" in
  *-cp310-abi3-*) ;;
  *) echo "python part: expected an abi3 wheel for CPython >= 3.10, got $wheel"; exit 1 ;;
esac
pip install -q --no-deps --force-reinstall "$wheel"

export WARTA_CLI="$root/target/debug/warta"
cd "$py_crate/tests"
python -m pytest -o cache_dir="$root/target/pytest-cache" "$@" .
