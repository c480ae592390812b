"""warta as a Ray Data step: ``Extractor``, a callable class for ``Dataset.map_batches``.

    import ray
    from warta.ray import Extractor

    pages = ray.data.read_binary_files("pages/", include_paths=True)
    articles = pages.map_batches(Extractor(html="bytes", url=None), batch_format="pyarrow")

Over WARC files, ``read_warcs(paths)`` gives a Dataset of their page records (as
``warta.read_warc`` reads them, one task per file) for ``Extractor(html="body")``. Needs the
``warta[ray]`` extra.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pyarrow as pa

from warta._arrow import ARTICLE_ARROW
from warta._native import read_warc
from warta._pages import ARTICLE_COLUMNS, article_columns, extract_page


# Columns of a WARC page record that tell how to read its page (see warta.read_warc).
HINT_COLUMNS = {"read_as": "read_as", "charset": "charset", "date": "date"}


class Extractor:
    """Adds the article columns (``title``, ``text``, ``authors``, ``published``, …, ``error``) to
    each batch. ``html`` names the column of pages (bytes or str: ``bytes`` as
    ``read_binary_files`` gives), ``url`` the column of URLs or None. When the batch has the
    columns ``read_as``, ``charset`` and ``date`` (records from ``read_warcs``), each page is
    read with them, and a record whose ``record_error`` is set becomes an error row.
    ``options`` are ``warta.extract``'s keyword options. A page that fails gets
    ``error`` (kind, message) and a null ``text``; it never fails the job.

    Accepts batches as pyarrow Tables, pandas DataFrames or dicts of columns, and returns a
    pyarrow Table."""

    def __init__(self, html: str = "bytes", url: str | None = "url", **options: Any):
        self.html = html
        self.url = url
        self.options = options

    def __call__(self, batch: Any) -> pa.Table:
        table = _as_table(batch)
        names = set(table.column_names)
        pages = table.column(self.html).to_pylist()
        n = len(pages)
        urls = table.column(self.url).to_pylist() if self.url in names else [None] * n
        hints = {
            key: table.column(col).to_pylist() if col in names else [None] * n
            for key, col in HINT_COLUMNS.items()
        }
        broken = table.column("record_error").to_pylist() if "record_error" in names else [None] * n
        why = table.column("record_error_message").to_pylist() if "record_error_message" in names else [None] * n
        rows = []
        for i in range(n):
            if broken[i]:
                article = {"error": {"kind": broken[i], "message": why[i] or ""}}
            else:
                article = extract_page(
                    pages[i],
                    urls[i],
                    read_as=hints["read_as"][i],
                    charset=hints["charset"][i],
                    date=hints["date"][i],
                    options=self.options,
                )
            rows.append(article_columns(article))
        keep = [name for name in table.column_names if name not in ARTICLE_COLUMNS]
        out = table.select(keep)
        for field in ARTICLE_ARROW:
            out = out.append_column(field, pa.array([row[field.name] for row in rows], type=field.type))
        return out


def _as_table(batch: Any) -> pa.Table:
    if isinstance(batch, pa.Table):
        return batch
    if isinstance(batch, dict):
        return pa.table({k: pa.array(list(v)) for k, v in batch.items()})
    return pa.Table.from_pandas(batch, preserve_index=False)


def warc_pages(path: str) -> Iterator[dict[str, Any]]:
    """The page records of one WARC file, one at a time (damaged stretches and broken responses
    included, as records whose ``record_error`` is set; records that hold no page left out)."""
    for record in read_warc(path):
        if record["skip"]:
            continue
        error = record["error"]
        yield {
            "input": record["input"],
            "record_id": record["record_id"],
            "url": record["url"],
            "date": record["date"],
            "read_as": record["read_as"],
            "charset": record["charset"],
            "body": b"" if error else record["body"],
            "record_error": error["kind"] if error else None,
            "record_error_message": error["message"] if error else None,
        }


def read_warcs(paths: list[str]):
    """A Ray Dataset of the page records in ``paths``, read in the workers (one task per file)."""
    import ray.data

    files = ray.data.from_items([{"path": p} for p in paths], override_num_blocks=max(1, len(paths)))
    return files.flat_map(lambda row: warc_pages(row["path"]))
