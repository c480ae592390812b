"""Speed of warta from Python, by hand (not in CI). Figures go into BENCHMARKS.md's Python section.

Measures, in one run, on the WCXB dev pages (/work/shared/bench/wcxb-dev/html/*.html.gz):
  1. overhead: `warta.extract` per page from Python vs the Rust call (`warta_core::extract`, same
     library, same thread, no conversion), thread CPU time, one thread;
  2. `extract_many(jobs=2)` vs `jobs=1`, wall time (and process CPU time);
  3. side by side, thread CPU time per page: warta, resiliparse's
     `extract_plain_text(main_content=True)` (parsing included), trafilatura's `extract`;
  4. datatrove: WarcReader -> step -> JsonlWriter under LocalPipelineExecutor (same tasks and
     workers for every step), over WARCs of the pages (one per task): warta's `WartaExtractor`
     (in-process, and with timeout=1 as datatrove's extractors run) vs datatrove's
     `Trafilatura`; documents per second of the whole run's wall time, and of the step's own
     time as datatrove's stats count it (summed over the tasks).

The machine may be shared: /proc/loadavg is printed beside each figure; CPU times are the
figures to trust, wall times only where the measure needs them (parallel speed-up, datatrove).

Usage (a venv with the release wheel, resiliparse, trafilatura and datatrove installed):
  maturin build --release -m crates/warta-py/Cargo.toml --out target/py-wheels
  pip install target/py-wheels/warta-*.whl resiliparse trafilatura lxml_html_clean datatrove warcio faust-cchardet python-magic orjson
  python crates/warta-py/bench/bench.py [--shared /work/shared] [--pages N] [--trafilatura-pages N]
                                        [--datatrove-pages N] [--runs 3]
"""

from __future__ import annotations

import argparse
import gc
import gzip
import json
import sys
import tempfile
import time
from pathlib import Path

import warta
import warta._native


def loadavg() -> str:
    try:
        return Path("/proc/loadavg").read_text().split()[0]
    except OSError:
        return "?"


def each(fn, pages) -> None:
    """Calls `fn` on every page, keeping no result (as a streaming pipeline does: a growing list
    of dicts would make the cycle collector's passes longer and longer)."""
    for page in pages:
        fn(page)


def best_cpu(runs: int, work) -> float:
    """The least thread CPU time of `runs` runs of `work`."""
    best = float("inf")
    for _ in range(runs):
        start = time.thread_time()
        work()
        best = min(best, time.thread_time() - start)
    return best


def load_pages(shared: Path, limit: int | None) -> list[bytes]:
    files = sorted((shared / "bench" / "wcxb-dev" / "html").glob("*.html.gz"))
    if not files:
        sys.exit(f"no WCXB dev pages under {shared}/bench/wcxb-dev/html: nothing to measure")
    return [gzip.decompress(f.read_bytes()) for f in files[:limit]]


def report(label: str, value: str) -> None:
    print(f"{label:<58} {value}   (load {loadavg()})", flush=True)


def overhead(pages: list[bytes], runs: int) -> None:
    # Runs alternate between the two, so that a change in the machine's load hits both alike.
    rust_calls = lambda: warta._native._rust_extract_loop(pages)  # noqa: E731
    rust_json = lambda: warta._native._rust_extract_loop(pages, render=True)  # noqa: E731
    python = lambda: each(warta.extract, pages)  # noqa: E731

    def python_without_gc() -> None:
        # The dicts are thousands of containers per page: Python's cycle collector runs often.
        gc.disable()
        try:
            each(warta.extract, pages)
        finally:
            gc.enable()

    best = {"rust": float("inf"), "rust+json": float("inf"), "python": float("inf"), "nogc": float("inf")}
    for _ in range(runs):
        for name, work in [
            ("rust", rust_calls),
            ("rust+json", rust_json),
            ("python", python),
            ("nogc", python_without_gc),
        ]:
            best[name] = min(best[name], best_cpu(1, work))
    n = len(pages)
    report("Rust call, thread CPU per page", f"{best['rust'] / n * 1e3:.3f} ms")
    report("Rust call + article JSON text, thread CPU per page", f"{best['rust+json'] / n * 1e3:.3f} ms")
    report("warta.extract from Python (dict), thread CPU per page", f"{best['python'] / n * 1e3:.3f} ms")
    report("overhead of the binding", f"{(best['python'] / best['rust'] - 1) * 100:+.1f}%")
    report("  the same with Python's cycle collector off", f"{(best['nogc'] / best['rust'] - 1) * 100:+.1f}%")


def parallel(pages: list[bytes], runs: int) -> None:
    def timed(jobs: int) -> tuple[float, float]:
        best = (float("inf"), 0.0)
        for _ in range(runs):
            wall, cpu = time.perf_counter(), time.process_time()
            warta.extract_many(pages, jobs=jobs)
            best = min(best, (time.perf_counter() - wall, time.process_time() - cpu))
        return best

    one, two = timed(1), timed(2)
    report("extract_many jobs=1: wall / process CPU", f"{one[0]:.2f} s / {one[1]:.2f} s")
    report("extract_many jobs=2: wall / process CPU", f"{two[0]:.2f} s / {two[1]:.2f} s")
    report("extract_many speed-up jobs=2 vs jobs=1 (wall)", f"{one[0] / two[0]:.2f}x")
    # On a loaded machine the wall clock shows the load, not the scaling: what two idle cores
    # would give, if the work per page stays what the CPU times say (the GIL-held part, turning
    # the records into dicts, is counted in both).
    report("  two idle cores, by CPU times (upper bound): 2 x CPU(1)/CPU(2)", f"{2 * one[1] / two[1]:.2f}x")


def side_by_side(pages: list[bytes], trafilatura_pages: int, runs: int) -> None:
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.html import HTMLTree
    import trafilatura

    n = len(pages)
    ours = best_cpu(runs, lambda: each(warta.extract, pages)) / n
    theirs = best_cpu(
        runs, lambda: each(lambda p: extract_plain_text(HTMLTree.parse_from_bytes(p), main_content=True), pages)
    ) / n
    subset = pages[:trafilatura_pages]
    ours_subset = best_cpu(runs, lambda: each(warta.extract, subset)) / len(subset)
    slow = best_cpu(1, lambda: each(trafilatura.extract, subset)) / len(subset)
    report(f"warta.extract, thread CPU per page ({n} pages)", f"{ours * 1e3:.3f} ms")
    report("resiliparse extract_plain_text(main_content=True)", f"{theirs * 1e3:.3f} ms  (warta {theirs / ours:.2f}x faster)")
    report(f"warta.extract, thread CPU per page ({len(subset)} pages)", f"{ours_subset * 1e3:.3f} ms")
    report(f"trafilatura.extract ({len(subset)} pages, 1 run)", f"{slow * 1e3:.3f} ms  (warta {slow / ours_subset:.1f}x faster)")


def write_warc(path: Path, pages: list[bytes]) -> None:
    members = []
    for i, page in enumerate(pages):
        block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + page
        head = (
            "WARC/1.1\r\nWARC-Type: response\r\n"
            f"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{i:012d}>\r\n"
            "WARC-Date: 2025-01-15T12:00:00Z\r\n"
            f"WARC-Target-URI: https://bench.example/{i}\r\n"
            "Content-Type: application/http; msgtype=response\r\n"
            "WARC-Identified-Payload-Type: text/html\r\n"
            f"Content-Length: {len(block)}\r\n\r\n"
        )
        members.append(gzip.compress(head.encode() + block + b"\r\n\r\n", compresslevel=1))
    path.write_bytes(b"".join(members))


def datatrove_steps(pages: list[bytes], tasks: int) -> None:
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.extractors import Trafilatura
    from datatrove.pipeline.readers import WarcReader
    from datatrove.pipeline.writers import JsonlWriter

    from warta.datatrove import WartaExtractor

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        (tmp / "crawl").mkdir()
        # One WARC per task, so that every task has the same share of the pages.
        for t in range(tasks):
            write_warc(tmp / "crawl" / f"part{t}.warc.gz", pages[t::tasks])
        rates = {}
        for label, step in [
            ("warta WartaExtractor()", WartaExtractor()),
            ("warta WartaExtractor(timeout=1)", WartaExtractor(timeout=1)),
            ("datatrove Trafilatura(favour_precision=True)", Trafilatura(favour_precision=True)),
        ]:
            out = tmp / f"out-{len(rates)}"
            wall = time.perf_counter()
            stats = LocalPipelineExecutor(
                pipeline=[WarcReader(str(tmp / "crawl")), step, JsonlWriter(str(out), compression=None)],
                tasks=tasks,
                workers=tasks,
                logging_dir=str(tmp / f"logs-{len(rates)}"),
            ).run()
            wall = time.perf_counter() - wall
            # The step's own time, summed over the tasks (datatrove times each document).
            step_time = next(s for s in stats.stats if s.name.endswith(step.name)).time_stats.total
            docs = sum(1 for f in out.glob("*.jsonl") for _ in f.open())
            rates[label] = (len(pages) / wall, len(pages) / step_time)
            report(
                f"datatrove {label}",
                f"{rates[label][0]:.1f} docs/s wall, step {rates[label][1]:.1f} docs/s ({docs} kept of {len(pages)})",
            )
        base = rates["datatrove Trafilatura(favour_precision=True)"]
        for label in ["warta WartaExtractor()", "warta WartaExtractor(timeout=1)"]:
            report(
                f"{label} vs Trafilatura",
                f"{rates[label][0] / base[0]:.1f}x pipeline wall, {rates[label][1] / base[1]:.1f}x step",
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=Path("/work/shared"))
    parser.add_argument("--pages", type=int, default=None, help="use the first N pages (default: all)")
    parser.add_argument("--trafilatura-pages", type=int, default=300)
    parser.add_argument("--datatrove-pages", type=int, default=300)
    parser.add_argument("--tasks", type=int, default=2)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--skip", nargs="*", default=[], choices=["overhead", "parallel", "peers", "datatrove"])
    args = parser.parse_args()
    if warta._native._test_hooks:
        sys.exit("this warta was built with test hooks: benchmark a release wheel")
    pages = load_pages(args.shared, args.pages)
    print(f"warta {warta.__version__}, {len(pages)} WCXB dev pages, Python {sys.version.split()[0]}")
    # Warm up: page cache, allocator, lazily built tables.
    each(warta.extract, pages[:200])
    if "overhead" not in args.skip:
        overhead(pages, args.runs)
    if "parallel" not in args.skip:
        parallel(pages, args.runs)
    if "peers" not in args.skip:
        side_by_side(pages, args.trafilatura_pages, args.runs)
    if "datatrove" not in args.skip:
        datatrove_steps(pages[: args.datatrove_pages], args.tasks)
    print(json.dumps({"load_end": loadavg()}))


if __name__ == "__main__":
    main()
