"""warta.datatrove.WartaExtractor under LocalPipelineExecutor with 2 tasks: the texts equal the
command line's, a panicking page is dropped and counted, a stalled page times out and is counted."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import PANIC_PAGE, STALL_MARKER, Page, write_warc

pytest.importorskip("datatrove")

from datatrove.executor import LocalPipelineExecutor  # noqa: E402
from datatrove.pipeline.readers import WarcReader  # noqa: E402
from datatrove.pipeline.writers import JsonlWriter  # noqa: E402

from warta.datatrove import WartaExtractor  # noqa: E402


def run_pipeline(tmp_path: Path, pages: list[Page], extractor: WartaExtractor):
    crawl = tmp_path / "crawl"
    crawl.mkdir()
    # One WARC per task, so that both tasks extract pages.
    write_warc(crawl / "a.warc.gz", pages[::2])
    write_warc(crawl / "b.warc.gz", pages[1::2])
    executor = LocalPipelineExecutor(
        pipeline=[
            WarcReader(str(crawl), glob_pattern="*.warc.gz"),
            extractor,
            JsonlWriter(str(tmp_path / "out"), compression=None),
        ],
        tasks=2,
        logging_dir=str(tmp_path / "logs"),
    )
    stats = executor.run()
    docs = [json.loads(line) for f in sorted((tmp_path / "out").glob("*.jsonl")) for line in f.open()]
    step = next(s for s in stats.stats if s.name.endswith(WartaExtractor.name))
    counts = {key: value.total for key, value in step.stats.items()}
    return docs, counts


def test_two_tasks_give_the_command_line_texts_and_count_the_panic(tmp_path, pages, hooks_built):
    docs, counts = run_pipeline(tmp_path, pages, WartaExtractor())
    by_url = {d["metadata"]["url"]: d for d in docs}
    expected = [p for p in pages if p.name != PANIC_PAGE]
    assert sorted(by_url) == sorted(p.url for p in expected)
    for page in expected:
        doc = by_url[page.url]
        assert doc["text"] == page.cli["text"], page.name
        meta = doc["metadata"]
        assert meta.get("title") == page.cli.get("title")
        assert meta.get("published") == page.cli.get("published")
        assert meta.get("language") == page.cli.get("language")
        assert meta.get("page_type") == page.cli.get("page_type")
        assert meta["authors"] == [a["name"] for a in page.cli.get("authors", [])]
    assert counts.get("error_panic") == 1
    assert counts.get("clean_error") == 1


def test_a_stalled_page_times_out_and_the_rest_go_on(tmp_path, pages, hooks_built):
    stalled = Page(
        "stall.html",
        "https://news.example/stall",
        f"<html><body><h1>Stalls</h1><p>{STALL_MARKER} makes the test hook sleep.</p></body></html>".encode(),
        {},
    )
    normal = [p for p in pages if p.name != PANIC_PAGE][:2]
    docs, counts = run_pipeline(tmp_path, [stalled] + normal, WartaExtractor(timeout=3))
    assert counts.get("timeout") == 1
    assert sorted(d["metadata"]["url"] for d in docs) == sorted(p.url for p in normal)
    for page in normal:
        assert next(d for d in docs if d["metadata"]["url"] == page.url)["text"] == page.cli["text"]
