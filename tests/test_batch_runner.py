"""The batch runner: pipeline built once before forking, memory log, the optional Ray backend."""

import builtins
import importlib.util

import orjson
import pytest
from typer.testing import CliRunner

from rasd import batch
from rasd.batch import BatchOptions, run_batch
from rasd.cli import app
from rasd.errors import BackendMissingError

AR = "قتل خمسة أشخاص وأصيب عشرات آخرون في قصف على المدينة يوم الأحد."
runner = CliRunner()


def inputs(tmp_path, n=6):
    p = tmp_path / "a.jsonl"
    p.write_bytes(b"".join(orjson.dumps({"id": f"j{i}", "text": AR}) + b"\n" for i in range(n)))
    return p


def ids(path):
    return [orjson.loads(x)["id"] for x in path.read_bytes().splitlines() if x.strip()]


def test_rss_log_serial_and_workers(tmp_path):
    src = inputs(tmp_path, n=6)
    for w in (1, 2):
        log = tmp_path / f"rss{w}.jsonl"
        out = tmp_path / f"o{w}.jsonl"
        res = run_batch([str(src)], str(out), BatchOptions(workers=w, quiet=True, rss_log=str(log), rss_every=2))
        assert res.written == 6 and ids(out) == [f"j{i}" for i in range(6)]
        lines = [orjson.loads(x) for x in log.read_bytes().splitlines()]
        assert {x["worker"] for x in lines} == set(range(w))
        assert all(x["rss_mb"] > 0 for x in lines)
        for k in range(w):  # a first line at 0, then every 2 articles, the last count once
            counts = [x["articles"] for x in lines if x["worker"] == k]
            assert counts[0] == 0 and counts == sorted(set(counts)) and counts[-1] == 6 // w


def test_workers_use_the_pipeline_built_before_fork(tmp_path, monkeypatch):
    built = []
    real = batch.build_pipeline

    def counting(stages=None):
        built.append(stages)
        return real(stages)

    monkeypatch.setattr(batch, "build_pipeline", counting)
    out = tmp_path / "o.jsonl"
    res = run_batch([str(inputs(tmp_path))], str(out), BatchOptions(workers=2, quiet=True))
    assert res.written == 6
    if "fork" in __import__("multiprocessing").get_all_start_methods():
        assert len(built) == 1  # the parent's; the workers inherit it
    assert batch._FORKED_PIPELINE is None


def test_ray_missing_is_a_clear_error(tmp_path, monkeypatch):
    real_import = builtins.__import__

    def no_ray(name, *a, **kw):
        if name == "ray" or name.startswith("ray."):
            raise ImportError("No module named 'ray'")
        return real_import(name, *a, **kw)

    monkeypatch.setattr(builtins, "__import__", no_ray)
    monkeypatch.setattr("importlib.import_module", lambda name, *a: no_ray(name))
    out = tmp_path / "o.jsonl"
    with pytest.raises(BackendMissingError, match=r"pip install 'rasd\[ray\]'"):
        run_batch([str(inputs(tmp_path))], str(out), BatchOptions(ray=True, quiet=True))
    assert not out.exists()  # failed before opening the output
    r = runner.invoke(app, ["extract", str(inputs(tmp_path)), "-o", str(out), "--ray", "-q"])
    assert r.exit_code == 1 and "rasd[ray]" in r.output


@pytest.mark.skipif(importlib.util.find_spec("ray") is None, reason="ray is not installed (optional extra)")
def test_ray_backend_same_output_as_serial(tmp_path):
    import ray

    src = inputs(tmp_path, n=5)
    o1, o2 = tmp_path / "o1.jsonl", tmp_path / "o2.jsonl"
    run_batch([str(src)], str(o1), BatchOptions(quiet=True))
    try:
        ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
        res = run_batch([str(src)], str(o2), BatchOptions(ray=True, workers=2, quiet=True))
    finally:
        ray.shutdown()
    assert res.written == 5 and res.failed == 0
    assert o1.read_bytes() == o2.read_bytes()
    assert not list(tmp_path.glob(".rasd-shards-*"))
