"""The `rasd` command line: extract, demo, schema (add commands with `@app.command()`)."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="rasd: Arabic conflict news to evidence-linked records")


class OutputFormat(str, Enum):
    jsonl = "jsonl"
    json = "json"
    acled_csv = "acled-csv"
    ucdp_csv = "ucdp-csv"


@app.command()
def extract(
    paths: List[str] = typer.Argument(..., help="files, directories or '-' (stdin): .txt .json .jsonl .jsonl.gz .html"),
    output: Optional[str] = typer.Option(None, "-o", "--output", help="output file (default: stdout)"),
    fmt: OutputFormat = typer.Option(OutputFormat.jsonl, "--format", "-f", help="output format"),
    workers: int = typer.Option(1, "--workers", "-w", min=1, help="worker processes (each reads its own shard)"),
    resume: bool = typer.Option(False, "--resume", help="skip ids already in the -o JSONL file and append"),
    errors: Optional[str] = typer.Option(None, "--errors", help="also write input errors to this JSONL file"),
    max_size: float = typer.Option(20.0, "--max-size", help="size limit per article/file, in MB"),
    limit: Optional[int] = typer.Option(None, "--limit", help="read at most this many input units"),
    stages: Optional[str] = typer.Option(None, "--stages", help="comma-separated stage names (default: all)"),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="no progress bar and no summary line"),
    rss_log: Optional[str] = typer.Option(None, "--rss-log", help="append each worker's memory (RSS) to this JSONL file"),
    rss_every: int = typer.Option(2000, "--rss-every", min=1, help="articles between two --rss-log lines"),
    ray: bool = typer.Option(False, "--ray", help="run the shards as Ray tasks (needs the extra: pip install 'rasd[ray]')"),
    ray_address: Optional[str] = typer.Option(None, "--ray-address", help="Ray cluster to join (default: start a local one)"),
) -> None:
    """Extract records from Arabic articles; one JSON object per article (exit 2 if some inputs failed)."""
    from .batch import BatchOptions, run_batch

    opts = BatchOptions(fmt=fmt.value, workers=workers, resume=resume, max_bytes=int(max_size * 1024 * 1024),
                        limit=limit, errors_path=errors, quiet=quiet, rss_log=rss_log, rss_every=rss_every,
                        ray=ray or ray_address is not None, ray_address=ray_address,
                        stages=[s.strip() for s in stages.split(",") if s.strip()] if stages else None)
    try:
        result = run_batch(paths, output, opts)
    except (ValueError, OSError, ImportError) as exc:
        typer.echo(f"rasd: error: {exc}", err=True)
        raise typer.Exit(1)
    if not quiet:
        rate = result.written / result.seconds if result.seconds else 0.0
        typer.echo(f"rasd: {result.written} articles written to {output or 'stdout'}, {result.skipped} skipped, "
                   f"{result.failed} failed, {result.with_stage_errors} with stage errors "
                   f"({result.seconds:.1f} s, {rate:.0f} articles/s)", err=True)
    raise typer.Exit(result.exit_code)


def sample_paths() -> list[Path]:
    """The Arabic sample articles bundled with the package."""
    from importlib.resources import files

    root = files("rasd") / "samples"
    return sorted(Path(str(p)) for p in root.iterdir() if p.name.endswith((".txt", ".json", ".jsonl")))


@app.command()
def demo(
    as_json: bool = typer.Option(False, "--json", help="print the full JSON records instead of the summary"),
) -> None:
    """Run the default pipeline on the bundled sample articles and print what it found."""
    from .io.readers import read_articles
    from .io.writers import record_json
    from .pipeline import Pipeline
    from .summary import summarize_all

    pipeline = Pipeline.default()
    records = [pipeline.process(a) for a in read_articles(sample_paths())]
    if as_json:
        for r in records:
            sys.stdout.buffer.write(record_json(r) + b"\n")
        return
    typer.echo(f"rasd demo: {len(records)} sample articles, stages: {', '.join(pipeline.names)}\n")
    typer.echo(summarize_all(records))


@app.command()
def schema() -> None:
    """Print the JSON Schema of the output records."""
    import orjson

    from .model import output_schema

    typer.echo(orjson.dumps(output_schema(), option=orjson.OPT_INDENT_2).decode())


from .places.cli import gazetteer_app  # noqa: E402  (places helper: `rasd gazetteer …`)

app.add_typer(gazetteer_app, name="gazetteer")


@app.command("eval")
def eval_command(
    gold_dir: str = typer.Argument(..., help="folder of gold *.json articles (format: gold/GUIDE.md)"),
    json_out: bool = typer.Option(False, "--json", help="print the figures as JSON"),
    per_article: bool = typer.Option(False, "--per-article", help="add a per-article breakdown"),
) -> None:
    """Run the default pipeline on gold articles and print event/entity/quote P/R/F1."""
    import sys

    from .eval.report import format_json, format_text
    from .eval.score import evaluate

    result = evaluate(gold_dir)
    if json_out:
        sys.stdout.buffer.write(format_json(result, per_article) + b"\n")
    else:
        typer.echo(format_text(result, per_article))



def main() -> None:
    app()


if __name__ == "__main__":
    main()
