"""Opt-in Ray backend for `rasd extract --ray`: scale one run out over a Ray cluster.

Each Ray task processes one input shard (the units with index % n == k, as the local workers do)
with the pipeline of its Ray worker process (built once per process and kept), and writes its own
output shard file; only the shard's counts come back to the driver, never the records. The driver
then merges the shards in input order, streaming. With a multi-node cluster, the output folder
(where the shards are written) must be on storage all nodes share.

Ray is an optional extra (`pip install 'rasd[ray]'`) and is imported only here, only when asked for.
"""

from __future__ import annotations

import importlib
import os
import shutil
import tempfile
from pathlib import Path

from .errors import BackendMissingError

_PIPELINE = None  # one pipeline per Ray worker process, reused by every task it runs


def import_ray():
    """The `ray` module, or BackendMissingError saying how to install it."""
    try:
        return importlib.import_module("ray")
    except ImportError as exc:
        raise BackendMissingError(
            "--ray needs the optional Ray backend, which is not installed: "
            "pip install 'rasd[ray]' (or: pip install 'ray>=2.9,<3'), or run without --ray "
            "(--workers N uses local processes)"
        ) from exc


def _run_shard(k: int, n: int, paths: list[str], opts, skip: set[str], shard_dir: str) -> dict:
    from .batch import build_pipeline, process_shard

    global _PIPELINE
    if _PIPELINE is None:
        _PIPELINE = build_pipeline(opts.stages)
    return process_shard(k, n, paths, opts, skip, shard_dir, _PIPELINE)


def run_ray(paths: list[str], writer, opts, skip: set[str], err_fh, output: str | None, result):
    """Run the batch as Ray tasks (one per shard) and merge their shard files into `writer`."""
    from .batch import merge_shards
    from .model import ErrorRecord

    ray = import_ray()
    if not ray.is_initialized():
        kwargs = {"address": opts.ray_address} if opts.ray_address else {}
        ray.init(log_to_driver=not opts.quiet, include_dashboard=False, **kwargs)
    n = opts.workers if opts.workers > 1 else max(1, int(ray.cluster_resources().get("CPU", 1)))
    base = Path(output).parent if output not in (None, "-") else None
    shard_dir = tempfile.mkdtemp(prefix=".rasd-shards-", dir=base)
    task = ray.remote(num_cpus=1, max_retries=0)(_run_shard)
    try:
        refs = [task.remote(k, n, [os.path.abspath(p) for p in paths], opts, skip, shard_dir) for k in range(n)]
        for k, ref in enumerate(refs):
            try:
                stats = ray.get(ref)
            except Exception as exc:  # a failed task: its finished articles are still merged
                err = ErrorRecord(stage="worker", message=f"ray task {k} failed ({type(exc).__name__}); "
                                  "its finished articles are kept")
                result.failed += 1
                result.errors.append(err)
                continue
            result.skipped += stats["skipped"]
            result.with_stage_errors += stats["stage_errors"]
        merge_shards(shard_dir, n, writer, result, err_fh)
    finally:
        shutil.rmtree(shard_dir, ignore_errors=True)
    return result
