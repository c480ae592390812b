"""Shared fixtures: the fixture pages, a WARC the tests write from them, and what the command
line (`warta extract`) reads from each page, which every engine step must equal."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]
PAGES = [REPO / "examples" / "portal-berita.html"] + sorted((HERE / "pages").glob("*.html"))
DATE = "2024-06-20T08:00:00Z"
# The fixture page the test hook turns into a panic (see src/lib.rs, mod test_hooks).
PANIC_MARKER = "WARTA-TEST-HOOK-PANIC-4471"
PANIC_PAGE = "panic-marker.html"
# A page holding this text stalls for a minute inside the extractor (same hook).
STALL_MARKER = "WARTA-TEST-HOOK-STALL-9032"

# Set before any engine starts, so that the workers of datatrove (forkserver), Spark and Ray
# inherit them.
os.environ["WARTA_TEST_PANIC_MARKER"] = PANIC_MARKER
os.environ["WARTA_TEST_STALL_MARKER"] = STALL_MARKER
# Spark's Python workers run this interpreter (the venv's, where warta is installed).
os.environ["PYSPARK_PYTHON"] = sys.executable


def cli_path() -> Path:
    cli = Path(os.environ.get("WARTA_CLI", REPO / "target" / "debug" / "warta"))
    if not cli.exists():
        pytest.fail(f"the warta command line is not built at {cli} (set WARTA_CLI)")
    return cli


@dataclass
class Page:
    name: str
    url: str
    html: bytes
    # What `warta extract --format json` gives for the page with its URL and fetch time.
    cli: dict


@pytest.fixture(scope="session")
def hooks_built() -> None:
    import warta._native

    if not warta._native._test_hooks:
        pytest.fail("the binding was built without the test-hooks feature (see scripts/test.d/20-python.sh)")


@pytest.fixture(scope="session")
def pages() -> list[Page]:
    out = []
    for path in PAGES:
        url = f"https://news.example/{path.stem}"
        run = subprocess.run(
            [str(cli_path()), "extract", "--format", "json", "--url", url, "--reference-time", DATE, str(path)],
            check=True,
            capture_output=True,
        )
        out.append(Page(path.name, url, path.read_bytes(), json.loads(run.stdout)))
    return out


def warc_record(fields: list[tuple[str, str]], block: bytes) -> bytes:
    head = "WARC/1.1\r\n" + "".join(f"{k}: {v}\r\n" for k, v in fields)
    head += f"Content-Length: {len(block)}\r\n\r\n"
    return head.encode() + block + b"\r\n\r\n"


def write_warc(path: Path, pages: list[Page]) -> Path:
    """A gzip-per-record WARC as a crawler writes one: a warcinfo record, then for each page a
    request and its 200 response; one redirect response besides, which holds no page."""
    members = [
        warc_record(
            [("WARC-Type", "warcinfo"), ("WARC-Record-ID", f"<urn:uuid:{uuid.uuid4()}>"), ("WARC-Date", DATE),
             ("Content-Type", "application/warc-fields")],
            b"software: warta tests\r\n",
        )
    ]
    for page in pages + [None]:
        url = page.url if page else "https://news.example/moved"
        members.append(
            warc_record(
                [("WARC-Type", "request"), ("WARC-Record-ID", f"<urn:uuid:{uuid.uuid4()}>"), ("WARC-Date", DATE),
                 ("WARC-Target-URI", url), ("Content-Type", "application/http; msgtype=request")],
                f"GET / HTTP/1.1\r\nHost: news.example\r\n\r\n".encode(),
            )
        )
        if page:
            http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + page.html
        else:
            http = b"HTTP/1.1 301 Moved Permanently\r\nLocation: https://news.example/\r\n\r\n"
        members.append(
            warc_record(
                [("WARC-Type", "response"), ("WARC-Record-ID", f"<urn:uuid:{uuid.uuid4()}>"), ("WARC-Date", DATE),
                 ("WARC-Target-URI", url), ("Content-Type", "application/http; msgtype=response"),
                 ("WARC-Identified-Payload-Type", "text/html" if page else "text/plain")],
                http,
            )
        )
    path.write_bytes(b"".join(gzip.compress(m) for m in members))
    return path


@pytest.fixture(scope="session")
def warc(tmp_path_factory, pages) -> Path:
    return write_warc(tmp_path_factory.mktemp("warc") / "pages.warc.gz", pages)


def columns_of(article: dict) -> dict:
    """The columns an engine step writes, computed from the CLI's article dict."""
    return {
        "title": article.get("title"),
        "text": article.get("text", ""),
        "authors": [a["name"] for a in article.get("authors", [])],
        "published": article.get("published"),
        "language": article.get("language"),
        "page_type": article.get("page_type"),
    }
