"""What the engine steps share: one record or page in, one article (or error record) out, and
the flat columns a table of articles has. No extraction logic: ``warta.extract_many`` does it."""

from __future__ import annotations

from typing import Any

from warta._native import extract_many

# The article columns the Spark and Ray steps add, in order, as a Spark DDL schema (the Ray step
# builds the same columns). `authors` holds the names; `error` is set only on a failed page.
ARTICLE_DDL = (
    "title string, text string, authors array<string>, published string, modified string, "
    "language string, page_type string, site_name string, description string, "
    "canonical_url string, error struct<kind:string,message:string>"
)
ARTICLE_COLUMNS = [part.split()[0] for part in ARTICLE_DDL.split(", ")]


def extract_page(
    page: bytes | str | None,
    url: str | None = None,
    *,
    read_as: str | None = None,
    charset: str | None = None,
    date: str | None = None,
    options: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Extracts one page with what its record knows (URL, how to read it, HTTP charset, fetch
    time); never raises for a bad page: a failure is an error record, as ``warta batch`` writes
    one. A date warta cannot read is left out rather than failing the page."""
    opts = dict(options or {})
    if read_as is not None:
        opts["input"] = read_as
    if charset is not None:
        opts["http_charset"] = charset
    if date is not None:
        opts["reference_time"] = date
    if page is None:
        page = b""
    try:
        return extract_many([(page, url)], jobs=1, **opts)[0]
    except ValueError:
        if "reference_time" not in opts:
            raise
        del opts["reference_time"]
        return extract_many([(page, url)], jobs=1, **opts)[0]


def article_columns(article: dict[str, Any]) -> dict[str, Any]:
    """The flat columns of one article dict (see ARTICLE_COLUMNS)."""
    error = article.get("error")
    return {
        "title": article.get("title"),
        "text": None if error else article.get("text", ""),
        "authors": [a["name"] for a in article.get("authors", [])],
        "published": article.get("published"),
        "modified": article.get("modified"),
        "language": article.get("language"),
        "page_type": article.get("page_type"),
        "site_name": article.get("site_name"),
        "description": article.get("description"),
        "canonical_url": article.get("canonical_url"),
        "error": {"kind": error["kind"], "message": error["message"]} if error else None,
    }


def record_article(record: dict[str, Any], options: dict[str, Any] | None = None) -> dict[str, Any] | None:
    """The article of one ``read_warc`` record: an error record for a damaged or broken one,
    None for a record that holds no page (its ``skip`` says why)."""
    if record.get("error"):
        return {"error": record["error"], "url": record.get("url")}
    if record.get("skip"):
        return None
    return extract_page(
        record["body"],
        record.get("url"),
        read_as=record.get("read_as"),
        charset=record.get("charset"),
        date=record.get("date"),
        options=options,
    )
