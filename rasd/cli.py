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


from .places.cli import gazetteer_app  # noqa: E402  (places helper: `rasd gazetteer …`)

app.add_typer(gazetteer_app, name="gazetteer")


if __name__ == "__main__":
    app()
