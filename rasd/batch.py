"""Batch extraction: inputs -> pipeline -> writer, streaming, resumable, optionally parallel.

- Every article is written as soon as it is processed (a crash keeps finished work).
- A bad input (file, JSONL line) is reported (stderr and an optional errors JSONL) and skipped;
  the run goes on and `BatchResult.failed` counts it (the CLI exits 2).
- `resume=True` with an existing JSONL output skips the ids already written there (a trailing
  partial line left by a crash is cut off first) and appends.
- `workers=N` starts N processes; each reads its own shard of the inputs (unit index % N), runs
  the pipeline and writes its own shard file ("index<TAB>json" lines); the shards are merged in
  input order at the end. Records never travel between processes (pickling costs more than work).
  Where processes fork (Linux, macOS with fork), the pipeline is built ONCE in the parent before
  the workers are forked: they start at once and share its tables copy-on-write (`gc.freeze()`
  keeps the collector from touching, hence copying, those pages).
- `rss_log=PATH` appends one JSON line per `rss_every` articles and worker (worker, articles,
  rss_mb, pss_mb, seconds): the memory curve of a long run (PSS splits the shared pages).
"""

from __future__ import annotations

import gc
import heapq
import multiprocessing as mp
import os
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator

import orjson

from .errors import InputError
from .io.readers import DEFAULT_MAX_BYTES, iter_articles
from .io.writers import make_writer, record_json
from .model import Article, ArticleRecord, ErrorRecord


@dataclass
class BatchResult:
    written: int = 0
    skipped: int = 0
    failed: int = 0
    with_stage_errors: int = 0
    seconds: float = 0.0
    errors: list[ErrorRecord] = field(default_factory=list)   # input errors (kept up to 1000)

    @property
    def exit_code(self) -> int:
        return 2 if self.failed else 0


@dataclass
class BatchOptions:
    fmt: str = "jsonl"
    workers: int = 1
    resume: bool = False
    max_bytes: int = DEFAULT_MAX_BYTES
    limit: int | None = None
    errors_path: str | None = None
    quiet: bool = False
    progress: bool | None = None       # None: on when stderr is a TTY and not quiet
    stages: list[str] | None = None
    rss_log: str | None = None         # append {"worker", "articles", "rss_mb", "seconds"} JSON lines
    ray: bool = False                  # run the shards as Ray tasks (optional extra `ray`)
    ray_address: str | None = None     # an existing Ray cluster ("auto", "ray://host:10001"); None: local
    rss_every: int = 2000


def error_record(exc: InputError | Exception, path: str | None = None, stage: str = "input") -> ErrorRecord:
    if isinstance(exc, InputError):
        return ErrorRecord(stage=stage, message=exc.reason, path=exc.path, line=exc.line)
    return ErrorRecord(stage=stage, message=f"{type(exc).__name__}: {exc}", path=path)


def _say(err: ErrorRecord) -> None:
    where = f"{err.path}:{err.line}" if err.line is not None else (err.path or "?")
    print(f"rasd: error: {where}: {err.message}", file=sys.stderr, flush=True)


def done_ids(path: str | Path) -> set[str]:
    """Ids already written to a JSONL output; cuts off a trailing partial line (left by a crash)."""
    p = Path(path)
    if not p.exists() or p.stat().st_size == 0:
        return set()
    with open(p, "rb+") as fh:
        fh.seek(0, os.SEEK_END)
        size = fh.tell()
        fh.seek(max(0, size - 1))
        if fh.read(1) != b"\n":
            # Find the last newline and truncate after it.
            pos, block = size, 1 << 16
            keep = 0
            while pos > 0:
                start = max(0, pos - block)
                fh.seek(start)
                chunk = fh.read(pos - start)
                i = chunk.rfind(b"\n")
                if i >= 0:
                    keep = start + i + 1
                    break
                pos = start
            fh.truncate(keep)
    ids: set[str] = set()
    with open(p, "rb") as fh:
        for line in fh:
            if line.strip():
                try:
                    ids.add(str(orjson.loads(line)["id"]))
                except (orjson.JSONDecodeError, KeyError, TypeError):
                    continue
    return ids


def _process(pipeline, article: Article) -> ArticleRecord | ErrorRecord:
    try:
        return pipeline.process(article)
    except Exception as exc:  # the pipeline guards stages; this catches Doc building itself
        return error_record(exc, article.source_path, stage="pipeline")


def _progress(opts: BatchOptions):
    from tqdm import tqdm

    enabled = opts.progress if opts.progress is not None else (not opts.quiet and sys.stderr.isatty())
    return tqdm(disable=not enabled, unit="art", file=sys.stderr, desc="rasd", mininterval=0.5)


def run_batch(paths: Iterable[str], output: str | None, opts: BatchOptions | None = None,
              stdin: BinaryIO | None = None, stdout: BinaryIO | None = None) -> BatchResult:
    """Extract every article of `paths` into `output` (None or '-': stdout)."""
    opts = opts or BatchOptions()
    paths = [str(p) for p in paths]
    to_stdout = output in (None, "-")
    if opts.resume and (to_stdout or opts.fmt != "jsonl"):
        raise ValueError("--resume needs a JSONL output file (-o out.jsonl --format jsonl)")
    uses_stdin = "-" in paths
    if opts.ray:
        from .ray_backend import import_ray

        import_ray()  # fails now, before any output is opened, when Ray is missing
        if uses_stdin:
            raise ValueError("--ray reads files: it cannot read stdin ('-')")
    skip = done_ids(output) if opts.resume else set()
    workers = max(1, opts.workers if not uses_stdin else 1)
    t0 = time.perf_counter()
    err_fh = open(opts.errors_path, "ab" if opts.resume else "wb") if opts.errors_path else None
    if to_stdout:
        out_fh = stdout or sys.stdout.buffer
    else:
        Path(output).parent.mkdir(parents=True, exist_ok=True)
        out_fh = open(output, "ab" if opts.resume else "wb")
    writer = make_writer(opts.fmt, out_fh)
    try:
        if opts.ray:
            from .ray_backend import run_ray

            result = run_ray(paths, writer, opts, skip, err_fh, output, BatchResult())
        elif workers == 1:
            result = _run_serial(paths, writer, opts, skip, err_fh, stdin)
        else:
            result = _run_parallel(paths, writer, opts, skip, err_fh, workers, output)
    finally:
        writer.close()
        if not to_stdout:
            out_fh.close()
        if err_fh:
            err_fh.close()
    result.seconds = time.perf_counter() - t0
    return result


def _record_error(result: BatchResult, err: ErrorRecord, err_fh, quiet: bool) -> None:
    result.failed += 1
    if len(result.errors) < 1000:
        result.errors.append(err)
    _say(err)
    if err_fh:
        err_fh.write(orjson.dumps(err.model_dump(mode="json")) + b"\n")
        err_fh.flush()


def build_pipeline(stages: list[str] | None = None):
    """The pipeline, with its lazily built tables already built (one small article through it)."""
    from .pipeline import Pipeline

    pipeline = Pipeline.default(stages)
    pipeline.process(Article(id="warm-up", text="قتل 3 أشخاص في قصف على مدينة حلب يوم الأحد، وقال الجيش إن 12 مسلحا هاجموا القرية."))
    return pipeline


def pss_mb() -> float | None:
    """Proportional set size (shared pages split between the processes sharing them), Linux only."""
    try:
        with open("/proc/self/smaps_rollup", "rb") as fh:
            for line in fh:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        pass
    return None


def rss_mb() -> float:
    """Resident memory of this process now (Linux /proc), else its peak (ru_maxrss)."""
    try:
        with open("/proc/self/statm", "rb") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak / (2**20 if sys.platform == "darwin" else 2**10)


class _RssLog:
    """Appends the memory curve of one worker to `opts.rss_log` every `opts.rss_every` articles."""

    def __init__(self, opts: BatchOptions, worker: int):
        self.path, self.every, self.worker = opts.rss_log, max(1, opts.rss_every), worker
        self.t0 = time.perf_counter()
        self.count = 0
        self.logged = -1

    def tick(self, force: bool = False) -> None:
        self.count += not force
        if self.path and self.logged != self.count and (force or self.count % self.every == 0):
            self.logged = self.count
            pss = pss_mb()
            line = orjson.dumps({"worker": self.worker, "articles": self.count, "rss_mb": round(rss_mb(), 1),
                                 "pss_mb": None if pss is None else round(pss, 1),
                                 "seconds": round(time.perf_counter() - self.t0, 1)})
            with open(self.path, "ab") as fh:  # one short append per line: workers do not interleave
                fh.write(line + b"\n")


def _run_serial(paths, writer, opts: BatchOptions, skip: set[str], err_fh, stdin) -> BatchResult:
    pipeline = build_pipeline(opts.stages)
    rss = _RssLog(opts, 0)
    rss.tick(force=True)
    result = BatchResult()
    bar = _progress(opts)
    items = iter_articles(paths, max_bytes=opts.max_bytes, limit=opts.limit, stdin=stdin, warn=_warn)
    for item in items:
        if isinstance(item, InputError):
            _record_error(result, error_record(item), err_fh, opts.quiet)
            continue
        if item.id in skip:
            result.skipped += 1
            continue
        rec = _process(pipeline, item)
        if isinstance(rec, ErrorRecord):
            _record_error(result, rec, err_fh, opts.quiet)
            continue
        writer.write(rec)
        result.written += 1
        result.with_stage_errors += bool(rec.errors)
        bar.update(1)
        rss.tick()
    bar.close()
    rss.tick(force=True)
    return result


def _warn(message: str) -> None:
    print(f"rasd: warning: {message}", file=sys.stderr, flush=True)


# -- parallel --------------------------------------------------------------------------------------

_FORKED_PIPELINE = None  # set in the parent just before forking: the workers inherit it


def process_shard(k: int, n: int, paths: list[str], opts: BatchOptions, skip: set[str], shard_dir: str,
                  pipeline=None, on_article=None) -> dict:
    """Run shard k of n (input units with index % n == k) into `shard_dir`/out-k.tsv and err-k.tsv
    ("index<TAB>json" lines, in input order); return the shard's counts (also written to
    stats-k.json). Used by the local worker processes and by the Ray tasks."""
    pipeline = pipeline if pipeline is not None else build_pipeline(opts.stages)
    rss = _RssLog(opts, k)
    rss.tick(force=True)
    out_path = os.path.join(shard_dir, f"out-{k}.tsv")
    err_path = os.path.join(shard_dir, f"err-{k}.tsv")
    stats = {"written": 0, "skipped": 0, "failed": 0, "stage_errors": 0}
    with open(out_path, "wb") as out, open(err_path, "wb") as errs:
        for idx, item in iter_articles(paths, max_bytes=opts.max_bytes, limit=opts.limit, shard=(k, n),
                                       warn=_warn, with_index=True):
            if isinstance(item, Article) and item.id in skip:
                stats["skipped"] += 1
                continue
            rec = _process(pipeline, item) if isinstance(item, Article) else error_record(item)
            if isinstance(rec, ErrorRecord):
                _say(rec)
                errs.write(b"%d\t" % idx + orjson.dumps(rec.model_dump(mode="json")) + b"\n")
                stats["failed"] += 1
                continue
            out.write(b"%d\t" % idx + record_json(rec) + b"\n")
            stats["written"] += 1
            stats["stage_errors"] += bool(rec.errors)
            if on_article is not None:
                on_article()
            rss.tick()
    rss.tick(force=True)
    with open(os.path.join(shard_dir, f"stats-{k}.json"), "wb") as fh:
        fh.write(orjson.dumps(stats))
    return stats


def _worker(k: int, n: int, paths: list[str], opts: BatchOptions, skip: set[str], shard_dir: str, counter) -> None:
    def count() -> None:
        with counter.get_lock():
            counter.value += 1

    process_shard(k, n, paths, opts, skip, shard_dir, _FORKED_PIPELINE, count)


def _shard_lines(path: str) -> Iterator[tuple[int, bytes]]:
    if not os.path.exists(path):
        return
    with open(path, "rb") as fh:
        for line in fh:
            if not line.endswith(b"\n"):
                break  # a worker died mid-line: the complete lines before it are kept
            idx, _, data = line.partition(b"\t")
            yield int(idx), data[:-1]


def _run_parallel(paths, writer, opts: BatchOptions, skip: set[str], err_fh, workers: int, output: str | None) -> BatchResult:
    global _FORKED_PIPELINE
    fork = "fork" in mp.get_all_start_methods()
    ctx = mp.get_context("fork" if fork else "spawn")
    base = Path(output).parent if output not in (None, "-") else None
    shard_dir = tempfile.mkdtemp(prefix=".rasd-shards-", dir=base)
    result = BatchResult()
    counter = ctx.Value("q", 0)
    procs = [ctx.Process(target=_worker, args=(k, workers, paths, opts, skip, shard_dir, counter), daemon=True)
             for k in range(workers)]
    if fork:  # build once here; the forked workers share it copy-on-write
        _FORKED_PIPELINE = build_pipeline(opts.stages)
        gc.collect()
        gc.freeze()
    bar = _progress(opts)
    try:
        for p in procs:
            p.start()
        if fork:
            _FORKED_PIPELINE = None
            gc.unfreeze()
        while any(p.is_alive() for p in procs):
            time.sleep(0.2)
            bar.update(counter.value - bar.n)
        bar.update(counter.value - bar.n)
        bar.close()
        for k, p in enumerate(procs):
            p.join()
            stats_path = os.path.join(shard_dir, f"stats-{k}.json")
            if p.exitcode != 0 or not os.path.exists(stats_path):
                _record_error(result, ErrorRecord(stage="worker", message=f"worker {k} stopped (exit code {p.exitcode}); "
                                                  "its finished articles are kept"), err_fh, opts.quiet)
            else:
                stats = orjson.loads(Path(stats_path).read_bytes())
                result.skipped += stats["skipped"]
                result.with_stage_errors += stats["stage_errors"]
        merge_shards(shard_dir, workers, writer, result, err_fh)
    finally:
        _FORKED_PIPELINE = None
        for p in procs:
            if p.is_alive():
                p.terminate()
        shutil.rmtree(shard_dir, ignore_errors=True)
    return result


def merge_shards(shard_dir: str, n: int, writer, result: BatchResult, err_fh) -> None:
    """Write the records of shards 0..n-1 in input order (each shard is sorted by unit index, so
    `heapq.merge` streams them: memory stays flat) and count their errors into `result`."""
    outs = [_shard_lines(os.path.join(shard_dir, f"out-{k}.tsv")) for k in range(n)]
    raw = getattr(writer, "write_raw", None)
    for _, data in heapq.merge(*outs, key=lambda t: t[0]):
        if raw is not None:
            raw(data)
        else:
            writer.write(ArticleRecord.model_validate_json(data))
        result.written += 1
    errs = [_shard_lines(os.path.join(shard_dir, f"err-{k}.tsv")) for k in range(n)]
    for _, data in heapq.merge(*errs, key=lambda t: t[0]):
        result.failed += 1
        if len(result.errors) < 1000:
            result.errors.append(ErrorRecord.model_validate_json(data))
        if err_fh:
            err_fh.write(data + b"\n")


def process_texts(texts: Iterable[str], pipeline=None) -> Iterator[ArticleRecord]:
    """Convenience for the Python API: records for raw article texts (ids '1', '2', …)."""
    from .pipeline import Pipeline

    pipeline = pipeline or Pipeline.default()
    for i, t in enumerate(texts, 1):
        yield pipeline.process(Article(id=str(i), text=t))
