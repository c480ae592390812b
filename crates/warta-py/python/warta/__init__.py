"""warta: reads news pages the way a careful editor would.

The functions come from the Rust extension (``warta._native``); the engine steps live in the
submodules ``warta.datatrove``, ``warta.spark`` and ``warta.ray`` (each an optional extra).
"""

from warta._native import (
    EmptyInput,
    NotAPage,
    Panicked,
    WarcRecords,
    WartaError,
    __version__,
    extract,
    extract_many,
    read_warc,
    render,
)

__all__ = [
    "EmptyInput",
    "NotAPage",
    "Panicked",
    "WarcRecords",
    "WartaError",
    "__version__",
    "extract",
    "extract_many",
    "read_warc",
    "render",
]
