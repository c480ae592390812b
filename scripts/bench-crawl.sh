#!/usr/bin/env bash
# The crawl benchmark: `warta crawl` beside trafilatura's `--sitemap` and `--feed` runs, on the
# made-up news site of the crawler's tests (crates/warta-crawl/examples/fixture_site.rs) served
# on loopback, with no delay between requests on either side and the same caps (2 s per
# request, 2 MB per body). Each run gets a fresh site, whose request log shows what was asked.
# warta runs twice: one request at a time to the host (its default), and with `--per-host 4`,
# the parallelism trafilatura gets from `--parallel 4`.
#
# trafilatura refuses hosts without a public suffix (127.0.0.1, localhost), so it asks for
# http://news.example/ through the site's own SOCKS5 door (http_proxy=socks5h://…): the same
# server, under a name trafilatura accepts. Needs peers/.venv (peers/setup.sh) plus PySocks.
#
#   scripts/bench-crawl.sh            # figures for BENCHMARKS.md, files under target/bench-crawl
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PY="${TRAFILATURA_VENV:-$ROOT/peers/.venv}"
OUT="$ROOT/target/bench-crawl"
PORT="${PORT:-8716}"
rm -rf "$OUT" && mkdir -p "$OUT"
cargo build --release --quiet -p warta
cargo build --release --quiet -p warta-crawl --example fixture_site
"$PY/bin/pip" install --quiet "PySocks==1.7.1" "lxml_html_clean==0.4.6"

cat > "$OUT/trafilatura.cfg" <<'CFG'
[DEFAULT]
DOWNLOAD_TIMEOUT = 2
MAX_FILE_SIZE = 2000000
MIN_FILE_SIZE = 10
SLEEP_TIME = 0
USER_AGENTS =
COOKIE =
MAX_REDIRECTS = 5
SSRF_PROTECTION = off
INSECURE_SSL_FALLBACK = off
MIN_EXTRACTED_SIZE = 250
MIN_OUTPUT_SIZE = 1
MIN_OUTPUT_COMM_SIZE = 1
MAX_TREE_SIZE =
EXTRACTION_TIMEOUT = 30
MIN_DUPLCHECK_SIZE = 100
MAX_REPETITIONS = 2
EXTENSIVE_DATE_SEARCH = on
EXTERNAL_URLS = off
CFG

SITE_PID=
start_site() { # $1: name of the run
  "$ROOT/target/release/examples/fixture_site" "127.0.0.1:$PORT" none "$OUT/$1.requests" > "$OUT/site.txt" &
  SITE_PID=$!
  for _ in $(seq 100); do [ -s "$OUT/site.txt" ] && break; sleep 0.05; done
}
stop_site() { kill "$SITE_PID"; wait "$SITE_PID" 2>/dev/null || true; }
trap 'kill "$SITE_PID" 2>/dev/null || true' EXIT
timed() { # $1: name; the rest: the command
  local name=$1; shift
  local t0 t1
  t0=$(date +%s.%N)
  "$@" > "$OUT/$name.stdout" 2> "$OUT/$name.stderr" || true
  t1=$(date +%s.%N)
  echo "$t1 - $t0" | bc > "$OUT/$name.seconds"
}

start_site warta
timed warta "$ROOT/target/release/warta" crawl "http://127.0.0.1:$PORT/" --delay 0 --timeout 2 \
  --max-bytes 2000000 --allow-private 127.0.0.1/32 --state "$OUT/state" \
  --warc "$OUT/crawl.warc.gz" -o "$OUT/warta.jsonl"
cp "$OUT/warta.requests" "$OUT/warta.first-run"
timed warta-rerun "$ROOT/target/release/warta" crawl "http://127.0.0.1:$PORT/" --delay 0 --timeout 2 \
  --max-bytes 2000000 --allow-private 127.0.0.1/32 --state "$OUT/state" \
  --warc "$OUT/crawl.warc.gz" -o "$OUT/warta.jsonl"
stop_site
start_site warta-per-host-4
timed warta-per-host-4 "$ROOT/target/release/warta" crawl "http://127.0.0.1:$PORT/" --delay 0 \
  --per-host 4 --timeout 2 --max-bytes 2000000 --allow-private 127.0.0.1/32 \
  --state "$OUT/state-per-host-4" --warc "$OUT/crawl-per-host-4.warc.gz" \
  -o "$OUT/warta-per-host-4.jsonl"
stop_site

TRAF=("$PY/bin/trafilatura" --config-file "$OUT/trafilatura.cfg" --json --with-metadata --parallel 4)
export http_proxy="socks5h://127.0.0.1:$PORT"
# `--sitemap` that downloads: with trafilatura 2.3.1 and courlan 1.4.0 it fetches the homepage
# again and again (its compressed URL store never marks it visited), so it is cut at 60 s.
start_site trafilatura-sitemap
mkdir -p "$OUT/trafilatura-sitemap"
timed trafilatura-sitemap timeout 60 "${TRAF[@]}" --sitemap "http://news.example/" -o "$OUT/trafilatura-sitemap"
stop_site
# The way around it: `--sitemap --list`, then download the list.
start_site trafilatura-sitemap-list
mkdir -p "$OUT/trafilatura-sitemap-list"
sitemap_then_download() {
  "${TRAF[@]}" --sitemap "http://news.example/" --list > "$OUT/sitemap-urls.txt"
  "${TRAF[@]}" -i "$OUT/sitemap-urls.txt" -o "$OUT/trafilatura-sitemap-list"
}
timed trafilatura-sitemap-list sitemap_then_download
stop_site
start_site trafilatura-feed
mkdir -p "$OUT/trafilatura-feed"
timed trafilatura-feed "${TRAF[@]}" --feed "http://news.example/" -o "$OUT/trafilatura-feed"
stop_site
unset http_proxy

"$PY/bin/python" - "$OUT" <<'PY'
import json, pathlib, sys, urllib.parse
out = pathlib.Path(sys.argv[1])
lines = (out / "site.txt").read_text().split("\n")
allowed = {l for l in lines[1:] if l.startswith("/")}

def path_of(url):
    return urllib.parse.unquote(urllib.parse.urlsplit(url).path)

def requests(name):
    log = out / (f"{name}.first-run" if name == "warta" else f"{name}.requests")
    hits = [l.split(" ", 1) for l in log.read_text().splitlines()]
    return [(int(s), urllib.parse.urlsplit(p).path if p.startswith("http") else p.split("?")[0]) for s, p in hits]

rows = []
def row(name, urls):
    found = {path_of(u) for u in urls} & allowed
    reqs = requests(name)
    robots = any(p == "/robots.txt" for _, p in reqs)
    closed = sum(1 for _, p in reqs if p.startswith("/rahasia/"))
    secs = float((out / f"{name}.seconds").read_text())
    rows.append((name, len(found), len(allowed), secs, len(reqs), robots, closed))

for name in ("warta", "warta-per-host-4"):
    warta = [json.loads(l) for l in (out / f"{name}.jsonl").read_text().splitlines()]
    row(name, [r["url"] for r in warta if "error" not in r])
for mode in ("sitemap", "sitemap-list", "feed"):
    docs = []
    for p in (out / f"trafilatura-{mode}").glob("*.json"):
        try:
            docs.append(json.loads(p.read_text()))
        except ValueError:
            pass  # an empty file: nothing extracted
    row(f"trafilatura-{mode}", [d.get("source") or d.get("url") or "" for d in docs])

print("| run | allowed articles extracted | wall time (s) | requests | robots.txt read | closed-section URLs requested |")
print("|---|---|---|---|---|---|")
for name, found, total, secs, reqs, robots, closed in rows:
    print(f"| {name} | {found} / {total} | {secs:.1f} | {reqs} | {'yes' if robots else 'no'} | {closed} |")
rerun = (out / "warta-rerun.stderr").read_text().strip().splitlines()
print()
print("warta rerun (nothing changed):", " / ".join(rerun), f"({float((out / 'warta-rerun.seconds').read_text()):.2f} s)")
PY
