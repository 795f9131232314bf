import orjson
from typer.testing import CliRunner

from rasd.cli import app, sample_paths
from rasd.model import SCHEMA_VERSION

AR = "قتل خمسة أشخاص وأصيب عشرات آخرون في قصف على المدينة."
runner = CliRunner()


def make_inputs(tmp_path, n=5, bad=True):
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.jsonl").write_bytes(b"".join(orjson.dumps({"id": f"j{i}", "text": AR}) + b"\n" for i in range(n)))
    (d / "b.txt").write_text("عنوان\n" + AR, encoding="utf-8")
    if bad:
        (d / "c.txt").write_bytes(b"")
        (d / "d.jsonl").write_bytes(b"{oops\n")
    return d


def read_jsonl(p):
    return [orjson.loads(x) for x in p.read_bytes().splitlines() if x.strip()]


def test_schema_is_versioned():
    r = runner.invoke(app, ["schema"])
    assert r.exit_code == 0
    s = orjson.loads(r.stdout)
    assert SCHEMA_VERSION in s["$id"] and "quantities" in s["properties"]


def test_demo_prints_summary():
    assert len(sample_paths()) >= 4
    r = runner.invoke(app, ["demo"])
    assert r.exit_code == 0, r.output
    assert "sample articles" in r.stdout and "quantity" in r.stdout


def test_extract_jsonl_errors_and_exit_code(tmp_path):
    d = make_inputs(tmp_path)
    out, errs = tmp_path / "out.jsonl", tmp_path / "errors.jsonl"
    r = runner.invoke(app, ["extract", str(d), "-o", str(out), "--errors", str(errs), "-q"])
    assert r.exit_code == 2
    recs = read_jsonl(out)
    assert [x["id"] for x in recs] == [f"j{i}" for i in range(5)] + ["b"]
    assert all(x["schema"] == SCHEMA_VERSION for x in recs)
    e = read_jsonl(errs)
    assert {(x["path"].rsplit("/", 1)[-1], x["line"]) for x in e} == {("c.txt", None), ("d.jsonl", 1)}
    assert "c.txt" in r.stderr


def test_extract_ok_exit_zero_and_json_format(tmp_path):
    d = make_inputs(tmp_path, bad=False)
    out = tmp_path / "out.json"
    r = runner.invoke(app, ["extract", str(d), "-o", str(out), "--format", "json", "-q"])
    assert r.exit_code == 0
    data = orjson.loads(out.read_bytes())
    assert len(data) == 6 and data[0]["id"] == "j0"


def test_resume_skips_written_ids_and_repairs_partial_line(tmp_path):
    d = make_inputs(tmp_path, bad=False)
    out = tmp_path / "out.jsonl"
    runner.invoke(app, ["extract", str(d), "-o", str(out), "-q", "--limit", "3"])
    assert len(read_jsonl(out)) == 3
    with open(out, "ab") as fh:
        fh.write(b'{"schema": "rasd/1", "id": "j3", "te')  # a crash mid-line
    r = runner.invoke(app, ["extract", str(d), "-o", str(out), "-q", "--resume"])
    assert r.exit_code == 0
    assert [x["id"] for x in read_jsonl(out)] == [f"j{i}" for i in range(5)] + ["b"]


def test_parallel_workers_same_output_as_serial(tmp_path):
    d = make_inputs(tmp_path, n=9)
    o1, o2 = tmp_path / "o1.jsonl", tmp_path / "o2.jsonl"
    r1 = runner.invoke(app, ["extract", str(d), "-o", str(o1), "-q"])
    r2 = runner.invoke(app, ["extract", str(d), "-o", str(o2), "-q", "--workers", "2", "--errors", str(tmp_path / "e.jsonl")])
    assert r1.exit_code == r2.exit_code == 2
    assert o1.read_bytes() == o2.read_bytes()
    assert len(read_jsonl(tmp_path / "e.jsonl")) == 2
    assert not list(tmp_path.glob(".rasd-shards-*"))


def test_stdin_to_stdout():
    r = runner.invoke(app, ["extract", "-", "-q"], input=("عنوان\n" + AR).encode())
    assert r.exit_code == 0
    (rec,) = [orjson.loads(x) for x in r.stdout.splitlines() if x.strip()]
    assert rec["id"] == "stdin" and rec["text"] == AR


def test_every_output_span_points_into_text(tmp_path):
    out = tmp_path / "o.jsonl"
    r = runner.invoke(app, ["extract", *map(str, sample_paths()), "-o", str(out), "-q"])
    assert r.exit_code == 0
    for rec in read_jsonl(out):
        for q in rec["quantities"]:
            assert rec["text"][q["start"]:q["end"]] == q["text"]


def test_limit_is_the_same_with_workers(tmp_path):
    d = make_inputs(tmp_path, n=9, bad=False)
    for w in ("1", "2", "3"):
        out = tmp_path / f"o{w}.jsonl"
        runner.invoke(app, ["extract", str(d / "a.jsonl"), "-o", str(out), "-q", "--limit", "4", "--workers", w])
        assert [x["id"] for x in read_jsonl(out)] == ["j0", "j1", "j2", "j3"]
