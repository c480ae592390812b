"""The module's API: extract, extract_many, render, read_warc, and an exception for every kind of
bad input."""

from __future__ import annotations

import gzip
import io
import subprocess
import threading

import pytest

import warta
from conftest import DATE, PANIC_MARKER, PANIC_PAGE, cli_path, warc_record


def test_extract_equals_the_command_line(pages):
    for page in (p for p in pages if p.name != PANIC_PAGE):
        got = warta.extract(page.html, url=page.url, reference_time=DATE)
        want = dict(page.cli)
        want.pop("input", None)
        assert got == want, page.name


def test_a_str_page_reads_like_its_bytes(pages):
    page = pages[0]
    assert warta.extract(page.html.decode("utf-8")) == warta.extract(page.html)


def test_render_matches_the_command_line(pages):
    page = next(p for p in pages if p.name == "portal-berita.html")
    article = warta.extract(page.html)
    for fmt in ["markdown", "text", "html"]:
        cli = subprocess.run(
            [str(cli_path()), "extract", "--format", fmt, str(page_path(page.name))],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        assert warta.render(article, fmt) + "\n" == cli, fmt
    assert '"title"' in warta.render(article, "json")


def page_path(name):
    from conftest import PAGES

    return next(p for p in PAGES if p.name == name)


def test_empty_input_raises_empty_input():
    with pytest.raises(warta.EmptyInput, match="empty"):
        warta.extract(b"")


def test_binary_data_raises_not_a_page():
    with pytest.raises(warta.NotAPage, match="binary"):
        warta.extract(bytes(range(0, 32)) * 64)


@pytest.mark.parametrize(
    "options, named",
    [
        ({"focus": "loud"}, "focus"),
        ({"input": "pdf"}, "input"),
        ({"reference_time": "yesterday"}, "reference_time"),
    ],
)
def test_bad_options_raise_value_error(options, named):
    with pytest.raises(ValueError, match=named):
        warta.extract(b"<p>hello</p>", **options)
    with pytest.raises(ValueError, match=named):
        warta.extract_many([b"<p>hello</p>"], **options)


def test_a_page_that_is_not_bytes_or_str_raises_type_error():
    with pytest.raises(TypeError, match="bytes or str"):
        warta.extract(12)
    with pytest.raises(TypeError):
        warta.extract_many([b"<p>a</p>", 3.5])


def test_bad_render_inputs_raise_value_error(pages):
    with pytest.raises(ValueError, match="format"):
        warta.render(warta.extract(pages[0].html), "pdf")
    with pytest.raises(ValueError, match="not an article"):
        warta.render({"title": 3}, "text")


def test_exceptions_share_a_base():
    for exc in [warta.EmptyInput, warta.NotAPage, warta.Panicked]:
        assert issubclass(exc, warta.WartaError)


def test_a_panic_is_an_exception_not_a_crash(pages, hooks_built):
    page = next(p for p in pages if p.name == PANIC_PAGE)
    with pytest.raises(warta.Panicked, match="test hook"):
        warta.extract(page.html)
    # The interpreter and the module go on working.
    assert warta.extract(pages[0].html)["title"]


def test_extract_many_keeps_order_and_records_errors(pages, hooks_built):
    inputs = [(p.html, p.url) for p in pages] + [b"", bytes(range(32)) * 64]
    for jobs in [1, 2, None]:
        got = warta.extract_many(inputs, jobs=jobs, reference_time=DATE)
        assert len(got) == len(inputs)
        for page, article in zip(pages, got):
            if page.name == PANIC_PAGE:
                assert article["error"]["kind"] == "panic"
                assert article["url"] == page.url
            else:
                want = dict(page.cli)
                want.pop("input", None)
                assert article == want, page.name
        assert got[-2] == {"error": {"kind": "empty-input", "message": "the input is empty"}}
        assert got[-1]["error"]["kind"] == "not-a-page"


def test_extract_many_refuses_zero_jobs():
    with pytest.raises(ValueError, match="jobs"):
        warta.extract_many([b"<p>a</p>"], jobs=0)


def test_extract_releases_the_gil(pages):
    # Threads that each extract pages finish with the same results as one thread would.
    want = [warta.extract(p.html) for p in pages[:2]]
    results = {}

    def work(i):
        results[i] = [warta.extract(p.html) for p in pages[:2]]

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(r == want for r in results.values())


def test_read_warc_yields_every_record(warc, pages):
    records = list(warta.read_warc(warc))
    types = [r["type"] for r in records]
    assert types[0] == "warcinfo"
    assert types.count("response") == len(pages) + 1
    page_records = [r for r in records if r["skip"] is None]
    assert [r["url"] for r in page_records] == [p.url for p in pages]
    for record, page in zip(page_records, pages):
        assert record["body"] == page.html
        assert record["status"] == 200
        assert record["http_headers"]["Content-Type"] == "text/html; charset=utf-8"
        assert record["content_type"] == "text/html; charset=utf-8"
        assert record["charset"] == "utf-8"
        assert record["date"] == DATE
        assert record["record_id"].startswith("<urn:uuid:")
        assert record["read_as"] == "html"
        assert record["error"] is None
    skipped = {r["skip"] for r in records if r["skip"]}
    assert skipped == {"warcinfo record", "request record", "HTTP status 3xx"}


def test_read_warc_reads_file_objects_too(warc):
    with open(warc, "rb") as f:
        from_file = [r["record_id"] for r in warta.read_warc(f)]
    assert from_file == [r["record_id"] for r in warta.read_warc(str(warc))]


def test_a_corrupt_member_is_an_error_record_and_reading_goes_on(tmp_path):
    members = [
        gzip.compress(
            warc_record(
                [("WARC-Type", "resource"), ("WARC-Target-URI", f"https://news.example/{i}"),
                 ("Content-Type", "text/html")],
                f"<p>page {i}</p>".encode(),
            )
        )
        for i in range(3)
    ]
    broken = bytearray(members[1])
    broken[12:-8] = b"\xff" * (len(broken) - 20)
    data = members[0] + bytes(broken) + members[2]
    records = list(warta.read_warc(io.BytesIO(data)))
    assert records[0]["url"] == "https://news.example/0"
    assert records[-1]["url"] == "https://news.example/2"
    errors = [r for r in records if r["error"]]
    assert errors and errors[0]["error"]["kind"] == "damaged-warc"
    assert "gzip" in errors[0]["error"]["message"]


def test_wet_conversions_are_read_as_text(tmp_path):
    text = "Night ferry resumes\n\nThe overnight ferry sailed again on Monday evening.\n".encode()
    path = tmp_path / "x.warc.wet"
    path.write_bytes(
        warc_record(
            [("WARC-Type", "conversion"), ("WARC-Target-URI", "https://news.example/wet"),
             ("Content-Type", "text/plain")],
            text,
        )
    )
    (record,) = list(warta.read_warc(path))
    assert record["read_as"] == "text" and record["body"] == text


def test_read_warc_refuses_what_is_not_a_warc(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("just some notes\n")
    with pytest.raises(ValueError, match="not a WARC"):
        warta.read_warc(path)
    with pytest.raises(OSError):
        warta.read_warc(tmp_path / "absent.warc")


def test_the_panic_marker_is_a_test_hook_only(pages):
    page = next(p for p in pages if p.name == PANIC_PAGE)
    assert PANIC_MARKER.encode() in page.html
    # The command line, which has no hook, reads the page as any other.
    assert page.cli.get("error") is None and page.cli["text"]
