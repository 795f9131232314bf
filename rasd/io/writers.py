"""Output writers, chosen by `--format`. Each writes ArticleRecords to a binary stream.

Registry: format name -> "module:Class". A writer is constructed with a binary stream, gets
`write(record)` per article and `close()` at the end (which must not close a stream it did not open).
Writers that serialise the record's own JSON also offer `write_raw(json_bytes)`, used to merge
the shard files of a parallel run without parsing the records again.
"""

from __future__ import annotations

import importlib
from typing import BinaryIO

import orjson

from ..model import ArticleRecord


def record_json(record: ArticleRecord) -> bytes:
    """The record as compact JSON bytes (the output contract: aliases, ISO dates)."""
    return orjson.dumps(record.model_dump(mode="json", by_alias=True))


class Writer:
    def __init__(self, stream: BinaryIO):
        self.stream = stream

    def write(self, record: ArticleRecord) -> None:
        raise NotImplementedError

    def close(self) -> None:
        self.stream.flush()


class JsonlWriter(Writer):
    """One JSON object per line."""

    def write(self, record: ArticleRecord) -> None:
        self.write_raw(record_json(record))

    def write_raw(self, data: bytes) -> None:
        self.stream.write(data + b"\n")


class JsonWriter(Writer):
    """One JSON array of records, written as it goes (memory stays flat)."""

    def __init__(self, stream: BinaryIO):
        super().__init__(stream)
        self.count = 0

    def write(self, record: ArticleRecord) -> None:
        self.write_raw(record_json(record))

    def write_raw(self, data: bytes) -> None:
        self.stream.write((b"[\n" if self.count == 0 else b",\n") + data)
        self.count += 1

    def close(self) -> None:
        self.stream.write(b"[]\n" if self.count == 0 else b"\n]\n")
        super().close()


WRITERS: dict[str, str] = {
    "jsonl": "rasd.io.writers:JsonlWriter",
    "json": "rasd.io.writers:JsonWriter",
    "acled-csv": "rasd.io.exports:AcledCsvWriter",
    "ucdp-csv": "rasd.io.exports:UcdpCsvWriter",
}


def make_writer(fmt: str, stream: BinaryIO) -> Writer:
    if fmt not in WRITERS:
        raise ValueError(f"unknown output format {fmt!r}; choose one of: {', '.join(WRITERS)}")
    module, attr = WRITERS[fmt].split(":")
    return getattr(importlib.import_module(module), attr)(stream)
