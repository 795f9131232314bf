"""Readers: files, directories and stdin to `Article`s, streaming, never failing the batch.

Formats: `.txt` (first non-empty line = title, the rest = text), `.json` (one article or a list),
`.jsonl` / `.jsonl.gz` (one article per line), `.html` / `.htm` (main text by trafilatura),
directories (recursive, sorted, known extensions only) and `-` (stdin: JSONL, JSON or plain text).
Encodings: UTF-8 (with or without BOM), UTF-16 (BOM), Windows-1256 (detected by a strict
try-decode order plus a plausibility check), then charset-normalizer as a last resort.

`iter_articles` yields `Article` or `InputError` items in input order, so a caller records the
error (file, line, reason) and goes on. A "unit" is one file, or one line of a JSONL file; with
`shard=(k, n)` only units whose index % n == k are parsed (each worker of a parallel run reads
its own shard of the same inputs).
"""

from __future__ import annotations

import codecs
import gzip
import io
import re
import sys
import warnings
from dataclasses import dataclass
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Callable, Iterable, Iterator

import orjson

from ..errors import InputError
from ..model import Article

KNOWN_SUFFIXES = (".jsonl.gz", ".jsonl", ".json", ".txt", ".html", ".htm")
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
TEXT_FIELDS = ("text", "content", "body")
DATE_FIELDS = ("published", "date", "published_at", "pubdate")
OUTLET_FIELDS = ("outlet", "source", "site")

_ARABIC = re.compile(r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class InputWarning(UserWarning):
    """Something in an input was ignored (a bad date); the article is still read."""


Item = Article | InputError
Warn = Callable[[str], None]


def _default_warn(message: str) -> None:
    warnings.warn(message, InputWarning, stacklevel=3)


# -- decoding ------------------------------------------------------------------------------------

def decode_bytes(data: bytes, path: str) -> str:
    """Decode article bytes: BOMs first, then strict UTF-8, Windows-1256, charset-normalizer."""
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8", path)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16", path)
    head = data[:4096]
    if b"\x00" not in head:
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        try:
            text = data.decode("cp1256")
            if _plausible(text):
                return text
        except UnicodeDecodeError:
            pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None:
        text = str(best)
        if _plausible(text):
            return text
    if b"\x00" in head:
        raise InputError(path, "binary file (it contains NUL bytes); give a text, JSON, JSONL or HTML file")
    raise InputError(path, "cannot decode the bytes as UTF-8, UTF-16 or Windows-1256 text; re-save the file as UTF-8")


def _strict(data: bytes, encoding: str, path: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(path, f"invalid {encoding} bytes at offset {exc.start}; re-save the file as UTF-8") from None


def _plausible(text: str) -> bool:
    """Decoded text looks like text: few control chars, and letters rather than symbol soup."""
    if not text:
        return True
    sample = text[:20000]
    if len(_CONTROL.findall(sample)) > max(2, len(sample) // 200):
        return False
    letters = sum(1 for _ in re.finditer(r"[^\W\d_]", sample))
    return letters >= len(sample.strip()) * 0.3


def has_arabic(text: str) -> bool:
    return _ARABIC.search(text) is not None


# -- dates ---------------------------------------------------------------------------------------

_DATE_FORMATS = ("%d/%m/%Y", "%Y/%m/%d", "%d-%m-%Y", "%d.%m.%Y", "%Y.%m.%d", "%B %d, %Y", "%d %B %Y", "%b %d, %Y", "%d %b %Y")


def parse_date(value) -> date | None:
    """ISO dates and datetimes, d/m/Y and similar, RFC 2822, then dateparser; None when unreadable."""
    if value is None or value == "":
        return None
    if isinstance(value, (int, float)):
        if 1e9 < value < 1e11:
            return datetime.utcfromtimestamp(value).date()
        return None
    s = str(value).strip()
    try:
        return date.fromisoformat(s[:10])
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(s.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(s, fmt).date()
        except ValueError:
            continue
    try:
        return parsedate_to_datetime(s).date()
    except (TypeError, ValueError, IndexError):
        pass
    try:
        import dateparser

        d = dateparser.parse(s, languages=["ar", "en", "fr"], settings={"STRICT_PARSING": True})
        return d.date() if d else None
    except Exception:  # dateparser raises assorted errors on odd strings
        return None


# -- records -------------------------------------------------------------------------------------

def article_from_dict(d: dict, path: str, default_id: str, line: int | None, warn: Warn) -> Article:
    """An Article from a JSON object with the usual news fields; InputError when it has no text."""
    if not isinstance(d, dict):
        raise InputError(path, f"expected a JSON object (an article), got {type(d).__name__}", line)
    text = next((d[k] for k in TEXT_FIELDS if isinstance(d.get(k), str) and d[k].strip()), None)
    if text is None:
        raise InputError(path, "the article has no text (expected a non-empty 'text', 'content' or 'body' field)", line)
    raw_date = next((d[k] for k in DATE_FIELDS if d.get(k) not in (None, "")), None)
    published = parse_date(raw_date)
    where = f"{path}:{line}" if line is not None else path
    if raw_date is not None and published is None:
        warn(f"{where}: unreadable date {raw_date!r}; published set to null")
    art_id = d.get("id")
    outlet = next((d[k] for k in OUTLET_FIELDS if isinstance(d.get(k), str) and d[k]), None)
    title = d.get("title") if isinstance(d.get("title"), str) else ""
    return _checked(Article(
        id=str(art_id) if art_id not in (None, "") else default_id,
        title=title or "", text=text, published=published, outlet=outlet,
        url=d.get("url") if isinstance(d.get("url"), str) else None, source_path=path,
    ), path, line)


def article_from_text(text: str, path: str, art_id: str) -> Article:
    """A plain-text article: the first non-empty line is the title, the rest is the text."""
    body = text.lstrip("\ufeff").strip()
    if not body:
        raise InputError(path, "empty file (no text)")
    first, _, rest = body.partition("\n")
    rest = rest.strip()
    title = first.strip()
    return _checked(Article(id=art_id, title=title, text=rest or title, source_path=path), path, None)


def article_from_html(html: str, path: str, art_id: str) -> Article:
    import trafilatura

    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=False)
    if doc is None:
        raise InputError(path, "no main text found in the HTML page")
    get = doc.get if isinstance(doc, dict) else lambda k: getattr(doc, k, None)
    text = get("text") or ""
    if not text.strip():
        raise InputError(path, "no main text found in the HTML page")
    return _checked(Article(
        id=art_id, title=get("title") or "", text=text, published=parse_date(get("date")),
        outlet=get("sitename") or None, url=get("url") or None, source_path=path,
    ), path, None)


def _checked(article: Article, path: str, line: int | None) -> Article:
    if not has_arabic(article.text):
        raise InputError(path, "the article has no Arabic text (rasd reads Arabic news)", line)
    return article


# -- files ---------------------------------------------------------------------------------------

def suffix_of(path: Path) -> str | None:
    name = path.name.lower()
    return next((s for s in KNOWN_SUFFIXES if name.endswith(s)), None)


def expand_paths(paths: Iterable[str | Path]) -> Iterator[tuple[Path | None, str]]:
    """(path, id_stem) for every input: files as given, directories recursively (sorted, known
    extensions only), '-' for stdin (path None). Ids of files found in directories keep their
    sub-folder (sub/x) so that equal names in different folders stay distinct."""
    for p in paths:
        if str(p) == "-":
            yield None, "stdin"
            continue
        path = Path(p)
        if path.is_dir():
            found = sorted(f for f in path.rglob("*") if f.is_file() and suffix_of(f))
            for f in found:
                rel = f.relative_to(path).as_posix()
                yield f, rel[: -len(suffix_of(f))]
        else:
            suf = suffix_of(path)
            yield path, path.name[: -len(suf)] if suf else path.stem


@dataclass
class _Units:
    """Counts units across all inputs to pick this shard's ones and honour a limit."""

    shard: tuple[int, int] = (0, 1)
    limit: int | None = None
    index: int = -1

    def next(self) -> tuple[int, bool]:
        """(unit index, whether this shard takes it)."""
        self.index += 1
        if self.limit is not None and self.index >= self.limit:
            return self.index, False
        return self.index, self.index % self.shard[1] == self.shard[0]

    @property
    def exhausted(self) -> bool:
        return self.limit is not None and self.index + 1 >= self.limit


def iter_articles(
    paths: Iterable[str | Path],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    shard: tuple[int, int] = (0, 1),
    limit: int | None = None,
    warn: Warn | None = None,
    stdin: io.BufferedReader | None = None,
    with_index: bool = False,
) -> Iterator:
    """Yield Article or InputError for each unit of input, in order (see the module doc).

    With `with_index`, yields (unit_index, item) pairs (used to merge parallel shards in order).
    """
    warn = warn or _default_warn
    units = _Units(shard, limit)
    for path, stem in expand_paths(paths):
        if units.exhausted:
            return
        if path is None:
            src = stdin if stdin is not None else sys.stdin.buffer
            gen = _read_stdin(src, max_bytes, units, warn)
        else:
            gen = _read_path(path, stem, max_bytes, units, warn)
        for idx, item in gen:
            yield (idx, item) if with_index else item
            if units.exhausted:
                return


def read_articles(paths: Iterable[str | Path], **kw) -> list[Article]:
    """All articles of `paths`; raises the first InputError (for small, trusted inputs and tests)."""
    out = []
    for item in iter_articles(paths, **kw):
        if isinstance(item, InputError):
            raise item
        out.append(item)
    return out


def _too_big(size: int, max_bytes: int) -> str:
    return (f"{size / 1e6:.1f} MB is over the size limit of {max_bytes / 1e6:.1f} MB per article/file; "
            "split the input or raise the limit with --max-size")


def _read_path(path: Path, stem: str, max_bytes: int, units: _Units, warn: Warn) -> Iterator[tuple[int, Item]]:
    spath = str(path)
    suf = suffix_of(path)
    if suf in (".jsonl", ".jsonl.gz"):
        yield from _read_jsonl_file(path, stem, max_bytes, units, warn)
        return
    idx, mine = units.next()
    if not mine:
        return
    try:
        if not path.exists():
            raise InputError(spath, "no such file or directory")
        size = path.stat().st_size
        if size == 0:
            raise InputError(spath, "empty file (0 bytes)")
        if size > max_bytes:
            raise InputError(spath, _too_big(size, max_bytes))
        text = decode_bytes(path.read_bytes(), spath)
        if suf == ".json":
            yield from ((idx, a) for a in _articles_from_json(text, spath, stem, warn))
        elif suf in (".html", ".htm"):
            yield idx, article_from_html(text, spath, stem)
        else:
            yield idx, article_from_text(text, spath, stem)
    except InputError as exc:
        yield idx, exc
    except OSError as exc:
        yield idx, InputError(spath, f"cannot read the file: {exc.strerror or exc}")


def _articles_from_json(text: str, path: str, stem: str, warn: Warn) -> Iterator[Item]:
    try:
        data = orjson.loads(text)
    except orjson.JSONDecodeError as exc:
        yield InputError(path, f"malformed JSON: {exc}")
        return
    if isinstance(data, dict) and isinstance(data.get("articles"), list):
        data = data["articles"]
    if isinstance(data, list):
        for i, d in enumerate(data, 1):
            try:
                yield article_from_dict(d, path, f"{stem}:{i}", i, warn)
            except InputError as exc:
                yield exc
    else:
        try:
            yield article_from_dict(data, path, stem, None, warn)
        except InputError as exc:
            yield exc


def _read_jsonl_file(path: Path, stem: str, max_bytes: int, units: _Units, warn: Warn) -> Iterator[tuple[int, Item]]:
    spath = str(path)
    try:
        fh = gzip.open(path, "rb") if spath.lower().endswith(".gz") else open(path, "rb")
    except OSError as exc:
        idx, mine = units.next()
        if mine:
            yield idx, InputError(spath, f"cannot open the file: {exc.strerror or exc}")
        return
    with fh:
        try:
            yield from _jsonl_lines(fh, spath, stem, max_bytes, units, warn)
        except (OSError, EOFError, gzip.BadGzipFile) as exc:
            idx, mine = units.next()
            if mine:
                yield idx, InputError(spath, f"the file is damaged and reading stopped: {exc}")


def _jsonl_lines(fh, spath: str, stem: str, max_bytes: int, units: _Units, warn: Warn) -> Iterator[tuple[int, Item]]:
    for lineno, raw in enumerate(_bounded_lines(fh, max_bytes), 1):
        if units.exhausted:
            return
        if isinstance(raw, int):  # an over-long line, skipped
            idx, mine = units.next()
            if mine:
                yield idx, InputError(spath, _too_big(raw, max_bytes), lineno)
            continue
        if not raw.strip():
            continue
        idx, mine = units.next()
        if not mine:
            continue
        try:
            if lineno == 1 and raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
                raise InputError(spath, "UTF-16 JSONL is not supported; re-save it as UTF-8", lineno)
            if lineno == 1 and raw.startswith(codecs.BOM_UTF8):
                raw = raw[3:]
            try:
                obj = orjson.loads(raw)
            except orjson.JSONDecodeError:
                try:  # a legacy-encoded (Windows-1256) line: decode, then parse the str
                    obj = orjson.loads(decode_bytes(raw, spath))
                except (orjson.JSONDecodeError, InputError) as exc:
                    raise InputError(spath, f"malformed JSON line: {str(exc).splitlines()[0]}", lineno) from None
            yield idx, article_from_dict(obj, spath, f"{stem}:{lineno}", lineno, warn)
        except InputError as exc:
            yield idx, exc


def _bounded_lines(fh, max_bytes: int) -> Iterator[bytes | int]:
    """Lines of a binary stream; a line longer than max_bytes is skipped (its size is yielded)."""
    while True:
        line = fh.readline(max_bytes + 1)
        if not line:
            return
        if len(line) > max_bytes and not line.endswith(b"\n"):
            size = len(line)
            while True:  # drain the rest of the over-long line without keeping it
                chunk = fh.readline(1 << 20)
                size += len(chunk)
                if not chunk or chunk.endswith(b"\n"):
                    break
            yield size
            continue
        yield line


def _read_stdin(src, max_bytes: int, units: _Units, warn: Warn) -> Iterator[tuple[int, Item]]:
    """JSONL when the first line is a JSON object, JSON when it starts with '[', else plain text."""
    first = src.readline(max_bytes + 1)
    stripped = first.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"{"):
        try:
            orjson.loads(stripped)
            is_jsonl = True
        except orjson.JSONDecodeError:
            is_jsonl = False
        if is_jsonl:
            yield from _jsonl_lines(_Chain(first, src), "<stdin>", "stdin", max_bytes, units, warn)
            return
    rest = src.read(max_bytes + 1 - len(first)) if len(first) <= max_bytes else b""
    data = first + rest
    idx, mine = units.next()
    if not mine:
        return
    try:
        if len(data) > max_bytes:
            raise InputError("<stdin>", _too_big(len(data), max_bytes))
        if not data.strip():
            raise InputError("<stdin>", "empty input")
        text = decode_bytes(data, "<stdin>")
        if stripped.startswith((b"[", b"{")):
            for a in _articles_from_json(text, "<stdin>", "stdin", warn):
                yield idx, a
            return
        if stripped[:200].lower().lstrip().startswith((b"<!doctype html", b"<html")):
            yield idx, article_from_html(text, "<stdin>", "stdin")
            return
        yield idx, article_from_text(text, "<stdin>", "stdin")
    except InputError as exc:
        yield idx, exc


class _Chain:
    """A readline-able stream that first returns one already-read line."""

    def __init__(self, first: bytes, rest):
        self._first: bytes | None = first
        self._rest = rest

    def readline(self, size: int = -1) -> bytes:
        if self._first is not None:
            line, self._first = self._first, None
            return line
        return self._rest.readline(size)

