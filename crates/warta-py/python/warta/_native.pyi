"""Type stubs for the Rust extension; ``warta`` re-exports these names."""

from collections.abc import Iterable, Iterator
from os import PathLike
from typing import Any, BinaryIO, Literal, Union

__version__: str

Page = Union[bytes, str]
InputKind = Literal["auto", "html", "text"]
Focus = Literal["precision", "balanced", "recall"]

class WartaError(Exception):
    """The base of warta's own exceptions."""

class EmptyInput(WartaError):
    """The page holds no bytes."""

class NotAPage(WartaError):
    """The input is not a readable page (binary data, or no text at all)."""

class Panicked(WartaError):
    """warta panicked on this page: a bug in warta, caught and reported instead of a crash."""

def extract(
    page: Page,
    *,
    url: str | None = None,
    input: InputKind = "auto",
    focus: Focus = "balanced",
    reference_time: str | None = None,
    http_charset: str | None = None,
) -> dict[str, Any]:
    """Extracts the article from one page and returns it as the article dict of ARTICLE.md,
    equal to what ``warta extract --format json`` prints.

    Raises EmptyInput, NotAPage, ValueError (a bad option) or Panicked. Releases the GIL."""

def extract_many(
    pages: Iterable[Page | tuple[Page, str | None]],
    *,
    jobs: int | None = None,
    url: str | None = None,
    input: InputKind = "auto",
    focus: Focus = "balanced",
    reference_time: str | None = None,
    http_charset: str | None = None,
) -> list[dict[str, Any]]:
    """Extracts many pages on ``jobs`` Rust threads (default: one per core), in input order. A
    page that fails gives ``{"error": {"kind": ..., "message": ...}}`` instead of an article."""

def render(article: dict[str, Any], format: Literal["markdown", "text", "html", "json"]) -> str:
    """Renders an article dict as the CLI's ``--format`` does."""

class WarcRecords(Iterator[dict[str, Any]]):
    """The records of one WARC or WET file, as dicts (see ``read_warc``)."""

    def __iter__(self) -> WarcRecords: ...
    def __next__(self) -> dict[str, Any]: ...

def read_warc(path_or_file: str | PathLike[str] | BinaryIO) -> WarcRecords:
    """Yields a WARC/WET file's records as dicts: ``url``, ``date``, ``record_id``, ``type``,
    ``content_type``, ``charset``, ``status``, ``http_headers``, ``body`` (bytes), ``read_as``
    ("html" or "text", for ``extract``'s ``input``), ``offset``, ``input``, ``warnings``,
    ``skip`` (why the record holds no page, or None) and ``error`` (``{"kind", "message"}`` for
    a damaged stretch or a broken response, or None)."""

def _rust_extract_loop(pages: list[bytes], *, input: InputKind = "auto") -> int: ...

_test_hooks: bool
