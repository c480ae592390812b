"""warta as a datatrove step: ``WartaExtractor``, a drop-in for datatrove's ``Trafilatura``.

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import WarcReader
    from datatrove.pipeline.writers import JsonlWriter
    from warta.datatrove import WartaExtractor

    LocalPipelineExecutor(
        pipeline=[WarcReader("crawl/"), WartaExtractor(), JsonlWriter("out/")],
        tasks=2,
    ).run()

Needs the ``warta[datatrove]`` extra.
"""

from __future__ import annotations

import contextlib
from typing import Any

from datatrove.data import DocumentsPipeline
from datatrove.pipeline.extractors.base import BaseExtractor, ExtractorSandbox
from datatrove.utils.typeshelper import StatHints

from warta._pages import extract_page

# The article fields a document's metadata receives.
METADATA_FIELDS = ("title", "published", "language", "page_type", "url")


class WartaExtractor(BaseExtractor):
    """Sets ``doc.text`` to the article's text and puts ``title``, ``authors`` (names),
    ``published``, ``language``, ``page_type`` and ``url`` into ``doc.metadata``.

    Args:
        timeout: seconds per document, or None. With a number, pages are extracted in a child
            process as datatrove's own extractors are, and one that takes longer is dropped and
            counted (stat ``timeout``). With None (the default), pages are extracted in the
            task's own process, which is faster: warta bounds its own parse time and turns a
            panic into an error record, so a page can neither hang nor crash the task.
        favour_precision: as datatrove's ``Trafilatura`` takes it: the same as
            ``focus="precision"``, so that the step replaces that one without other changes.
        **options: ``extract``'s keyword options (``input``, ``focus``, ``http_charset``); the
            URL and the fetch time come from each document's metadata (``url``, ``date``).

    A page warta cannot read is dropped and counted: stat ``clean_error`` and ``error_<kind>``.
    The step keeps only plain options, so it pickles for LocalPipelineExecutor's tasks.
    """

    name = "📰 warta"

    def __init__(self, timeout: float | None = None, favour_precision: bool = False, **options: Any):
        super().__init__(timeout)
        if favour_precision:
            options.setdefault("focus", "precision")
        bad = set(options) - {"input", "focus", "http_charset"}
        if bad:
            raise ValueError(f"invalid options for WartaExtractor: {sorted(bad)}")
        self.options = options

    def extract(self, text: str) -> str:
        """The article text of one page (datatrove's extractor interface); "" when it fails."""
        article = extract_page(text, options=self.options)
        return "" if article.get("error") else article.get("text", "")

    def _article(self, text: str, url: str | None, date: str | None) -> dict[str, Any]:
        return extract_page(text, url, date=date, options=self.options)

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        sandbox = (
            ExtractorSandbox(timeout=self.timeout, warmup_text=("<p>warm</p>", None, None))
            if self.timeout
            else contextlib.nullcontext()
        )
        with sandbox as child:
            for doc in data:
                self.stat_update(StatHints.total)
                with self.track_time():
                    meta = doc.metadata
                    job = (doc.text, meta.get("url"), meta.get("date"))
                    if child is None:
                        article = self._article(*job)
                    else:
                        try:
                            article = child.process_document(job, self._article)
                        except TimeoutError:
                            self.stat_update("timeout")
                            continue
                        except EOFError:
                            self.stat_update("broken_process")
                            continue
                if article.get("error"):
                    self.stat_update("clean_error", f"error_{article['error']['kind']}")
                    continue
                self.stat_update("extracted")
                doc.text = article.get("text", "")
                for field in METADATA_FIELDS:
                    if article.get(field) is not None:
                        meta[field] = article[field]
                meta["authors"] = [a["name"] for a in article.get("authors", [])]
                if doc.text:
                    self.stat_update(StatHints.forwarded)
                    self.update_doc_stats(doc)
                    yield doc
                else:
                    self.stat_update(StatHints.dropped)
