"""warta as a PySpark step, and a ready job over WARC files.

``extract(df, html="html", url="url")`` adds the article columns to a DataFrame of pages, on
``mapInArrow`` with a declared schema. ``python -m warta.spark INPUT... --output DIR`` reads WARC
files (paths, or text files listing them one a line, as cc-pyspark takes) inside the executors
with ``warta.read_warc`` and writes one Parquet row per page. Needs the ``warta[spark]`` extra.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator

import pyarrow as pa
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql.types import StructType

from warta._arrow import ARTICLE_ARROW
from warta._native import read_warc
from warta._pages import ARTICLE_COLUMNS, ARTICLE_DDL, article_columns, extract_page, record_article

# The columns a row of the WARC job has before the article's.
RECORD_DDL = "input string, record_id string, url string, date string"


def _article_arrays(articles: list[dict]) -> dict[str, list]:
    rows = [article_columns(a) for a in articles]
    return {name: [row[name] for row in rows] for name in ARTICLE_COLUMNS}


def extract(df: DataFrame, html: str = "html", url: str | None = "url", **options) -> DataFrame:
    """Adds the article columns (``title``, ``text``, ``authors``, ``published``, ``modified``,
    ``language``, ``page_type``, ``site_name``, ``description``, ``canonical_url``, ``error``)
    to ``df``, whose column ``html`` holds pages (binary or string) and ``url`` their URLs (or
    pass ``url=None``). ``options`` are ``warta.extract``'s keyword options. A page that fails
    gets ``error`` (kind, message) and a null ``text``; it never fails the job."""
    article_schema = StructType.fromDDL(ARTICLE_DDL)
    taken = set(df.columns) & set(ARTICLE_COLUMNS)
    if taken:
        raise ValueError(f"the DataFrame already has article columns: {sorted(taken)}")
    schema = StructType(df.schema.fields + article_schema.fields)

    def run(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        for batch in batches:
            pages = batch.column(html).to_pylist()
            urls = batch.column(url).to_pylist() if url else [None] * len(pages)
            articles = [extract_page(page, u, options=options) for page, u in zip(pages, urls)]
            columns = {name: batch.column(name) for name in batch.schema.names}
            columns.update(_article_arrays(articles))
            yield pa.RecordBatch.from_pydict(columns, schema=_arrow_schema(batch.schema))

    return df.mapInArrow(run, schema)


def _arrow_schema(inputs: pa.Schema) -> pa.Schema:
    """The Arrow schema of the output batches: the input's fields, then the article's."""
    return pa.schema(list(inputs) + list(ARTICLE_ARROW))


RECORD_ARROW = pa.schema(
    [("input", pa.string()), ("record_id", pa.string()), ("url", pa.string()), ("date", pa.string())]
)


# Rows per Arrow batch the WARC job hands to Spark: bounds the memory a task holds at once.
ROWS_PER_BATCH = 500


def _warc_rows(paths: Iterator[pa.RecordBatch], options: dict) -> Iterator[pa.RecordBatch]:
    """Inside an executor: reads each WARC file of the batch and yields its rows, one per page
    (damaged stretches and broken responses as error rows), at most ROWS_PER_BATCH at a time."""
    schema = pa.schema(list(RECORD_ARROW) + list(ARTICLE_ARROW))
    names = [field.name for field in RECORD_ARROW]

    def batch(records: list[dict], articles: list[dict]) -> pa.RecordBatch:
        columns = {name: [r[name] for r in records] for name in names}
        columns.update(_article_arrays(articles))
        return pa.RecordBatch.from_pydict(columns, schema=schema)

    for paths_batch in paths:
        for path in paths_batch.column("path").to_pylist():
            records, articles = [], []
            for record in read_warc(path):
                article = record_article(record, options)
                if article is None:
                    continue
                records.append({name: record[name] for name in names})
                articles.append(article)
                if len(records) == ROWS_PER_BATCH:
                    yield batch(records, articles)
                    records, articles = [], []
            if records:
                yield batch(records, articles)


def warc_paths(inputs: list[str]) -> list[str]:
    """WARC paths from the command line's inputs: a WARC file stands for itself; any other file
    lists WARC paths, one a line (blank lines and `#` comments aside)."""
    paths = []
    for item in inputs:
        with open(item, "rb") as f:
            head = f.read(8)
        if head.startswith((b"WARC/", b"\x1f\x8b", b"\x28\xb5\x2f\xfd", b"\x5d\x2a\x4d\x18")):
            paths.append(os.path.abspath(item))
            continue
        with open(item, encoding="utf-8") as listing:
            for line in listing:
                line = line.strip()
                if line and not line.startswith("#"):
                    paths.append(line if "://" in line else os.path.abspath(line))
    return paths


def extract_warcs(spark: SparkSession, paths: list[str], **options) -> DataFrame:
    """A DataFrame of the pages in ``paths`` (read in the executors, one task per file): the
    record's ``input``, ``record_id``, ``url`` and ``date``, then the article columns."""
    schema = StructType.fromDDL(f"{RECORD_DDL}, {ARTICLE_DDL}")
    files = spark.createDataFrame([(p,) for p in paths], "path string").repartition(max(1, len(paths)))
    return files.mapInArrow(lambda batches: _warc_rows(batches, options), schema)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m warta.spark",
        description="Extract every page of WARC/WET files with warta on Spark; write Parquet.",
    )
    parser.add_argument("inputs", nargs="+", metavar="INPUT", help="WARC/WET files, or text files listing them")
    parser.add_argument("--output", required=True, help="the Parquet directory to write")
    parser.add_argument("--master", default=None, help="Spark master, e.g. local[2] (default: spark-submit's)")
    parser.add_argument("--focus", default="balanced", choices=["precision", "balanced", "recall"])
    parser.add_argument("--overwrite", action="store_true", help="replace an existing output")
    args = parser.parse_args(argv)
    paths = warc_paths(args.inputs)
    if not paths:
        parser.error("no WARC paths in the inputs")
    builder = SparkSession.builder.appName("warta")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    try:
        df = extract_warcs(spark, paths, focus=args.focus)
        df.write.mode("overwrite" if args.overwrite else "errorifexists").parquet(args.output)
        written = spark.read.parquet(args.output)
        failed = written.filter("error is not null").count()
        print(f"warta: {written.count()} pages from {len(paths)} files, {failed} failed, into {args.output}")
    finally:
        spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
