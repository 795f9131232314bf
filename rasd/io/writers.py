"""Output writers, chosen by `--format`. Each writes ArticleRecords to a binary stream.

Registry: format name -> "module:Class". A writer is constructed with a binary stream, gets
`write(record)` per article and `close()` at the end (which must not close a stream it did not open).
"""

from __future__ import annotations

import importlib
from typing import BinaryIO

import orjson

from ..model import ArticleRecord


class Writer:
    def __init__(self, stream: BinaryIO):
        self.stream = stream

    def write(self, record: ArticleRecord) -> None:
        raise NotImplementedError

    def close(self) -> None:
        self.stream.flush()


class JsonlWriter(Writer):
    def write(self, record: ArticleRecord) -> None:
        self.stream.write(orjson.dumps(record.model_dump(mode="json", by_alias=True)) + b"\n")


WRITERS: dict[str, str] = {
    "jsonl": "rasd.io.writers:JsonlWriter",
    "acled-csv": "rasd.io.exports:AcledCsvWriter",
    "ucdp-csv": "rasd.io.exports:UcdpCsvWriter",
}


def make_writer(fmt: str, stream: BinaryIO) -> Writer:
    if fmt not in WRITERS:
        raise ValueError(f"unknown output format {fmt!r}; choose one of: {', '.join(WRITERS)}")
    module, attr = WRITERS[fmt].split(":")
    return getattr(importlib.import_module(module), attr)(stream)
