"""The article columns as an Arrow schema, for the steps that hand Arrow tables to their engine
(Spark's ``mapInArrow``, Ray's ``map_batches``). Kept apart from ``_pages`` so that the base
package does not need pyarrow; the columns are ``_pages.ARTICLE_DDL``'s, in its order."""

from __future__ import annotations

import pyarrow as pa

ARTICLE_ARROW = pa.schema(
    [
        ("title", pa.string()),
        ("text", pa.string()),
        ("authors", pa.list_(pa.string())),
        ("published", pa.string()),
        ("modified", pa.string()),
        ("language", pa.string()),
        ("page_type", pa.string()),
        ("site_name", pa.string()),
        ("description", pa.string()),
        ("canonical_url", pa.string()),
        ("error", pa.struct([("kind", pa.string()), ("message", pa.string())])),
    ]
)
