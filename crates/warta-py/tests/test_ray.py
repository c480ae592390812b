"""warta.ray.Extractor in Dataset.map_batches on ray.init(num_cpus=2): over a bytes column and
over the records of a WARC, the command line's articles page for page; a panicking page is an
error row, not a failed job."""

from __future__ import annotations

import os

import pytest

from conftest import DATE, PANIC_PAGE, STALL_MARKER, columns_of

pytest.importorskip("ray")

import ray  # noqa: E402

from warta.ray import Extractor, read_warcs  # noqa: E402

COLUMNS = ["title", "text", "authors", "published", "language", "page_type"]


@pytest.fixture(scope="module")
def ray_cluster():
    ray.init(
        num_cpus=2,
        include_dashboard=False,
        log_to_driver=False,
        runtime_env={
            "env_vars": {
                "WARTA_TEST_PANIC_MARKER": os.environ["WARTA_TEST_PANIC_MARKER"],
                "WARTA_TEST_STALL_MARKER": STALL_MARKER,
            }
        },
    )
    ray.data.DataContext.get_current().enable_progress_bars = False
    yield
    ray.shutdown()


def check_rows(rows: dict, pages) -> None:
    assert sorted(rows) == sorted(p.url for p in pages)
    for page in pages:
        row = rows[page.url]
        if page.name == PANIC_PAGE:
            assert row["error"]["kind"] == "panic"
        else:
            assert row["error"] is None, row["error"]
            assert {c: row[c] for c in COLUMNS} == columns_of(page.cli), page.name


def test_map_batches_over_a_bytes_column(ray_cluster, pages, hooks_built):
    items = [{"bytes": p.html, "url": p.url} for p in pages]
    ds = ray.data.from_items(items, override_num_blocks=2)
    out = ds.map_batches(Extractor(html="bytes", url="url", reference_time=DATE), batch_size=2, batch_format="pyarrow")
    rows = {r["url"]: r for r in out.take_all()}
    check_rows(rows, pages)


def test_map_batches_over_warc_records(ray_cluster, warc, pages, hooks_built):
    ds = read_warcs([str(warc)])
    out = ds.map_batches(Extractor(html="body", url="url"), batch_size=2, batch_format="pyarrow")
    rows = {r["url"]: r for r in out.take_all()}
    check_rows(rows, pages)
