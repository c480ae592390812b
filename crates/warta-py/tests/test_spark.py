"""warta.spark on local[2]: the WARC job (`python -m warta.spark`) and `extract(df)` give the
command line's articles page for page; a panicking page is an error row, not a failed job."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import PANIC_PAGE, columns_of

pytest.importorskip("pyspark")

from pyspark.sql import SparkSession  # noqa: E402

import warta.spark  # noqa: E402

COLUMNS = ["title", "text", "authors", "published", "language", "page_type"]


@pytest.fixture(scope="module")
def spark():
    session = (
        SparkSession.builder.master("local[2]")
        .appName("warta-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )
    yield session
    session.stop()


def check_rows(rows: dict, pages) -> None:
    assert sorted(rows) == sorted(p.url for p in pages)
    for page in pages:
        row = rows[page.url]
        if page.name == PANIC_PAGE:
            assert row["error"]["kind"] == "panic"
            assert row["text"] is None
        else:
            assert row["error"] is None, row["error"]
            assert {c: row[c] for c in COLUMNS} == columns_of(page.cli), page.name


def test_the_warc_job_writes_the_command_line_rows(tmp_path, warc, pages, hooks_built):
    listing = tmp_path / "paths.txt"
    listing.write_text(f"# one WARC\n{warc}\n")
    out = tmp_path / "parquet"
    run = subprocess.run(
        [sys.executable, "-m", "warta.spark", str(listing), "--output", str(out), "--master", "local[2]"],
        capture_output=True,
        text=True,
        env={**os.environ, "PYSPARK_PYTHON": sys.executable},
        timeout=600,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    assert f"{len(pages)} pages from 1 files, 1 failed" in run.stdout
    import pyarrow.parquet as pq

    table = pq.read_table(out)
    rows = {r["url"]: r for r in table.to_pylist()}
    check_rows(rows, pages)
    assert all(r["input"].startswith("warc:") and r["date"] for r in rows.values())


def test_extract_adds_the_article_columns(spark, pages, hooks_built):
    df = spark.createDataFrame([(p.url, p.html) for p in pages], "url string, html binary").repartition(2)
    out = warta.spark.extract(df, html="html", url="url", reference_time="2024-06-20T08:00:00Z")
    assert out.columns[:2] == ["url", "html"]
    rows = {r["url"]: r.asDict(recursive=True) for r in out.collect()}
    check_rows(rows, pages)
