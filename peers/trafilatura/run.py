#!/usr/bin/env python3
"""Runs trafilatura (or htmldate, or readability-lxml) over the benchmark sets and writes peers/out/<tool>/<set>.jsonl.

    peers/.venv/bin/python peers/trafilatura/run.py [--tool trafilatura|htmldate|readability-lxml] [--set NAME] [--limit N]

Only the library call is timed (time.perf_counter): it receives the raw bytes, so the
tool's own charset detection, parsing, extraction and metadata are inside the figure;
reading the file and gunzip are not.
"""

import argparse
import gzip
import json
import logging
import os
import sys
import time

PEERS = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
sys.path.insert(0, PEERS)
import pages as bench  # noqa: E402  (peers/pages.py, shared by every runner)

EMPTY = {"text": "", "title": None, "authors": [], "published": None, "site_name": None}

DEFAULT_SETS = {
    "trafilatura": bench.SETS,
    # htmldate only finds dates, so only the date set is worth its time by default.
    "htmldate": ["htmldate"],
    # A Readability port: main text and title only, so the date set is left out.
    "readability-lxml": [name for name in bench.SETS if name != "htmldate"],
}


def make_trafilatura():
    import trafilatura

    def run(data, url):
        # Library defaults (neither precision nor recall favoured), metadata on.
        document = trafilatura.bare_extraction(data, url=url, with_metadata=True)
        if document is None:
            return dict(EMPTY)
        return {
            "text": document.text or "",
            "title": document.title or None,
            "authors": split_authors(document.author),
            "published": document.date or None,
            "site_name": document.sitename or None,
        }

    return run, trafilatura.__version__


def make_htmldate():
    import htmldate

    def run(data, url):
        # As in htmldate's own published evaluation ("extensive"): full search, and the
        # original publication date rather than the last update.
        date = htmldate.find_date(data, url=url, extensive_search=True, original_date=True)
        return {**EMPTY, "published": date or None}

    return run, htmldate.__version__


def make_readability_lxml():
    import lxml.html
    import readability
    from importlib.metadata import version

    def run(data, url):
        # The raw bytes: the library sniffs the charset itself. Defaults otherwise.
        document = readability.Document(data, url=url)
        summary = document.summary(html_partial=True)
        text = lxml.html.fromstring(summary).text_content() if summary.strip() else ""
        # short_title() is the library's own cleaning of <title> (site branding cut off).
        return {**EMPTY, "text": text.strip(), "title": document.short_title() or None}

    return run, version("readability-lxml")


MAKERS = {
    "trafilatura": make_trafilatura,
    "htmldate": make_htmldate,
    "readability-lxml": make_readability_lxml,
}


def split_authors(author):
    """trafilatura joins several authors with '; '."""
    if not author:
        return []
    return [name.strip() for name in author.split(";") if name.strip()]


def read_page(path):
    with open(path, "rb") as handle:
        data = handle.read()
    return gzip.decompress(data) if path.endswith(".gz") else data


def run_set(tool, extract, set_name, bench_dir, limit, out_dir):
    listed = bench.pages(set_name, bench_dir, limit)
    os.makedirs(out_dir, exist_ok=True)
    out_path = os.path.join(out_dir, set_name + ".jsonl")
    errors_path = os.path.join(out_dir, set_name + ".errors.jsonl")
    errors, total_ms, total_cpu_ms, started = 0, 0.0, 0.0, time.time()
    if listed:
        # One untimed call first, so lazy imports and compiled patterns do not bill the first page.
        try:
            extract(read_page(listed[0]["path"]), listed[0]["url"])
        except Exception:
            pass
    with open(out_path, "w", encoding="utf-8") as out, open(errors_path, "w", encoding="utf-8") as errs:
        for number, page in enumerate(listed, 1):
            data = read_page(page["path"])
            begin, begin_cpu = time.perf_counter(), time.thread_time()
            try:
                fields = extract(data, page["url"])
            except Exception as error:  # a peer's crash is a result to record, not a reason to stop
                fields = {**EMPTY, "error": repr(error)}
                errors += 1
                errs.write(json.dumps({"id": page["id"], "error": repr(error)}, ensure_ascii=False) + "\n")
            ms = (time.perf_counter() - begin) * 1000.0
            cpu_ms = (time.thread_time() - begin_cpu) * 1000.0
            total_ms += ms
            total_cpu_ms += cpu_ms
            record = {"set": set_name, "id": page["id"], **fields, "ms": round(ms, 3), "cpu_ms": round(cpu_ms, 3)}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            if number % 100 == 0:
                log(f"{tool} {set_name}: {number}/{len(listed)}")
    count = max(len(listed), 1)
    log(
        f"{tool} {set_name}: {len(listed)} pages, {errors} errors, mean {total_ms / count:.2f} ms/page "
        f"(cpu {total_cpu_ms / count:.2f}), wall {time.time() - started:.1f} s, "
        f"load {os.getloadavg()[0]:.1f} -> {out_path}"
    )


def log(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tool", choices=sorted(DEFAULT_SETS), default="trafilatura")
    parser.add_argument("--set", action="append", choices=bench.SETS, help="repeatable; default: all")
    parser.add_argument("--limit", type=int, default=None, help="first N pages of each set")
    parser.add_argument("--bench", default=None, help="bench folder (default: $WARTA_BENCH or ../shared/bench)")
    parser.add_argument("--out", default=os.path.join(PEERS, "out"))
    args = parser.parse_args()

    # Peers log warnings for every odd page; that output is noise here and costs time.
    logging.disable(logging.CRITICAL)
    extract, version = MAKERS[args.tool]()
    log(f"{args.tool} {version}")
    bench_dir = args.bench or bench.default_bench()
    for set_name in args.set or DEFAULT_SETS[args.tool]:
        run_set(args.tool, extract, set_name, bench_dir, args.limit, os.path.join(args.out, args.tool))


if __name__ == "__main__":
    main()
