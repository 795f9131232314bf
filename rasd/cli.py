"""The `rasd` command line. (Skeleton: the core helper fills in extract/demo/schema.)"""

from __future__ import annotations

import typer

app = typer.Typer(add_completion=False, no_args_is_help=True, help="rasd: Arabic conflict news to evidence-linked records")


@app.command()
def schema() -> None:
    """Print the JSON Schema of the output records."""
    import orjson

    from .model import output_schema

    typer.echo(orjson.dumps(output_schema(), option=orjson.OPT_INDENT_2).decode())


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


if __name__ == "__main__":
    app()
